/**
 * The worker side of a group of `bootstrap_mean` summaries (segments, bases and metrics of one
 * window with the same num_samples) for one branch and replicate range. Each member is pretreated as
 * its own task would be; then:
 * - a member whose values are discrete keeps its own path (`summarize`: exact tally, its own seed);
 * - the continuous members share one weight per client and replicate (sharedBayesianBootstrapMeans
 *   on the group's branch seed) when together they hold at least SHARED_MIN_ROWS_PER_CLIENT rows per
 *   client of the universe; otherwise each takes its own path too.
 * Every choice depends only on the data and the config, never on the range or the thread count, so
 * the pieces of a group merge into the same result as one piece. Failures stay with their member.
 */
import type { BootstrapGroupMemberResult, BootstrapGroupTask, Problem, SummaryTask } from '../pool/messages.js';
import bootstrapMean, { sharedWeightValues, type BootstrapMeanParams } from '../statistics/bootstrap-mean.js';
import { requireAnalysableValues } from '../statistics/support/branch-values.js';
import { sharedBayesianBootstrapMeans } from '../kernels/shared-bayesian-bootstrap-means.js';
import { getPretreatment } from '../pretreatments/registry.js';
import { pretreatedFrame, ROW_COLUMN, toProblem } from './run-summary-task.js';

/**
 * Rows per universe client from which shared weights are cheaper than each member's own. Measured
 * per value-replicate and core (2026-12-04, 333k clients, 400 replicates): the own path costs ~2.8 ns
 * per distinct value (~0.8 of the rows of a continuous metric: ~2.2 ns per row); the shared path
 * ~2.1 ns per client for the draws plus ~0.56 ns per member row, so sharing wins above ~0.9-1.3
 * rows per client (all distinct to 80 % distinct). 1.5 keeps a margin for what the model leaves out
 * (the copies into kernel memory, the positions). The demo's searches_per_hour holds 2.9.
 */
export const SHARED_MIN_ROWS_PER_CLIENT = 1.5;

/** A continuous member waiting for the sharing decision. */
interface Candidate {
  readonly member: number;
  readonly index: number;
  /** The pretreated values, and the same winsorized for sharing. */
  readonly pretreated: Float64Array;
  readonly values: Float64Array;
  readonly positions: Int32Array;
}

export function runBootstrapGroupTask(task: BootstrapGroupTask): BootstrapGroupMemberResult[] {
  const results: { rows: number | null; summary?: BootstrapGroupMemberResult['summary']; problems: Problem[] }[] = [];
  const candidates: Candidate[] = [];
  task.members.forEach((member, m) => {
    const problems: Problem[] = [];
    const result: (typeof results)[number] = { rows: null, problems };
    results.push(result);
    const index = member.branches.indexOf(task.branch);
    if (index < 0) return;
    // Pretreatments that treat each row alone run on this branch's rows only; one that pools the
    // frame (censor_highest_values' quantile) needs every branch (the demo: 3x fewer rows selected).
    const alone = member.summary.pretreatments.every((p) => getPretreatment(p.name).perRow);
    let frame;
    try {
      frame = pretreatedFrame(alone ? { ...member, branches: [task.branch], parts: [member.parts[index]] } : member, true);
    } catch (error) {
      problems.push(toProblem(error));
      return;
    }
    const part = frame.parts[alone ? 0 : index];
    result.rows = part.length;
    const values = part.columns[member.summary.metric] ?? new Float64Array(0);
    const params = member.summary.params as BootstrapMeanParams;
    try {
      requireAnalysableValues(values, member.context.metric, task.branch, 'bootstrap_mean');
      const shared = sharedWeightValues(values, params);
      const positions = shared === null ? undefined : universePositions(part.columns[ROW_COLUMN], task.positions[m], task.universe);
      if (shared !== null && positions !== undefined) {
        candidates.push({ member: m, index, pretreated: values, values: shared, positions });
        return;
      }
      result.summary = { ok: true, value: ownSummary(member, index, values, task.replicates) };
    } catch (error) {
      problems.push(toProblem(error));
      result.summary = { ok: false };
    }
  });
  const rows = candidates.reduce((sum, c) => sum + c.values.length, 0);
  if (candidates.length > 1 && rows >= SHARED_MIN_ROWS_PER_CLIENT * task.universe) {
    const outs = sharedBayesianBootstrapMeans({
      universe: task.universe,
      members: candidates.map((c) => ({ positions: c.positions, values: c.values })),
      numSamples: task.numSamples,
      seed: task.seed,
      range: task.replicates,
    });
    candidates.forEach((c, k) => (results[c.member].summary = { ok: true, value: { replicates: outs[k] } }));
  } else {
    for (const c of candidates) {
      const member = task.members[c.member];
      try {
        results[c.member].summary = { ok: true, value: ownSummary(member, c.index, c.pretreated, task.replicates) };
      } catch (error) {
        results[c.member].problems.push(toProblem(error));
        results[c.member].summary = { ok: false };
      }
    }
  }
  return results;
}

/** What the member's own task computes for the branch: bootstrap_mean's `summarize` on its own seed. */
function ownSummary(member: SummaryTask, index: number, values: Float64Array, replicates: readonly [number, number]): unknown {
  return bootstrapMean.summarize(
    { values, columns: {}, branch: member.branches[index], seed: member.branchSeeds[index], context: member.context, replicates },
    member.summary.params as BootstrapMeanParams,
  );
}

/**
 * Universe positions of the frame's rows (ascending, as the rows are), or undefined when a row's
 * client is not in the universe (that member then takes its own path).
 */
function universePositions(rows: Float64Array, map: Int32Array | null, universe: number): Int32Array | undefined {
  const out = new Int32Array(rows.length);
  for (let k = 0; k < rows.length; k++) {
    const p = map === null ? rows[k] : map[rows[k]];
    if (!(p >= 0 && p < universe) || (k > 0 && p <= out[k - 1])) return undefined;
    out[k] = p;
  }
  return out;
}
