/**
 * The split path end to end on the worker-side code (in-process pool): a bootstrap statistic that
 * honours `replicates` gives the same summaries, bit for bit, split into pieces or not.
 */
import { describe, expect, it, vi } from 'vitest';
import type { SummaryTask, SummaryTaskResult } from '../../src/pool/messages.js';
import type { SummaryPool } from '../../src/pool/summary-pool.js';

vi.mock('../../src/statistics/registry.js', async () => {
  const { bayesianBootstrapMean } = await import('../../src/kernels/bayesian-bootstrap-mean.js');
  const { tallySorted } = await import('../../src/kernels/tally-sorted.js');
  const { splitReplicates } = await import('../../src/statistics/support/replicate-split.js');
  const { StatisticError } = await import('../../src/statistics/define.js');
  // As bootstrap_mean would declare it: replicates from the kernel over the requested range.
  const boot = {
    kind: 'per-branch',
    name: 'split_boot',
    label: 'mean',
    params: () => ({ numSamples: 3000 }),
    summarize: ({ values, seed, branch, replicates }: { values: Float64Array; seed: number; branch: string; replicates?: [number, number] }, p: { numSamples: number }) => {
      if (branch === 'broken') throw new StatisticError(`split_boot: branch "${branch}" cannot be summarised`);
      const tally = tallySorted(Float64Array.from(values).sort());
      return { replicates: bayesianBootstrapMean({ tally, numSamples: p.numSamples, seed, range: replicates }) };
    },
    replicateSplit: splitReplicates<{ numSamples: number }, { replicates: Float64Array }>((p) => p.numSamples, (s) => s.replicates, (replicates) => ({ replicates })),
    compare: () => [],
  };
  // A frame statistic in two parts, as linear_model_mean declares them: the pooled sum and count of x.
  const pooled = ({ frame }: { frame: { parts: { columns: Record<string, Float64Array> }[] } }, f: (v: number) => number) =>
    frame.parts.reduce((total, part) => total + part.columns.x.reduce((a, v) => a + f(v), 0), 0);
  const parts = {
    parts: () => ['sum', 'count'],
    part: (input: { frame: { branches: string[]; parts: { columns: Record<string, Float64Array> }[] }; report: { warn(m: string): void } }, _p: unknown, name: string) => {
      input.report.warn('split_frame: a warning every part repeats');
      if (name === 'count' && input.frame.branches.includes('broken')) throw new StatisticError('split_frame: branch "broken" cannot be counted');
      return name === 'sum' ? pooled(input, (v) => v) : pooled(input, () => 1);
    },
    combine: ([sum, count]: number[], _p: unknown, _c: unknown, report: { warn(m: string): void }) => {
      report.warn('split_frame: combined');
      return [{ branch: 'all', point: sum / count }];
    },
  };
  const frameStatistic = {
    kind: 'frame',
    name: 'split_frame',
    label: 'mean',
    params: () => ({}),
    analyze: (input: Parameters<typeof parts.part>[0]) => parts.combine([parts.part(input, {}, 'sum') as number, parts.part(input, {}, 'count') as number], {}, {}, input.report),
    frameSplit: parts,
  };
  return { getStatistic: (name: string) => (name === 'split_frame' ? frameStatistic : boot) };
});

const { MIN_ROWS_TO_SPLIT_FRAME, planPieces, runSplitSummary } = await import('../../src/engine/run-split-summary.js');
const { runSummaryTask } = await import('../../src/engine/run-summary-task.js');

function inProcessPool(threads: number, log: SummaryTask[]): SummaryPool {
  return {
    threads,
    start: () => {},
    run: async (task) => {
      log.push(task);
      return runSummaryTask(structuredClone(task)) as SummaryTaskResult;
    },
    runGroup: async () => {
      throw new Error('inProcessPool: no group tasks in this test');
    },
    close: async () => {},
  };
}

function task(branches: string[]): SummaryTask {
  const part = (offset: number) => {
    const values = Float64Array.from({ length: 40_000 }, (_, i) => Math.exp(Math.sin(i * 1.7 + offset) * 2));
    return { length: values.length, columns: { x: { values, valid: new Uint8Array(values.length).fill(1) } }, kept: null };
  };
  return {
    branches,
    parts: branches.map((_, b) => part(b)),
    columns: ['x'],
    pretreatedColumns: ['x'],
    summary: { metric: 'x', statistic: 'split_boot', params: { numSamples: 3000 }, pretreatments: [] },
    context: { metric: 'x', referenceBranch: branches[0], periodLength: 7, period: 'week' },
    branchSeeds: branches.map((_, b) => 100 + b),
    frameSeed: 1,
  };
}

describe('runSplitSummary', () => {
  it('gives the unsplit summaries bit for bit when split by branch and replicate range', async () => {
    // 40k rows x 3000 replicates per branch = 1.2e8 value-replicates: 2 ranges of each branch on 2 threads
    const rows = 80_000;
    const oneLog: SummaryTask[] = [];
    const twoLog: SummaryTask[] = [];
    const one = await runSplitSummary(inProcessPool(1, oneLog), task(['a', 'b']), rows);
    const two = await runSplitSummary(inProcessPool(2, twoLog), task(['a', 'b']), rows);
    expect(oneLog.map((t) => t.replicates)).toEqual([undefined]);
    expect(twoLog.map((t) => [t.branchSubset, t.replicates])).toEqual([
      [[0], [0, 1500]],
      [[0], [1500, 3000]],
      [[1], [0, 1500]],
      [[1], [1500, 3000]],
    ]);
    expect(two.summaries).toEqual(one.summaries);
    const value = two.summaries![0] as { ok: true; value: { replicates: Float64Array } };
    expect(value.value.replicates.length).toBe(3000);
    expect(two.branchRows).toEqual([40_000, 40_000]);
  });

  it('does not split small work, and reports a failing branch once', async () => {
    const log: SummaryTask[] = [];
    const small = await runSplitSummary(inProcessPool(4, log), task(['a']), 1000);
    expect(log).toHaveLength(1);
    expect(small.summaries).toHaveLength(1);
    const whole = await runSplitSummary(inProcessPool(1, []), task(['a', 'broken']), 80_000);
    const split = await runSplitSummary(inProcessPool(2, []), task(['a', 'broken']), 80_000);
    expect(split.summaries![1]).toEqual({ ok: false });
    expect(split.summaries).toEqual(whole.summaries);
    expect(split.problems.map((p) => p.message)).toEqual(['split_boot: branch "broken" cannot be summarised']);
    expect(split.problems).toEqual(whole.problems);
  });
});

describe('runSplitSummary of a frame statistic with parts', () => {
  const frameTask = (branches: string[]): SummaryTask => ({ ...task(branches), summary: { metric: 'x', statistic: 'split_frame', params: {}, pretreatments: [] } });

  it('runs the parts as tasks from MIN_ROWS_TO_SPLIT_FRAME rows and combines them into the unsplit rows', async () => {
    const log: SummaryTask[] = [];
    const whole = await runSplitSummary(inProcessPool(1, []), frameTask(['a', 'b']), MIN_ROWS_TO_SPLIT_FRAME);
    const split = await runSplitSummary(inProcessPool(2, log), frameTask(['a', 'b']), MIN_ROWS_TO_SPLIT_FRAME);
    expect(log.map((t) => t.framePart)).toEqual(['sum', 'count']);
    // sum / count of the 80k values, the same additions in the same order either way
    expect(split.rows).toEqual(whole.rows);
    expect(split.rows).toHaveLength(1);
    expect(split.branchRows).toEqual([40_000, 40_000]);
    // a problem both parts report comes back once (pretreatments' would repeat so), then combine's
    expect(split.problems.map((p) => p.message)).toEqual(['split_frame: a warning every part repeats', 'split_frame: combined']);
    const below: SummaryTask[] = [];
    await runSplitSummary(inProcessPool(2, below), frameTask(['a', 'b']), MIN_ROWS_TO_SPLIT_FRAME - 1);
    expect(below.map((t) => t.framePart)).toEqual([undefined]);
  });

  it('reports a failing part and gives no rows', async () => {
    const split = await runSplitSummary(inProcessPool(2, []), frameTask(['a', 'broken']), MIN_ROWS_TO_SPLIT_FRAME);
    expect(split.rows).toBeNull();
    expect(split.problems.map((p) => [p.level, p.message])).toEqual([
      ['WARNING', 'split_frame: a warning every part repeats'],
      ['ERROR', 'split_frame: branch "broken" cannot be counted'],
    ]);
  });
});

describe('planPieces', () => {
  it('splits by branch, and by range only for declared replicates with enough work', () => {
    // 3 branches of 333k rows x 10k replicates on 2 threads: ceil(4 / 3) = 2 ranges each
    expect(planPieces(3, 1_000_000, 10_000, 10_000, 2)).toHaveLength(6);
    // undeclared: one piece per branch
    expect(planPieces(3, 1_000_000, 10_000, null, 2).map((p) => p.replicates)).toEqual([undefined, undefined, undefined]);
    // below two pieces' minimum (1e8 value-replicates): not split
    expect(planPieces(2, 1000, 10_000, 10_000, 2)).toEqual([]);
  });
});
