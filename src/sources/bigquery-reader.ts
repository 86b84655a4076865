/**
 * Reads a per-client metrics table from BigQuery through the Storage Read API as Arrow batches.
 *
 * One read session (`dataFormat: ARROW`, `selectedFields` = the projection, up to `maxStreams`
 * streams), every stream read with `ReadRows` in parallel and merged in arrival order. A stream that
 * fails with a retryable status resumes at its own row offset with exponential backoff, so no row is
 * lost or repeated; at the end the rows read must equal the session's `estimatedRowCount`, or the
 * read fails (never a silent partial analysis). Uses the low-level `v1.BigQueryReadClient`, not the
 * package's `ReadClient`, which reads streams one after another and copies every batch.
 * Credentials: the client's Application Default Credentials; nothing is stored here.
 * Reference: https://cloud.google.com/bigquery/docs/reference/storage (ARCHITECTURE.md, sources)
 */
import { v1 } from '@google-cloud/bigquery-storage';
import { RecordBatch, RecordBatchReader, Schema, Struct, makeData } from 'apache-arrow';
import { decodeArrowBatch } from './arrow-ipc-decode.js';
import { isRetryableReadError, readErrorFor } from './bigquery-errors.js';
import { describeTable, tablePath } from './bigquery-table-ref.js';
import type { BigQueryTableRef } from './bigquery-table-ref.js';
import { mergeAsync } from './merge-async.js';
import { InputError } from './table-reader.js';
import type { ReadOptions, TableReader } from './table-reader.js';

type BigQueryReadClient = InstanceType<typeof v1.BigQueryReadClient>;

/** Where and how a BigQueryReader reads: the table, who pays, parallelism, client and retry policy. */
export interface BigQueryReaderOptions extends BigQueryTableRef {
  /** Project billed for the read session (default: the table's project). */
  readonly billingProject?: string;
  /** Upper bound on parallel read streams (default 4); the server may grant fewer. */
  readonly maxStreams?: number;
  /** A configured client (tests, custom endpoints); default: a new client with ADC and a 16 MiB flow-control window. */
  readonly client?: BigQueryReadClient;
  /** Resumption of failed streams: attempts per stream without progress (default 5), first delay (default 200 ms). */
  readonly retry?: { readonly attempts: number; readonly initialDelayMs: number };
}

interface OpenSession {
  readonly schemaBytes: Uint8Array;
  readonly streams: readonly string[];
  readonly estimatedRowCount: number;
}

/**
 * HTTP/2 flow-control window of the client built here (grpc-js default: 65,535 B). A stream moves at
 * most one window per round trip, so 64 KiB caps a stream at ~6.5 MB/s at 10 ms RTT; BigQuery sends
 * ~1 MB Arrow batches. Even on loopback (bench/bigquery-throughput.ts, 1M rows x 10 float64, 10,000-row
 * responses, 2-core machine shared with other jobs): 3.5-3.9M rows/s with 2-4 streams at the default
 * window vs 9.2-10.9M rows/s at 16 MiB (medians of 5).
 */
export const BIGQUERY_FLOW_CONTROL_WINDOW = 16 * 1024 * 1024;

/** An int64 from the client (number, decimal string or Long) as a number. */
function toCount(value: unknown): number {
  if (value !== null && typeof value === 'object' && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value ?? 0);
}

/** `batch` with its columns at `order` (indices into its schema), sharing the column data. */
function selectInOrder(batch: RecordBatch, order: readonly number[]): RecordBatch {
  const fields = order.map(index => batch.schema.fields[index]);
  const children = order.map(index => batch.data.children[index]);
  const data = makeData({ type: new Struct(fields), length: batch.numRows, nullCount: 0, children });
  return new RecordBatch(new Schema(fields, batch.schema.metadata), data);
}

/**
 * A `TableReader` over one BigQuery table, e.g. `new BigQueryReader({ project: 'moz-fx-data-experiments',
 * dataset: 'mozanalysis', table: 'my_exp_enrollments_week_1' })`.
 * Parity: jetstream reads the same tables with `google.cloud.bigquery` (to_dataframe via the Storage API).
 */
export class BigQueryReader implements TableReader {
  readonly description: string;
  private readonly ref: BigQueryTableRef;
  private readonly billingProject: string;
  private readonly maxStreams: number;
  private readonly attempts: number;
  private readonly initialDelayMs: number;
  private clientInstance: BigQueryReadClient | undefined;
  private cachedSchema: Schema | undefined;

  constructor(options: BigQueryReaderOptions) {
    this.ref = { project: options.project, dataset: options.dataset, table: options.table };
    this.description = describeTable(this.ref);
    this.billingProject = options.billingProject ?? options.project;
    this.maxStreams = options.maxStreams ?? 4;
    this.attempts = options.retry?.attempts ?? 5;
    this.initialDelayMs = options.retry?.initialDelayMs ?? 200;
    this.clientInstance = options.client;
    if (!Number.isInteger(this.maxStreams) || this.maxStreams < 1) {
      throw new InputError(`${this.description}: maxStreams must be a positive integer, got ${this.maxStreams}`);
    }
    if (!Number.isInteger(this.attempts) || this.attempts < 1) {
      throw new InputError(`${this.description}: retry.attempts must be a positive integer, got ${this.attempts}`);
    }
  }

  /** The table's Arrow schema, from a one-stream session that is never read. */
  async schema(): Promise<Schema> {
    if (this.cachedSchema === undefined) {
      const session = await this.createSession([], 1);
      this.cachedSchema = RecordBatchReader.from(session.schemaBytes).open().schema;
    }
    return this.cachedSchema;
  }

  /**
   * The projected rows, as the server batches them, columns in requested order. Rejects with an
   * InputError when the table is missing or unreadable, a stream keeps failing, or the row count
   * read differs from the session's estimate.
   */
  async *batches(options: ReadOptions): AsyncIterable<RecordBatch> {
    const columns = [...options.columns];
    const session = await this.createSession(columns, this.maxStreams);
    const decodedSchema = RecordBatchReader.from(session.schemaBytes).open().schema;
    const present = decodedSchema.fields.map(field => field.name);
    const missing = columns.filter(name => !present.includes(name));
    if (missing.length > 0) {
      throw new InputError(`${this.description}: column "${missing[0]}" not found; columns present: ${present.join(', ')}`);
    }
    const order = columns.map(name => present.indexOf(name));
    const reorder = columns.length > 0 && order.some((index, i) => index !== i);
    const counts = new Array<number>(session.streams.length).fill(0);
    const abort = new AbortController();
    const sources = session.streams.map((name, i) =>
      this.readStream(name, session.schemaBytes, abort.signal, rows => (counts[i] += rows)),
    );
    for await (const batch of mergeAsync(sources, () => abort.abort())) {
      yield reorder ? selectInOrder(batch, order) : batch;
    }
    const total = counts.reduce((sum, n) => sum + n, 0);
    if (total !== session.estimatedRowCount) {
      throw new InputError(
        `${this.description}: read ${total} rows but the read session reported ${session.estimatedRowCount}: ` +
          'the table changed or a stream was cut short; rerun the analysis',
      );
    }
  }

  private client(): BigQueryReadClient {
    this.clientInstance ??= new v1.BigQueryReadClient({ 'grpc-node.flow_control_window': BIGQUERY_FLOW_CONTROL_WINDOW });
    return this.clientInstance;
  }

  private async createSession(columns: readonly string[], maxStreamCount: number): Promise<OpenSession> {
    let session;
    try {
      [session] = await this.client().createReadSession({
        parent: `projects/${this.billingProject}`,
        readSession: {
          table: tablePath(this.ref),
          dataFormat: 'ARROW',
          readOptions: { selectedFields: [...columns] },
        },
        maxStreamCount,
      });
    } catch (error) {
      throw readErrorFor(this.description, 'creating a read session', error);
    }
    const schemaBytes = session.arrowSchema?.serializedSchema;
    if (!(schemaBytes instanceof Uint8Array) || schemaBytes.length === 0) {
      throw new InputError(`${this.description}: read session has no Arrow schema: the server ignored dataFormat ARROW`);
    }
    return {
      schemaBytes,
      streams: (session.streams ?? []).map(stream => String(stream.name)),
      estimatedRowCount: toCount(session.estimatedRowCount),
    };
  }

  /** One stream's batches; resumes at the rows received so far after a retryable failure. */
  private async *readStream(
    name: string,
    schemaBytes: Uint8Array,
    signal: AbortSignal,
    onRows: (rows: number) => void,
  ): AsyncGenerator<RecordBatch> {
    let offset = 0;
    let failures = 0;
    for (;;) {
      // gax's own stream retry would restart at the request's offset and repeat rows: off.
      const call = this.client().readRows(
        { readStream: name, offset },
        { retryRequestOptions: { retries: 0, noResponseRetries: 0 } },
      );
      const cancel = (): void => call.cancel();
      signal.addEventListener('abort', cancel, { once: true });
      try {
        for await (const response of call) {
          const bytes = response.arrowRecordBatch?.serializedRecordBatch;
          if (!(bytes instanceof Uint8Array) || bytes.length === 0) continue;
          const decoded = decodeArrowBatch(schemaBytes, bytes);
          const rows = decoded.reduce((sum, batch) => sum + batch.numRows, 0);
          const declared = toCount(response.rowCount);
          if (declared !== 0 && declared !== rows) {
            throw new InputError(`${this.description}: stream ${name} declared ${declared} rows in a response but sent ${rows}`);
          }
          for (const batch of decoded) {
            offset += batch.numRows;
            onRows(batch.numRows);
            failures = 0;
            yield batch;
          }
        }
        return;
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof InputError) throw error;
        if (!isRetryableReadError(error)) throw readErrorFor(this.description, `reading ${name}`, error);
        failures += 1;
        if (failures >= this.attempts) {
          throw new InputError(
            `${this.description}: stream ${name} failed ${failures} times at row offset ${offset} ` +
              `(last: ${readErrorFor(this.description, 'reading', error).message}): check the network or raise retry.attempts`,
          );
        }
        await new Promise(resolve => setTimeout(resolve, this.initialDelayMs * 2 ** (failures - 1)));
      } finally {
        signal.removeEventListener('abort', cancel);
      }
    }
  }
}
