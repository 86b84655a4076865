/**
 * The thread a large local table is read on (src/engine/partition-table.ts): a Piscina pool of one
 * thread per table, destroyed once its partition is posted, freeing all else the thread used. The
 * command line starts one ahead (startReaderThread) for a large local input, before it loads the
 * command: a thread takes ~0.13 s on this machine kind to start and load the reader (Arrow and the
 * Parquet decoders), which then overlaps the main thread's own loading and the tables' footers
 * instead of delaying the second table's read. lmm 10M: the second table's read began 25-35 ms after
 * the first's instead of 130-180 ms, and the run was faster in 10 of 10 alternating runs, medians
 * 2.03 -> 1.91 s (bench/RESULTS.md, sixteenth session).
 */
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { piscinaClass } from '../pool/piscina.js';
import type { PartitionJob, PartitionJobResult } from './partition-table.js';

type ReaderThread = Piscina<PartitionJob, PartitionJobResult>;

let ahead: ReaderThread | null = null;

/** A thread to read one table on, which the caller destroys: the one started ahead, if any, else a new one. */
export function readerThread(): ReaderThread {
  const thread = ahead ?? newReaderThread();
  ahead = null;
  return thread;
}

/** Starts a thread now for the first table that goes to a thread (once: a second call does nothing). */
export function startReaderThread(): void {
  ahead ??= newReaderThread();
}

/** Destroys the thread started ahead if no table took it (it would keep the process alive); whether there was one. */
export async function discardReaderThread(): Promise<boolean> {
  const thread = ahead;
  ahead = null;
  await thread?.destroy();
  return thread !== null;
}

function newReaderThread(): ReaderThread {
  // A pool of one thread, for the way Piscina loads the worker from TypeScript sources (tests, tsx):
  // it `require`s the file, which tsx's hooks handle inside worker threads on Node 20. The path is
  // relative to this module in src/ or dist/, and to its chunk in the bundle (src/build/bundle.ts).
  const fromSource = import.meta.url.endsWith('.ts');
  const Pool = piscinaClass();
  return new Pool<PartitionJob, PartitionJobResult>({
    filename: fileURLToPath(new URL(`../../workers/table-reader.${fromSource ? 'ts' : 'js'}`, import.meta.url)),
    minThreads: 1,
    maxThreads: 1,
    execArgv: fromSource ? ['--import', 'tsx'] : [],
  });
}
