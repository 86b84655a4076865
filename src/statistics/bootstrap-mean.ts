/**
 * `bootstrap_mean` (results label `mean`): the Bayesian bootstrap of the mean. Per branch, the values
 * are winsorized at their own `1 - drop_highest` quantile, tallied into distinct values and counts,
 * and `num_samples` replicates Σ v_k g_k / Σ g_k with g_k ~ Gamma(count_k) are drawn (seeded, replicate
 * r from `streamRng(seed, r)`). Rows: per branch the mean of its replicates and their quantile
 * interval; for every ordered pair, `difference` and `relative_uplift` from paired replicates, each
 * branch's replicates drawn once and reused for every reference.
 *
 * `method = "exact"` (deliberate extension, see docs/exact-bootstrap.md) evaluates the same replicate
 * distribution without random numbers and ignores `num_samples`: per branch the winsorized mean and
 * saddlepoint quantiles (`exactBayesianMean`), comparisons by quadrature (`compareScoreDistributions`).
 *
 * Deliberate fix: comparative bounds at any `confidence_interval` (Jetstream: 0.95 and 0.99 only).
 * Parity: jetstream BootstrapMean -> mozanalysis `bayesian_bootstrap.compare_branches` (spec 2.2, 3).
 */
import { replicateFieldSplit } from './support/replicate-split.js';
import { assertKnownKeys, readConfidence, readNumberIn, readPositiveInteger } from '../config/params.js';
import { bayesianBootstrapMean } from '../kernels/bayesian-bootstrap-mean.js';
import { exactBayesianMean, type ExactBranch } from '../kernels/exact-bayesian-mean.js';
import { compareScoreDistributions } from '../kernels/exact-compare.js';
import { quantileSorted } from '../kernels/quantile-sorted.js';
import { TALLY_DISTINCT_LIMIT, tallyWinsorized } from '../kernels/tally-winsorized.js';
import { tallySorted } from '../kernels/tally-sorted.js';
import { defineStatistic } from './define.js';
import { readBootstrapMethod, type BootstrapMethod } from './support/bootstrap-method.js';
import { requireAnalysableValues } from './support/branch-values.js';
import { exactRows } from './support/exact-rows.js';
import { branchReplicateRows, comparisonReplicateRows } from './support/replicate-rows.js';
import { sortFloat64 } from '../kernels/sort-float64.js';
import { winsorizeTop } from '../kernels/winsorize-top.js';

/** `bootstrap_mean`'s parameters, from `num_samples`, `drop_highest`, `confidence_interval` and `method`. */
export interface BootstrapMeanParams {
  readonly numSamples: number;
  /** `monte_carlo` (default) or `exact` (num_samples unused). */
  readonly method: BootstrapMethod;
  /** Fraction of the top tail winsorized per branch, in [0, 0.5]; 0 = none. */
  readonly dropHighest: number;
  readonly confidenceInterval: number;
}

/** One branch of `bootstrap_mean`: its replicate means (monte_carlo) or its exact distribution (exact). */
export type BootstrapMeanSummary =
  | {
      /** Replicate means, replicate r at index r. */
      readonly replicates: Float64Array;
    }
  | {
      /** The exact interval and score distribution (plain numbers and typed arrays). */
      readonly exact: ExactBranch;
    };

const NAME = 'bootstrap_mean';

/**
 * A branch's values for shared weights (src/engine/run-bootstrap-group.ts), or null when the values
 * are discrete (at most TALLY_DISTINCT_LIMIT distinct), where the per-branch tally draws far fewer
 * weights than one per client. Continuous values come back winsorized as `summarize` winsorizes them
 * (np.clip at their own 1 - drop_highest quantile), in row order.
 */
export function sharedWeightValues(values: Float64Array, params: BootstrapMeanParams): Float64Array | null {
  const q = 1 - params.dropHighest;
  if (tallyWinsorized(values, q, TALLY_DISTINCT_LIMIT) !== null) return null;
  return q >= 1 ? values : winsorizeTop(values, q);
}

/** Sorted copy of `values`, its top winsorized at the q-quantile (np.clip(x, min, quantile(x, q))). */
function sortedWinsorized(values: Float64Array, q: number): Float64Array {
  const sorted = sortFloat64(Float64Array.from(values));
  if (q < 1) {
    const threshold = quantileSorted(sorted, q);
    // Clipping a sorted array keeps it sorted: only the tail changes.
    for (let i = sorted.length - 1; i >= 0 && sorted[i] > threshold; i--) sorted[i] = threshold;
  }
  return sorted;
}

/** Jetstream `bootstrap_mean` (label `mean`): the Bayesian bootstrap of the mean. */
export default defineStatistic<BootstrapMeanParams, BootstrapMeanSummary>({
  kind: 'per-branch',
  name: NAME,
  label: 'mean',
  replicateSplit: replicateFieldSplit<BootstrapMeanParams, BootstrapMeanSummary>(),
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['num_samples', 'drop_highest', 'confidence_interval', 'method']);
    return {
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
      method: readBootstrapMethod(owner, raw),
      dropHighest: readNumberIn(owner, raw, 'drop_highest', { min: 0, max: 0.5, fallback: 0.005 }),
      confidenceInterval: readConfidence(owner, raw),
    };
  },
  summarize: ({ values, branch, seed, context, replicates }, p) => {
    requireAnalysableValues(values, context.metric, branch, NAME);
    // Discrete metrics tally in O(n) without a sort; continuous ones sort (same tally either way).
    const q = 1 - p.dropHighest;
    const tally = tallyWinsorized(values, q, TALLY_DISTINCT_LIMIT) ?? tallySorted(sortedWinsorized(values, q));
    if (p.method === 'exact') return { exact: exactBayesianMean(tally, p.confidenceInterval) };
    return { replicates: bayesianBootstrapMean({ tally, numSamples: p.numSamples, seed, range: replicates }) };
  },
  compare: ({ branches, summaries }, p) => {
    if (p.method === 'exact') {
      const exact = summaries.map((s) => ('exact' in s ? s.exact : missing('exact')));
      return exactRows({
        branches,
        intervals: exact.map((e) => e.interval),
        distributions: exact.map((e) => e.distribution),
        compare: (focus, reference) => compareScoreDistributions(focus, reference, p.confidenceInterval),
        ciWidth: p.confidenceInterval,
      });
    }
    const replicates = summaries.map((s) => ('replicates' in s ? s.replicates : missing('monte_carlo')));
    return [
      ...branchReplicateRows(branches, replicates, p.confidenceInterval),
      ...comparisonReplicateRows(branches, replicates, p.confidenceInterval),
    ];
  },
});

function missing(method: BootstrapMethod): never {
  throw new Error(`${NAME}: a branch summary lacks its ${method} result; summaries and params must use the same method`);
}
