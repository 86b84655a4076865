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
    parts: [{ length: rows, columns: { x: { values, valid: new Uint8Array(Math.ceil(rows / 8)).fill(0xff) } }, kept: null }],
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
});

describe('summary pool started late', () => {
  it('starts its workers on start() or its first task, once, and closes whether or not they ran', async () => {
    await createSummaryPool(1).close();
    const pool = createSummaryPool(1);
    pool.start();
    pool.start();
    const result = await pool.run(countTask(3));
    expect(result.summaries?.[0]).toEqual({ ok: true, value: 3 });
    await pool.close();
    const unstarted = createSummaryPool(1);
    expect((await unstarted.run(countTask(2))).summaries?.[0]).toEqual({ ok: true, value: 2 });
    await unstarted.close();
  });
});
