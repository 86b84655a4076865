/**
 * The worker side of a bootstrap_mean group: which members share weights, that shared members get
 * exactly sharedBayesianBootstrapMeans over their universe positions, that the others get their own
 * task's summary, and that a failing member fails alone.
 */
import { describe, expect, it } from 'vitest';
import type { BootstrapGroupTask, SummaryTask, TaskPart } from '../../src/pool/messages.js';
import { keptRows } from '../../src/engine/mask-rows.js';
import { runBootstrapGroupTask, SHARED_MIN_ROWS_PER_CLIENT } from '../../src/engine/run-bootstrap-group.js';
import bootstrapMean, { type BootstrapMeanParams } from '../../src/statistics/bootstrap-mean.js';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import { sharedBayesianBootstrapMeans } from '../../src/kernels/shared-bayesian-bootstrap-means.js';

const N = 12_000;
const PARAMS: BootstrapMeanParams = { numSamples: 40, method: 'monte_carlo', dropHighest: 0.005, confidenceInterval: 0.95 };
const CONTEXT = { metric: 'x', referenceBranch: 'control', periodLength: 7, period: 'week' };

/** Heavy-tailed, all distinct (continuous: more than 4,096 distinct values). */
const x = Float64Array.from({ length: N }, (_, i) => Math.exp(3 * Math.sin(i * 12.9898)) + i * 1e-9);
/** The exposures table: two clients in three of the universe, with their own values. */
const exposedRows = Int32Array.from({ length: N }, (_, i) => i).filter((i) => i % 3 !== 0);
const xExposed = Float64Array.from(exposedRows, (p) => 2 * x[p] + 1);
const everyOther = Uint8Array.from({ length: N }, (_, i) => (i % 2 === 0 ? 1 : 0));

function part(columns: Record<string, Float64Array>, masks: Uint8Array[] = []): TaskPart {
  const length = Object.values(columns)[0].length;
  const shared = Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, { values: v, valid: new Uint8Array(Math.ceil(length / 8)).fill(255) }]));
  return { length, columns: shared, kept: masks.length === 0 ? null : keptRows(masks, length) };
}

function member(metric: string, p: TaskPart, seed: number, pretreatments: SummaryTask['summary']['pretreatments'] = []): SummaryTask {
  return {
    branches: ['control'],
    parts: [p],
    columns: [metric],
    pretreatedColumns: [metric],
    summary: { metric, statistic: 'bootstrap_mean', params: PARAMS, pretreatments },
    context: { ...CONTEXT, metric },
    branchSeeds: [seed],
    frameSeed: 0,
  };
}

const universe = part({ x, d: Float64Array.from(x, (_, i) => i % 5), xn: Float64Array.from(x, (v, i) => (i % 100 === 7 ? Number.NaN : v)) });
const all = member('x', universe, 101);
const segment = member('x', part({ x }, [everyOther]), 102);
const exposed = member('x', part({ x: xExposed }), 103);
const discrete = member('d', universe, 104);
const withNulls = member('xn', universe, 105);

function groupTask(members: SummaryTask[], positions: (Int32Array | null)[], replicates: [number, number] = [0, 40]): BootstrapGroupTask {
  return { members, positions, branch: 'control', universe: N, seed: 77, numSamples: 40, replicates };
}

/** np.clip(v, min, np.quantile(v, 0.995)), row order. */
function winsorized(values: Float64Array): Float64Array {
  const threshold = quantileSorted(Float64Array.from(values).sort(), 0.995);
  return Float64Array.from(values, (v) => Math.min(v, threshold));
}

function replicatesOf(result: ReturnType<typeof runBootstrapGroupTask>[number]): Float64Array {
  const summary = result.summary;
  if (summary === undefined || !summary.ok) throw new Error(`no summary: ${JSON.stringify(result.problems)}`);
  return (summary.value as { replicates: Float64Array }).replicates;
}

function own(task: SummaryTask, values: Float64Array, replicates: [number, number] = [0, 40]): Float64Array {
  const value = bootstrapMean.summarize({ values, columns: {}, branch: 'control', seed: task.branchSeeds[0], context: task.context, replicates }, PARAMS);
  return (value as { replicates: Float64Array }).replicates;
}

describe('runBootstrapGroupTask', () => {
  const results = runBootstrapGroupTask(groupTask([all, segment, exposed, discrete, withNulls], [null, null, exposedRows, null, null]));

  it('shares weights among the continuous members: exactly the shared kernel over their universe positions', () => {
    // 12,000 + 6,000 + 8,000 continuous rows (each member over 4,096 distinct values) >= 1.5 x 12,000 clients
    expect(N + N / 2 + exposedRows.length).toBeGreaterThanOrEqual(SHARED_MIN_ROWS_PER_CLIENT * N);
    const expected = sharedBayesianBootstrapMeans({
      universe: N,
      members: [
        { positions: Int32Array.from({ length: N }, (_, i) => i), values: winsorized(x) },
        { positions: Int32Array.from({ length: N / 2 }, (_, k) => 2 * k), values: winsorized(x.filter((_, i) => i % 2 === 0)) },
        { positions: exposedRows, values: winsorized(xExposed) },
      ],
      numSamples: 40,
      seed: 77,
    });
    expect([0, 1, 2].map((m) => [...replicatesOf(results[m])])).toEqual(expected.map((e) => [...e]));
  });

  it("gives a discrete member its own task's summary (tally, its own seed)", () => {
    expect([...replicatesOf(results[3])]).toEqual([...own(discrete, universe.columns.d.values)]);
  });

  it('fails a member with nulls alone, with the pretreatments that would fix it', () => {
    expect(results[4].summary).toEqual({ ok: false });
    expect(results[4].problems.map((p) => p.message)).toEqual([
      'xn: 120 null or NaN values reached bootstrap_mean; add the remove_nulls or zero_fill pretreatment (remove_indefinites also drops NaN and infinities)',
    ]);
    expect(results[4].rows).toBe(N);
    expect(results.slice(0, 4).every((r) => r.problems.length === 0)).toBe(true);
  });

  it('keeps each member on its own path when the continuous rows are too few to share', () => {
    // 6,000 + 8,000 rows < 18,000
    const alone = runBootstrapGroupTask(groupTask([segment, exposed], [null, exposedRows]));
    expect([...replicatesOf(alone[0])]).toEqual([...own(segment, x.filter((_, i) => i % 2 === 0))]);
    expect([...replicatesOf(alone[1])]).toEqual([...own(exposed, xExposed)]);
  });

  it('takes its own path for a member whose clients are not all in the universe', () => {
    const unmatched = Int32Array.from(exposedRows, (p, k) => (k === 5 ? -1 : p));
    const mixed = runBootstrapGroupTask(groupTask([all, segment, exposed], [null, null, unmatched]));
    expect([...replicatesOf(mixed[2])]).toEqual([...own(exposed, xExposed)]);
  });

  it("pools a pretreatment's quantile over every branch, while per-row ones see the piece's branch alone", () => {
    // a two-branch member in the treatment branch's piece: censor_highest_values keeps the rows
    // below the 0.9 quantile of both branches' values (np.quantile of the pooled rows), which is
    // not the treatment rows' own 0.9 quantile
    const treated = Float64Array.from(x, (v) => 3 * v);
    const pooled = quantileSorted(Float64Array.from([...x, ...treated]).sort(), 0.9);
    expect(treated.filter((v) => v < pooled).length).not.toBe(treated.filter((v) => v < quantileSorted(Float64Array.from(treated).sort(), 0.9)).length);
    const twoBranches = (pretreatments: SummaryTask['summary']['pretreatments']): SummaryTask => ({
      ...member('x', universe, 0, pretreatments),
      branches: ['control', 'treatment'],
      parts: [universe, part({ x: treated })],
      branchSeeds: [201, 202],
    });
    const run = (task: SummaryTask) => runBootstrapGroupTask({ ...groupTask([task], [null]), branch: 'treatment' })[0];
    const censored = run(twoBranches([{ name: 'censor_highest_values', params: { fraction: 0.9 } }]));
    const kept = treated.filter((v) => v < pooled);
    expect(censored.rows).toBe(kept.length);
    const expected = bootstrapMean.summarize({ values: kept, columns: {}, branch: 'treatment', seed: 202, context: CONTEXT, replicates: [0, 40] }, PARAMS);
    expect([...replicatesOf(censored)]).toEqual([...(expected as { replicates: Float64Array }).replicates]);
    // remove_nulls treats each row alone: the treatment rows, all kept
    expect(run(twoBranches([{ name: 'remove_nulls', params: {} }])).rows).toBe(N);
  });

  it('gives the same replicates computed in ranges, and pretreated rows keep their clients', () => {
    const pretreated = member('xn', universe, 106, [{ name: 'remove_nulls', params: {} }]);
    const members = [all, segment, pretreated];
    const whole = runBootstrapGroupTask(groupTask(members, [null, null, null]));
    const first = runBootstrapGroupTask(groupTask(members, [null, null, null], [0, 17]));
    const rest = runBootstrapGroupTask(groupTask(members, [null, null, null], [17, 40]));
    for (let m = 0; m < 3; m++) expect([...replicatesOf(first[m]), ...replicatesOf(rest[m])]).toEqual([...replicatesOf(whole[m])]);
    // remove_nulls dropped 120 rows; the others keep their universe positions
    const kept = Int32Array.from({ length: N }, (_, i) => i).filter((i) => i % 100 !== 7);
    const [, , expected] = sharedBayesianBootstrapMeans({
      universe: N,
      members: [
        { positions: Int32Array.from({ length: N }, (_, i) => i), values: winsorized(x) },
        { positions: Int32Array.from({ length: N / 2 }, (_, k) => 2 * k), values: winsorized(x.filter((_, i) => i % 2 === 0)) },
        { positions: kept, values: winsorized(Float64Array.from(kept, (i) => x[i])) },
      ],
      numSamples: 40,
      seed: 77,
    });
    expect([...replicatesOf(whole[2])]).toEqual([...expected]);
    expect(whole[2].rows).toBe(N - 120);
  });
});
