/**
 * A `node:http` server on 127.0.0.1 speaking the subset of the Cloud Storage JSON API that
 * @google-cloud/storage uses to write, read, list and delete objects: multipart and resumable uploads
 * (session PUTs with Content-Range, 308 for incomplete), object metadata with `crc32c` and `md5Hash`,
 * media download with Range, list by prefix, delete, and `ifGenerationMatch`. An object appears only
 * when its upload completes. Switches inject 503s and connections dropped mid-upload.
 * Reference: https://cloud.google.com/storage/docs/json_api/v1/objects and
 * https://cloud.google.com/storage/docs/performing-resumable-uploads
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32cBase64 } from './crc32c-reference.js';

/** A completed object: its bytes and its JSON API resource (generation, size, md5Hash, crc32c...). */
export interface StoredObject {
  readonly data: Buffer;
  readonly resource: Record<string, string>;
}

interface ResumableSession {
  readonly bucket: string;
  readonly name: string;
  readonly metadata: Record<string, unknown>;
  readonly chunks: Buffer[];
  received: number;
  done: StoredObject | undefined;
}

/** The loopback GCS server; `start()` binds 127.0.0.1 on a free port. */
export class GcsServer {
  readonly port: number;
  /** `METHOD path?query` of every request, in order. */
  readonly log: string[] = [];
  /** Objects by `bucket/name`. */
  readonly objects = new Map<string, StoredObject>();
  /** The next this-many requests (of any kind) are answered 503. */
  fail503 = 0;
  /** The next this-many upload requests have their connection destroyed before the body is stored. */
  dropUploads = 0;
  /** The next this-many completed uploads have one byte flipped, as if corrupted in transit. */
  corruptUploads = 0;
  private readonly sessions = new Map<string, ResumableSession>();
  private readonly server: Server;
  private generation = 1000;

  private constructor(server: Server, port: number) {
    this.server = server;
    this.port = port;
  }

  static async start(): Promise<GcsServer> {
    let instance: GcsServer | undefined;
    const server = createServer((request, response) => {
      instance?.handle(request, response).catch(error => {
        response.writeHead(500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { code: 500, message: String(error) } }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    instance = new GcsServer(server, (server.address() as AddressInfo).port);
    return instance;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>(resolve => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.endpoint);
    const method = request.method ?? 'GET';
    this.log.push(`${method} ${url.pathname}${url.search}`);
    if (this.fail503 > 0) {
      this.fail503 -= 1;
      await readBody(request);
      return sendJson(response, 503, { error: { code: 503, message: 'Service Unavailable (injected)' } });
    }
    const isUpload = url.pathname.startsWith('/upload/') && (url.searchParams.get('uploadType') === 'multipart' || method === 'PUT');
    if (isUpload && this.dropUploads > 0) {
      this.dropUploads -= 1;
      // Take the first bytes of the body, then cut the connection: the upload never completes.
      await new Promise<void>(resolve => request.once('data', () => resolve()).once('end', () => resolve()));
      request.socket.destroy();
      return;
    }
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    const object = /^\/(?:download\/)?storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    const list = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    if (upload !== null && method === 'POST' && url.searchParams.get('uploadType') === 'multipart') {
      return this.multipart(upload[1], url, request, response);
    }
    if (upload !== null && method === 'POST' && url.searchParams.get('uploadType') === 'resumable') {
      return this.startResumable(upload[1], url, request, response);
    }
    if (upload !== null && method === 'PUT') return this.resumablePut(url, request, response);
    if (object !== null) {
      const key = `${object[1]}/${decodeURIComponent(object[2])}`;
      await readBody(request);
      const stored = this.objects.get(key);
      if (stored === undefined) return sendJson(response, 404, { error: { code: 404, message: `No such object: ${key}` } });
      if (method === 'DELETE') {
        this.objects.delete(key);
        response.writeHead(204).end();
        return;
      }
      if (url.searchParams.get('alt') === 'media') return sendMedia(request, response, stored);
      return sendJson(response, 200, stored.resource);
    }
    if (list !== null && method === 'GET') {
      const prefix = url.searchParams.get('prefix') ?? '';
      const items = [...this.objects.entries()]
        .filter(([key]) => key.startsWith(`${list[1]}/${prefix}`))
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([, stored]) => stored.resource);
      return sendJson(response, 200, { kind: 'storage#objects', items });
    }
    await readBody(request);
    sendJson(response, 404, { error: { code: 404, message: `not served: ${method} ${url.pathname}` } });
  }

  private precondition(bucket: string, name: string, url: URL): boolean {
    const expected = url.searchParams.get('ifGenerationMatch');
    if (expected === null) return true;
    const current = this.objects.get(`${bucket}/${name}`)?.resource.generation ?? '0';
    return current === expected;
  }

  /** Stores a completed upload, or returns why not: hashes sent with the metadata must match. */
  private store(bucket: string, name: string, metadata: Record<string, unknown>, received: Buffer): StoredObject | string {
    let data = received;
    if (this.corruptUploads > 0 && data.length > 0) {
      this.corruptUploads -= 1;
      data = Buffer.from(received);
      data[0] ^= 0xff;
    }
    const md5Hash = createHash('md5').update(data).digest('base64');
    const crc32c = crc32cBase64(data);
    if (metadata.md5Hash !== undefined && metadata.md5Hash !== md5Hash) {
      return `Provided MD5 hash "${String(metadata.md5Hash)}" doesn't match calculated MD5 hash "${md5Hash}".`;
    }
    if (metadata.crc32c !== undefined && metadata.crc32c !== crc32c) {
      return `Provided CRC32C "${String(metadata.crc32c)}" doesn't match calculated CRC32C "${crc32c}".`;
    }
    this.generation += 1;
    const now = new Date().toISOString();
    const resource: Record<string, string> = {
      kind: 'storage#object',
      id: `${bucket}/${name}/${this.generation}`,
      name,
      bucket,
      generation: String(this.generation),
      metageneration: '1',
      contentType: String(metadata.contentType ?? 'application/octet-stream'),
      size: String(data.length),
      md5Hash,
      crc32c,
      timeCreated: now,
      updated: now,
      etag: `e${this.generation}`,
    };
    const stored = { data, resource };
    this.objects.set(`${bucket}/${name}`, stored);
    return stored;
  }

  private async multipart(bucket: string, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const boundary = /boundary="?([^";]+)"?/.exec(request.headers['content-type'] ?? '')?.[1];
    if (boundary === undefined) return sendJson(response, 400, { error: { code: 400, message: 'no multipart boundary' } });
    const parts = splitMultipart(body, boundary);
    if (parts.length !== 2) return sendJson(response, 400, { error: { code: 400, message: `expected 2 parts, got ${parts.length}` } });
    const metadata = JSON.parse(parts[0].toString('utf8')) as Record<string, unknown>;
    const name = String(metadata.name ?? url.searchParams.get('name'));
    if (!this.precondition(bucket, name, url)) return sendJson(response, 412, { error: { code: 412, message: 'Precondition Failed' } });
    const stored = this.store(bucket, name, metadata, parts[1]);
    if (typeof stored === 'string') return sendJson(response, 400, { error: { code: 400, message: stored } });
    sendJson(response, 200, stored.resource);
  }

  private async startResumable(bucket: string, url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const metadata = (body.length > 0 ? JSON.parse(body.toString('utf8')) : {}) as Record<string, unknown>;
    const name = String(url.searchParams.get('name') ?? metadata.name);
    if (!this.precondition(bucket, name, url)) return sendJson(response, 412, { error: { code: 412, message: 'Precondition Failed' } });
    const id = randomUUID();
    this.sessions.set(id, { bucket, name, metadata, chunks: [], received: 0, done: undefined });
    response.writeHead(200, { location: `${this.endpoint}/upload/storage/v1/b/${bucket}/o?uploadType=resumable&upload_id=${id}` });
    response.end();
  }

  private async resumablePut(url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const session = this.sessions.get(url.searchParams.get('upload_id') ?? '');
    if (session === undefined) return sendJson(response, 404, { error: { code: 404, message: 'no such upload session' } });
    if (session.done !== undefined) return sendJson(response, 200, session.done.resource);
    const range = /^bytes (\*|(\d+)-(\d+|\*))\/(\*|\d+)$/.exec(String(request.headers['content-range'] ?? ''));
    if (range === null) return sendJson(response, 400, { error: { code: 400, message: 'bad Content-Range' } });
    const total = range[4] === '*' ? undefined : Number(range[4]);
    if (range[1] !== '*') {
      const first = Number(range[2]);
      if (first > session.received) return sendJson(response, 400, { error: { code: 400, message: 'gap in upload' } });
      // Bytes before `received` were already stored by an earlier attempt.
      const fresh = body.subarray(session.received - first);
      session.chunks.push(fresh);
      session.received += fresh.length;
    }
    if (total !== undefined && session.received === total) {
      const stored = this.store(session.bucket, session.name, session.metadata, Buffer.concat(session.chunks));
      if (typeof stored === 'string') {
        this.sessions.delete(url.searchParams.get('upload_id') ?? '');
        return sendJson(response, 400, { error: { code: 400, message: stored } });
      }
      session.done = stored;
      return sendJson(response, 200, stored.resource);
    }
    const headers: Record<string, string> = session.received > 0 ? { range: `bytes=0-${session.received - 1}` } : {};
    response.writeHead(308, headers).end();
  }
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

function sendMedia(request: IncomingMessage, response: ServerResponse, stored: StoredObject): void {
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
  const headers = {
    'content-type': stored.resource.contentType,
    'x-goog-generation': stored.resource.generation,
    'x-goog-stored-content-length': stored.resource.size,
  };
  if (range === null) {
    const hash = `crc32c=${stored.resource.crc32c},md5=${stored.resource.md5Hash}`;
    response.writeHead(200, { ...headers, 'x-goog-hash': hash, 'content-length': stored.data.length });
    response.end(stored.data);
    return;
  }
  const start = Number(range[1]);
  const end = range[2] === '' ? stored.data.length - 1 : Math.min(Number(range[2]), stored.data.length - 1);
  const slice = stored.data.subarray(start, end + 1);
  response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${stored.data.length}`, 'content-length': slice.length });
  response.end(slice);
}

/** The bodies of a multipart/related payload, in order. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Buffer[] = [];
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    const part = body.subarray(start, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    // The part ends with the CRLF that precedes the next delimiter.
    parts.push(part.subarray(headerEnd + 4, part.length - 2));
    at = next;
  }
  return parts;
}
