/**
 * A real gRPC server on 127.0.0.1 speaking the BigQuery Storage Read API v1 (CreateReadSession and
 * ReadRows), built with @grpc/grpc-js and @grpc/proto-loader from the .proto files shipped inside
 * @google-cloud/bigquery-storage, serving Arrow tables handed to it at construction. Switches inject a
 * mid-stream failure, a slow stream, a denied permission, an expired session and a wrong row
 * estimate, so the real `BigQueryReadClient` can be tested without leaving the machine.
 * Reference: google/cloud/bigquery/storage/v1/storage.proto (BigQueryRead service)
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { Table } from 'apache-arrow';
import { recordBatchMessage, schemaMessage } from './arrow-ipc-messages.js';

const require = createRequire(import.meta.url);
const storageRoot = dirname(require.resolve('@google-cloud/bigquery-storage/package.json'));
// google-gax does not export its package.json; its main is build/src/index.js.
const gaxRoot = join(dirname(require.resolve('google-gax', { paths: [storageRoot] })), '..', '..');

/** A failure injected into ReadRows: after `afterRows` rows of one call, fail with `code`. */
export interface InjectedFailure {
  readonly afterRows: number;
  readonly code: grpc.status;
  readonly details: string;
  /** How many ReadRows calls fail this way before the stream behaves again (Infinity: always). */
  times: number;
  /** Only this stream index fails; undefined: whichever stream first passes `afterRows`. */
  readonly stream?: number;
}

/** One ReadRows request as received, for assertions on resumption. */
export interface ReadRowsLogEntry {
  readonly stream: string;
  readonly offset: number;
}

/** CreateReadSessionRequest as proto-loader decodes it (camelCase, longs as numbers). */
interface CreateReadSessionRequest {
  readonly parent: string;
  readonly readSession?: { readonly table?: string; readonly readOptions?: { readonly selectedFields?: string[] } };
  readonly maxStreamCount?: number;
}

/** ReadRowsRequest as proto-loader decodes it. */
interface ReadRowsRequest {
  readonly readStream: string;
  readonly offset?: number;
}

interface Session {
  /** Source table name and projection, the key of cached messages. */
  readonly key: string;
  readonly table: Table;
  readonly ranges: readonly (readonly [number, number])[];
  readonly schemaBytes: Uint8Array;
}

/** The tables a BigQueryReadServer serves and how it batches and caches their rows. */
export interface BigQueryReadServerOptions {
  /** Tables by full name, `projects/P/datasets/D/tables/T`; columns must not be dictionary-encoded. */
  readonly tables: Readonly<Record<string, Table>>;
  /** Rows per ReadRowsResponse (default 1,000). */
  readonly batchRows?: number;
  /** Keep encoded batch messages for reuse by later sessions (benchmarks: the server's own cost out). */
  readonly cacheMessages?: boolean;
}

/** The loopback server; `start()` binds 127.0.0.1 on a free port. */
export class BigQueryReadServer {
  readonly port: number;
  readonly readRowsLog: ReadRowsLogEntry[] = [];
  readonly createSessionLog: { parent: string; table: string; selectedFields: string[]; maxStreamCount: number }[] = [];
  failure: InjectedFailure | undefined;
  /** Milliseconds to wait before each response of the given stream index. */
  readonly slowStreams = new Map<number, number>();
  permissionDenied = false;
  /** Added to the true row count in the session's `estimatedRowCount`. */
  rowEstimateError = 0;
  private readonly sessions = new Map<string, Session>();
  private readonly messageCache = new Map<string, Uint8Array[]>();
  private sessionCount = 0;
  private readonly server: grpc.Server;
  private readonly options: BigQueryReadServerOptions;

  private constructor(server: grpc.Server, port: number, options: BigQueryReadServerOptions) {
    this.server = server;
    this.port = port;
    this.options = options;
  }

  static async start(options: BigQueryReadServerOptions): Promise<BigQueryReadServer> {
    const definition = protoLoader.loadSync('google/cloud/bigquery/storage/v1/storage.proto', {
      includeDirs: [join(storageRoot, 'build', 'protos'), join(gaxRoot, 'build', 'protos')],
      keepCase: false,
      longs: Number,
      enums: String,
      defaults: true,
      oneofs: true,
    });
    const loaded = grpc.loadPackageDefinition(definition) as unknown as {
      google: { cloud: { bigquery: { storage: { v1: { BigQueryRead: { service: grpc.ServiceDefinition } } } } } };
    };
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      );
    });
    const instance = new BigQueryReadServer(server, port, options);
    server.addService(loaded.google.cloud.bigquery.storage.v1.BigQueryRead.service, {
      createReadSession: instance.createReadSession.bind(instance),
      readRows: instance.readRows.bind(instance),
      splitReadStream: (_call: unknown, callback: grpc.sendUnaryData<unknown>) =>
        callback({ code: grpc.status.UNIMPLEMENTED, details: 'SplitReadStream is not served' }),
    });
    return instance;
  }

  /** Makes every session created so far unreadable, as BigQuery does after 6 hours. */
  expireSessions(): void {
    for (const name of [...this.sessions.keys()]) this.sessions.delete(name);
  }

  /** Stops the server: calls in flight get 1 s to finish, then are cut. */
  async close(): Promise<void> {
    const graceful = new Promise<void>(resolve => this.server.tryShutdown(() => resolve()));
    const timer = new Promise<void>(resolve => setTimeout(resolve, 1000).unref());
    await Promise.race([graceful, timer]);
    this.server.forceShutdown();
  }

  private createReadSession(
    call: grpc.ServerUnaryCall<CreateReadSessionRequest, unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ): void {
    const request = call.request;
    const tableName: string = request.readSession?.table ?? '';
    const selected: string[] = request.readSession?.readOptions?.selectedFields ?? [];
    const maxStreamCount: number = request.maxStreamCount ?? 0;
    this.createSessionLog.push({ parent: request.parent, table: tableName, selectedFields: selected, maxStreamCount });
    if (this.permissionDenied) {
      callback({
        code: grpc.status.PERMISSION_DENIED,
        details: `Access Denied: Table ${tableName}: User does not have permission to query table ${tableName}`,
      });
      return;
    }
    const source = this.options.tables[tableName];
    if (source === undefined) {
      callback({ code: grpc.status.NOT_FOUND, details: `Not found: Table ${tableName} was not found in location US` });
      return;
    }
    const present = source.schema.fields.map(field => field.name);
    const missing = selected.filter(name => !present.includes(name));
    if (missing.length > 0) {
      callback({ code: grpc.status.INVALID_ARGUMENT, details: `request failed: column ${missing[0]} not found` });
      return;
    }
    // BigQuery returns selected columns in table order, not request order.
    const table = selected.length > 0 ? source.select(present.filter(name => selected.includes(name))) : source;
    const streams = Math.max(1, Math.min(maxStreamCount > 0 ? maxStreamCount : 1, table.numRows || 1));
    const ranges: [number, number][] = [];
    for (let i = 0; i < streams; i += 1) {
      ranges.push([Math.floor((i * table.numRows) / streams), Math.floor(((i + 1) * table.numRows) / streams)]);
    }
    this.sessionCount += 1;
    const name = `projects/${tableName.split('/')[1]}/locations/us/sessions/s${this.sessionCount}`;
    const schemaBytes = schemaMessage(table.schema);
    this.sessions.set(name, { key: `${tableName}|${selected.join(',')}`, table, ranges, schemaBytes });
    callback(null, {
      name,
      table: tableName,
      dataFormat: 'ARROW',
      arrowSchema: { serializedSchema: Buffer.from(schemaBytes) },
      streams: ranges.map((_, i) => ({ name: `${name}/streams/${i}` })),
      estimatedRowCount: table.numRows + this.rowEstimateError,
      readOptions: { selectedFields: selected },
    });
  }

  /** The record-batch messages of rows [from, to) of the session's table, cached when asked. */
  private messages(session: Session, from: number, to: number): { message: Uint8Array; rows: number }[] {
    const key = `${session.key}|${from}|${to}`;
    const cached = this.options.cacheMessages === true ? this.messageCache.get(key) : undefined;
    const slice = session.table.slice(from, to);
    const messages = cached ?? slice.batches.map(batch => recordBatchMessage(batch, session.schemaBytes.length));
    if (this.options.cacheMessages === true) this.messageCache.set(key, messages);
    return messages.map((message, i) => ({ message, rows: slice.batches[i].numRows }));
  }

  private async readRows(call: grpc.ServerWritableStream<ReadRowsRequest, unknown>): Promise<void> {
    const streamName: string = call.request.readStream;
    const offset = Number(call.request.offset ?? 0);
    this.readRowsLog.push({ stream: streamName, offset });
    const sessionName = streamName.replace(/\/streams\/\d+$/, '');
    const session = this.sessions.get(sessionName);
    const index = Number(streamName.slice(streamName.lastIndexOf('/') + 1));
    if (session === undefined || session.ranges[index] === undefined) {
      // grpc-js turns an 'error' event into the call's status (destroy() would send none).
      call.emit(
        'error',
        Object.assign(new Error('session expired'), {
          code: grpc.status.FAILED_PRECONDITION,
          details: `there was an error operating on '${streamName}': session expired at 2026-01-01T00:00:00Z`,
        }),
      );
      return;
    }
    const [begin, end] = session.ranges[index];
    const batchRows = this.options.batchRows ?? 1000;
    const delay = this.slowStreams.get(index) ?? 0;
    let sent = 0;
    for (let row = begin + offset; row < end; row += batchRows) {
      const failure = this.failure;
      if (
        failure !== undefined &&
        failure.times > 0 &&
        sent >= failure.afterRows &&
        (failure.stream === undefined || failure.stream === index)
      ) {
        failure.times -= 1;
        call.emit('error', Object.assign(new Error(failure.details), { code: failure.code, details: failure.details }));
        return;
      }
      if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay));
      if (call.cancelled) return;
      for (const { message, rows } of this.messages(session, row, Math.min(row + batchRows, end))) {
        const accepted = call.write({
          arrowRecordBatch: { serializedRecordBatch: Buffer.from(message.buffer, message.byteOffset, message.length) },
          rowCount: rows,
          arrowSchema: row === begin + offset ? { serializedSchema: Buffer.from(session.schemaBytes) } : undefined,
        });
        sent += rows;
        if (!accepted) await new Promise(resolve => call.once('drain', resolve));
      }
    }
    call.end();
  }
}
