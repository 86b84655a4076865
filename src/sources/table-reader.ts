/**
 * A per-client metrics table as a stream of Arrow record batches: the one interface the engine reads
 * through, whether the rows come from Parquet, CSV or the BigQuery Storage Read API.
 */
import type { RecordBatch, Schema } from 'apache-arrow';

export interface ReadOptions {
  /** Only these columns are read (projection); every name must exist in the schema. */
  readonly columns: readonly string[];
  /** Rows per batch, where the format lets us choose. */
  readonly batchSize?: number;
  /**
   * Lend each batch instead of giving it: its arrays may be views of the reader's own memory, valid
   * only until the next batch is requested. For a consumer that decodes each batch before it asks
   * for the next, on a thread where nothing else reads Parquet meanwhile (a reader thread of
   * src/engine/partition-table.ts, or the calling thread while it holds the window's turn to read,
   * src/engine/calling-thread-reads.ts).
   * Readers that cannot lend ignore it.
   */
  readonly borrow?: boolean;
  /**
   * Text columns may come as Dictionary<Int32, Utf8> vectors, batch by batch, where the source stores
   * them with a small dictionary (a Parquet chunk of branch names): a consumer that maps each
   * dictionary entry once then reads an index per row instead of a string. For consumers that read
   * both (the engine's decoders). Readers that cannot ignore it.
   */
  readonly dictionaries?: boolean;
}

export interface TableReader {
  /** What the table is, for messages: a file path or a BigQuery table id. */
  readonly description: string;
  /**
   * A local file that another thread can open with `openTable` to read the same rows cheaply (a
   * Parquet file: its footer is all it reads first). The engine then reads it twice (two-pass
   * partitioning), on a thread of its own when it is large and the calling thread's turn to read is
   * taken (src/engine/calling-thread-reads.ts); without it
   * the table is read once, on the calling thread (src/engine/partition-table.ts).
   */
  readonly reopenPath?: string;
  /** The table's columns and their Arrow types, read without reading the rows. */
  schema(): Promise<Schema>;
  /**
   * The number of rows, when the format records it (a Parquet footer), without reading them. A
   * capacity hint only: the partitioner sizes its buffers by it and still grows past it.
   */
  rowCount?(): Promise<number | null>;
  /** The rows, projected; rejects with a clear error for an unreadable or truncated table. */
  batches(options: ReadOptions): AsyncIterable<RecordBatch>;
}

/** Thrown for input the engine cannot use (missing file, missing column, truncated file, bad value). */
export class InputError extends Error {
  override name = 'InputError';
}
