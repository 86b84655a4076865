/**
 * The Piscina pool that runs summary tasks. From a build (dist/) the worker is plain JavaScript; from
 * TypeScript sources (tests, `tsx`) each worker thread loads tsx first so it can import `.ts` files.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Piscina } from 'piscina';
import { piscinaClass } from './piscina.js';
import type { BootstrapGroupMemberResult, BootstrapGroupTask, SummaryTask, SummaryTaskResult } from './messages.js';

export interface SummaryPool {
  /**
   * Starts the workers now if they are not running: each takes ~0.1-0.2 CPU-seconds to load, which
   * the engine spends on a core that no table read is using (analyzeWindow). The first task starts
   * them otherwise.
   */
  start(): void;
  run(task: SummaryTask): Promise<SummaryTaskResult>;
  /** One piece of a bootstrap_mean group (src/engine/run-bootstrap-group.ts). */
  runGroup(task: BootstrapGroupTask): Promise<BootstrapGroupMemberResult[]>;
  close(): Promise<void>;
  readonly threads: number;
}

export function createSummaryPool(threads = availableParallelism()): SummaryPool {
  const fromSource = import.meta.url.endsWith('.ts');
  // relative to this module in src/ or dist/, and to its chunk in the bundle (src/build/bundle.ts)
  const worker = new URL(`../../workers/summary-worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
  let piscina: Piscina | null = null;
  const started = (): Piscina =>
    (piscina ??= new (piscinaClass())({
      filename: fileURLToPath(worker),
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      // Tasks start in the order they are queued (longest first, src/engine/analyze-window.ts). By
      // default Piscina 5 puts a task it cannot dispatch yet back at the tail of its queue, which
      // reordered the demo's queue: its last bootstrap piece started at 18 s and ran alone to 22 s.
      stricterFIFO: true,
      execArgv: fromSource ? ['--import', 'tsx'] : [],
    }));
  return {
    threads,
    start: () => void started(),
    run: (task) => started().run(task) as Promise<SummaryTaskResult>,
    runGroup: (task) => started().run(task, { name: 'group' }) as Promise<BootstrapGroupMemberResult[]>,
    close: async () => {
      await piscina?.destroy();
    },
  };
}
