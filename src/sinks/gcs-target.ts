/**
 * An output location in Google Cloud Storage, `gs://bucket/prefix`, through @google-cloud/storage.
 *
 * Atomic for readers: GCS makes an object visible only when its upload completes, whether a single
 * multipart request (small objects) or a chunked resumable upload (large ones), and a failed upload
 * leaves the previous generation in place. The MD5 and CRC32C of the bytes are sent with the
 * object, so the service refuses a corrupted upload instead of storing it, and are checked again
 * against what it reports back. Retries on 429/5xx and dropped connections use the client's own
 * retry machinery with an explicit policy. Credentials: Application Default Credentials.
 * Parity: jetstream export_json / bigquery_client uploads to gs://mozanalysis (ARCHITECTURE.md, sinks).
 */
import { createHash } from 'node:crypto';
import { CRC32C, IdempotencyStrategy, Storage } from '@google-cloud/storage';
import type { StorageOptions } from '@google-cloud/storage';
import { objectName, parseGcsUrl } from './gcs-url.js';
import type { GcsLocation } from './gcs-url.js';
import type { OutputTarget } from './output-target.js';

type RetryOptions = NonNullable<StorageOptions['retryOptions']>;

/** How failed requests are retried (exponential backoff, capped). */
export interface GcsRetryPolicy {
  /** Retries after the first attempt (default 5). */
  readonly maxRetries: number;
  /** Cap on one backoff delay, in seconds, at least 1 (default 32). */
  readonly maxDelaySeconds?: number;
  /** Give up after this many seconds in all (default 600). */
  readonly totalTimeoutSeconds?: number;
}

/** Where a GcsTarget writes and with which client, retry policy and resumable threshold. */
export interface GcsTargetOptions {
  /** `gs://bucket/prefix`. */
  readonly url: string;
  /** A configured client (tests, custom endpoints); its retry options apply. Default: ADC + `retry`. */
  readonly storage?: Storage;
  /** Retry policy for the client built here (ignored when `storage` is given: configure it with `gcsRetryOptions`). */
  readonly retry?: GcsRetryPolicy;
  /** Objects of at least this many bytes use a resumable upload (default 8 MiB). */
  readonly resumableThreshold?: number;
}

/** 8 MiB: a multiple of the 256 KiB granularity resumable chunks require. */
const CHUNK_BYTES = 8 * 1024 * 1024;

/**
 * The storage client's retry options for `policy`: exponential backoff (x2) on 408/429/5xx and
 * connection errors, for every request including uploads (`RetryAlways`: rewriting an output with
 * the same bytes is idempotent).
 */
export function gcsRetryOptions(policy: GcsRetryPolicy = { maxRetries: 5 }): RetryOptions {
  // The client's upload retry (async-retry) starts at 1 s and refuses a smaller cap.
  if (policy.maxDelaySeconds !== undefined && !(policy.maxDelaySeconds >= 1)) {
    throw new Error(`gcs retry: maxDelaySeconds must be at least 1 (the client's first backoff), got ${policy.maxDelaySeconds}`);
  }
  if (!Number.isInteger(policy.maxRetries) || policy.maxRetries < 0) {
    throw new Error(`gcs retry: maxRetries must be a non-negative integer, got ${policy.maxRetries}`);
  }
  return {
    autoRetry: policy.maxRetries > 0,
    maxRetries: policy.maxRetries,
    retryDelayMultiplier: 2,
    maxRetryDelay: policy.maxDelaySeconds ?? 32,
    totalTimeout: policy.totalTimeoutSeconds ?? 600,
    idempotencyStrategy: IdempotencyStrategy.RetryAlways,
  };
}

interface ErrorLike {
  readonly code?: unknown;
  readonly status?: unknown;
  readonly message?: unknown;
  readonly response?: { readonly status?: unknown };
}

/** The HTTP status (or connection error code) of a failed storage request, for messages. */
function statusOf(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  const status = e.response?.status ?? e.status ?? e.code;
  return status === undefined ? 'no status' : String(status);
}

function isNotFound(error: unknown): boolean {
  return statusOf(error) === '404';
}

/** Base64 big-endian CRC32C, as GCS reports it (`CRC32C.from` would read a 4-byte state instead). */
function crc32cOf(bytes: Buffer): string {
  const crc = new CRC32C();
  crc.update(bytes);
  return crc.toString();
}

function toBuffer(data: Uint8Array | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * Writes and reads outputs under `gs://bucket/prefix`.
 * Reference: https://cloud.google.com/storage/docs/uploads-downloads and .../data-validation
 */
export class GcsTarget implements OutputTarget {
  readonly description: string;
  private readonly location: GcsLocation;
  private readonly storage: Storage;
  private readonly resumableThreshold: number;

  constructor(options: GcsTargetOptions) {
    this.location = parseGcsUrl(options.url);
    this.description = options.url;
    this.storage = options.storage ?? new Storage({ retryOptions: gcsRetryOptions(options.retry) });
    this.resumableThreshold = options.resumableThreshold ?? CHUNK_BYTES;
  }

  /** `gs://bucket/name` of relative output `path`. */
  url(path: string): string {
    return `gs://${this.location.bucket}/${objectName(this.location, path)}`;
  }

  /**
   * Uploads `data` to `path`; the object is replaced only when the whole upload succeeds. Rejects
   * naming the object and the status when the upload fails after retries or is stored corrupted.
   */
  async write(path: string, data: Uint8Array | string, options?: { readonly contentType?: string }): Promise<void> {
    const bytes = toBuffer(data);
    const md5Hash = createHash('md5').update(bytes).digest('base64');
    const crc32c = crc32cOf(bytes);
    const file = this.file(path);
    const resumable = bytes.length >= this.resumableThreshold;
    try {
      await file.save(bytes, {
        resumable,
        ...(resumable ? { chunkSize: CHUNK_BYTES } : {}),
        // The service checks the bytes against these and refuses a mismatch.
        metadata: { contentType: options?.contentType ?? 'application/octet-stream', md5Hash, crc32c },
        validation: false,
      });
    } catch (error) {
      throw new Error(
        `${this.url(path)}: upload failed with status ${statusOf(error)} (${String((error as ErrorLike).message ?? error)}); ` +
          'the previous object, if any, is unchanged: check write access to the bucket and rerun',
      );
    }
    const stored = file.metadata;
    if (stored.md5Hash !== md5Hash || stored.crc32c !== crc32c) {
      throw new Error(
        `${this.url(path)}: stored object has md5 ${stored.md5Hash} crc32c ${stored.crc32c} but ${bytes.length} bytes ` +
          `were sent with md5 ${md5Hash} crc32c ${crc32c}: the upload was corrupted; rerun`,
      );
    }
  }

  /**
   * Writes `data` at `path` only when the existing object's MD5 and CRC32C differ from `data`'s (or
   * there is none); resolves true when it wrote. Parity: jetstream rewrites exports only when their
   * inputs changed (it compares update times; comparing content is exact).
   */
  async writeIfChanged(path: string, data: Uint8Array | string, options?: { readonly contentType?: string }): Promise<boolean> {
    const bytes = toBuffer(data);
    const existing = await this.metadata(path);
    if (
      existing !== null &&
      existing.md5Hash === createHash('md5').update(bytes).digest('base64') &&
      existing.crc32c === crc32cOf(bytes)
    ) {
      return false;
    }
    await this.write(path, bytes, options);
    return true;
  }

  /** The object at `path`, or null when there is none. */
  async read(path: string): Promise<Uint8Array | null> {
    try {
      const [contents] = await this.file(path).download();
      return contents;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw new Error(`${this.url(path)}: download failed with status ${statusOf(error)}: check read access to the bucket`);
    }
  }

  /** Relative paths of the objects under `prefix` (relative to the target), sorted. */
  async list(prefix = ''): Promise<string[]> {
    const base = this.location.prefix === '' ? '' : `${this.location.prefix}/`;
    try {
      const [files] = await this.storage.bucket(this.location.bucket).getFiles({ prefix: base + prefix, autoPaginate: true });
      return files.map(file => file.name.slice(base.length)).sort();
    } catch (error) {
      throw new Error(`${this.description}: listing "${prefix}" failed with status ${statusOf(error)}: check list access to the bucket`);
    }
  }

  /** Deletes the object at `path`; a missing object is not an error. */
  async delete(path: string): Promise<void> {
    try {
      await this.file(path).delete({ ignoreNotFound: true });
    } catch (error) {
      throw new Error(`${this.url(path)}: delete failed with status ${statusOf(error)}: check delete access to the bucket`);
    }
  }

  private file(path: string) {
    return this.storage.bucket(this.location.bucket).file(objectName(this.location, path));
  }

  private async metadata(path: string): Promise<{ md5Hash?: string; crc32c?: string } | null> {
    try {
      const [metadata] = await this.file(path).getMetadata();
      return metadata;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw new Error(`${this.url(path)}: reading metadata failed with status ${statusOf(error)}: check read access to the bucket`);
    }
  }
}
