/**
 * Reads and partitions one table. A local file that reads twice in the same order (TableReader
 * .reopenPath: Parquet) is partitioned in two passes (src/engine/partition-two-pass.ts); from
 * THREAD_MIN_ROWS rows on its own short-lived thread (workers/table-reader.ts), so that a window's
 * tables (enrollments, exposures, pre-enrollment) are read side by side instead of one after another
 * on the main thread, and the thread's memory (parquet-wasm's heap, the first pass's arrays) is freed
 * whole when it ends. A large table that finds the window's turn to read on the calling thread free
 * (CallingThreadReads) is read here instead, and a small one waits for the turn: one thread fewer
 * to start. Any other stream (BigQuery, CSV) is partitioned in one pass on this thread.
 * The partition is the same whichever way it is made: it depends only on the rows (canonical order,
 * src/engine/canonical-order.ts).
 */
import { Table, tableFromIPC, tableToIPC } from 'apache-arrow';
import { corruptPageMessage, isWasmTrap } from '../sources/active-reads.js';
import { openTable } from '../sources/open-table.js';
import { InputError, type TableReader } from '../sources/table-reader.js';
import { partitionBatches, requestedColumns, type PartitionedTable, type PartitionRequest } from './partition.js';
import { partitionInTwoPasses } from './partition-two-pass.js';
import type { CallingThreadReads } from './calling-thread-reads.js';

/**
 * Rows from which a table gets its own thread. Starting one costs ~0.1-0.2 s (loading Arrow and
 * parquet-wasm), more than a smaller table takes to read.
 */
export const THREAD_MIN_ROWS = 200_000;

/** What a reader thread is given. */
export interface PartitionJob {
  readonly path: string;
  readonly request: PartitionRequest;
  readonly batchSize?: number;
  /** The footer's row count, read already by the caller. */
  readonly rowCount: number;
  /** The table's schema as the caller read it (an Arrow IPC stream of no rows), so the thread need not. */
  readonly schema?: Uint8Array;
}

/**
 * What a reader thread posts back: the table (its arrays are SharedArrayBuffer views, shared by
 * reference), or the error its read raised: an error's class does not survive postMessage, so its
 * name travels beside it.
 */
export type PartitionJobResult =
  | { readonly ok: true; readonly table: PartitionedTable }
  | { readonly ok: false; readonly name: string; readonly message: string };

/** How partitionTable reads. */
export interface PartitionTableOptions {
  readonly batchSize?: number | undefined;
  readonly threadMinRows?: number;
  /**
   * The window's turn to read on this thread, borrowing the batches from parquet-wasm as a reader
   * thread does: taken by a large table when free (else it gets a thread), waited for by a small one.
   * Reading a window's only table here took a 1M-row single-statistic run from 1.36 to 1.14 s
   * (binomial, medians of 4 alternating runs), and reading one of lmm 10M's two tables here took
   * ~0.3 CPU-seconds off (bench/RESULTS.md, twelfth session).
   */
  readonly here: CallingThreadReads;
  /** Called when the table has been read, whether or not it could be partitioned. */
  readonly onRead?: () => void;
}

export async function partitionTable(reader: TableReader, request: PartitionRequest, options: PartitionTableOptions): Promise<PartitionedTable> {
  try {
    return await readAndPartition(reader, request, options);
  } finally {
    options.onRead?.();
  }
}

async function readAndPartition(reader: TableReader, request: PartitionRequest, options: PartitionTableOptions): Promise<PartitionedTable> {
  const { batchSize, here } = options;
  const path = reader.reopenPath;
  if (path === undefined) return partitionBatches(reader.batches({ columns: requestedColumns(request), batchSize }), request);
  const rowCount = (await reader.rowCount?.()) ?? undefined;
  if (rowCount === undefined || rowCount < (options.threadMinRows ?? THREAD_MIN_ROWS)) await here.take();
  else if (!here.tryTake()) {
    const schema = tableToIPC(new Table(await reader.schema()), 'stream');
    return partitionOnThread({ path, request, rowCount, schema, ...(batchSize === undefined ? {} : { batchSize }) });
  }
  try {
    // the turn's holder is the only read on this thread, so a borrowed batch's memory cannot move
    // (and the reader would throw if it did)
    return await partitionInTwoPasses((columns) => reader.batches({ columns, batchSize, borrow: true, dictionaries: true }), request, rowCount);
  } finally {
    here.release();
  }
}

/** The reader thread's work: open the file, read and partition it; errors as values. */
export async function partitionFile(job: PartitionJob): Promise<PartitionJobResult> {
  try {
    const known = job.schema === undefined ? undefined : { schema: tableFromIPC(job.schema).schema, rowCount: job.rowCount };
    const reader = openTable(job.path, known);
    // The thread reads nothing else, and the partitioner decodes each batch before the next: borrow.
    const read = (columns: string[]) => reader.batches({ columns, batchSize: job.batchSize, borrow: true, dictionaries: true });
    return { ok: true, table: await partitionInTwoPasses(read, job.request, job.rowCount) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    return { ok: false, name: e.name, message: e.message };
  }
}

async function partitionOnThread(job: PartitionJob): Promise<PartitionedTable> {
  // imported here, not above: a reader thread loads this module too, and needs no Piscina
  const { readerThread } = await import('./reader-thread.js');
  const thread = readerThread();
  let result: PartitionJobResult;
  try {
    result = await thread.run(job);
  } catch (error) {
    // A corrupt data page traps inside parquet-wasm outside any promise, and the thread dies of it.
    if (isWasmTrap(error)) throw new InputError(corruptPageMessage([job.path], error as Error));
    throw error;
  } finally {
    await thread.destroy();
  }
  if (result.ok) return result.table;
  throw result.name === 'InputError' ? new InputError(result.message) : Object.assign(new Error(result.message), { name: result.name });
}
