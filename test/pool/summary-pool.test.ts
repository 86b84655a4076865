/**
 * The real Piscina pool (workers loading the TypeScript sources through tsx): tasks start in the
 * order they are queued, which the engine relies on to start its longest pieces first
 * (src/engine/analyze-window.ts). With Piscina 5's default a task that could not be dispatched went
 * back to the tail of the queue: without `stricterFIFO` this test's eight tasks ran as
 * 0, 1, 3, 5, 7, 4, 2, 6 on one worker.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { SummaryTask, SummaryTaskResult } from '../../src/pool/messages.js';
import { createSummaryPool } from '../../src/pool/summary-pool.js';

/** A `count` task over one branch of `rows` rows: its summary is `rows`, so results name their task. */
function countTask(rows: number): SummaryTask {
  const values = new Float64Array(rows);
  return {
    branches: ['control'],
    parts: [{ length: rows, columns: { x: { values, valid: new Uint8Array(Math.ceil(rows / 8)).fill(0xff) } }, masks: [] }],
    columns: ['x'],
    pretreatedColumns: ['x'],
    summary: { metric: 'x', statistic: 'count', params: {}, pretreatments: [] },
    context: { metric: 'x', referenceBranch: 'control', periodLength: 7, period: 'week' },
    branchSeeds: [1],
    frameSeed: 1,
  } as SummaryTask;
}

describe('summary pool', () => {
  const pool = createSummaryPool(1);
  afterAll(() => pool.close());

  it('runs queued tasks in the order they were queued (one worker: completion order is start order)', async () => {
    const finished: number[] = [];
    const runs = Array.from({ length: 8 }, (_, k) =>
      pool.run(countTask(k + 1)).then((result: SummaryTaskResult) => {
        const summary = result.summaries?.[0];
        finished.push(summary !== undefined && summary.ok ? (summary.value as number) - 1 : -1);
      }),
    );
    await Promise.all(runs);
    expect(finished).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('sorts a pooled order on a worker, shared, and survives an order cancelled while it runs', async () => {
    const columns = [Float64Array.of(3, Number.NaN, -1, 0), Float64Array.of(2, -0)];
    const order = await pool.pooledOrder(columns);
    expect(order.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(order, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual([-1, '-0', 0, 2, 3]);
    // a 4M-value sort, cancelled as it starts: the promise rejects and the pool runs the next task
    const big = Float64Array.from({ length: 4_000_000 }, (_, i) => Math.sin(i));
    const abort = new AbortController();
    const cancelled = pool.pooledOrder([big], abort.signal);
    setTimeout(() => abort.abort(), 20);
    await expect(cancelled).rejects.toThrow();
    const after = await pool.run(countTask(5));
    expect(after.summaries?.[0]).toEqual({ ok: true, value: 5 });
  });
});
