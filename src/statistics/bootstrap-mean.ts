/**
 * `bootstrap_mean` (results label `mean`): the Bayesian bootstrap of the mean. Per branch, the values
 * are winsorized at their own `1 - drop_highest` quantile, tallied into distinct values and counts,
 * and `num_samples` replicates Σ v_k g_k / Σ g_k with g_k ~ Gamma(count_k) are drawn (seeded, replicate
 * r from `streamRng(seed, r)`). Rows: per branch the mean of its replicates and their quantile
 * interval; for every ordered pair, `difference` and `relative_uplift` from paired replicates, each
 * branch's replicates drawn once and reused for every reference.
 *
 * Deliberate fix: comparative bounds at any `confidence_interval` (Jetstream: 0.95 and 0.99 only).
 * Parity: jetstream BootstrapMean -> mozanalysis `bayesian_bootstrap.compare_branches` (spec 2.2, 3).
 */
import { assertKnownKeys, readConfidence, readNumberIn, readPositiveInteger } from '../config/params.js';
import { bayesianBootstrapMean } from '../kernels/bayesian-bootstrap-mean.js';
import { quantileSorted } from '../kernels/quantile-sorted.js';
import { tallySorted } from '../kernels/tally-sorted.js';
import { defineStatistic } from './define.js';
import { requireAnalysableValues } from './support/branch-values.js';
import { branchReplicateRows, comparisonReplicateRows } from './support/replicate-rows.js';

/** `bootstrap_mean`'s parameters, from `num_samples`, `drop_highest` and `confidence_interval`. */
export interface BootstrapMeanParams {
  readonly numSamples: number;
  /** Fraction of the top tail winsorized per branch, in [0, 0.5]; 0 = none. */
  readonly dropHighest: number;
  readonly confidenceInterval: number;
}

/** One branch of `bootstrap_mean`: its replicate means. */
export interface BootstrapMeanSummary {
  /** Replicate means, replicate r at index r. */
  readonly replicates: Float64Array;
}

const NAME = 'bootstrap_mean';

/** Sorted copy of `values`, its top winsorized at the q-quantile (np.clip(x, min, quantile(x, q))). */
function sortedWinsorized(values: Float64Array, q: number): Float64Array {
  const sorted = Float64Array.from(values).sort();
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
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['num_samples', 'drop_highest', 'confidence_interval']);
    return {
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
      dropHighest: readNumberIn(owner, raw, 'drop_highest', { min: 0, max: 0.5, fallback: 0.005 }),
      confidenceInterval: readConfidence(owner, raw),
    };
  },
  summarize: ({ values, branch, seed, context }, p) => {
    requireAnalysableValues(values, context.metric, branch, NAME);
    const tally = tallySorted(sortedWinsorized(values, 1 - p.dropHighest));
    return { replicates: bayesianBootstrapMean({ tally, numSamples: p.numSamples, seed }) };
  },
  compare: ({ branches, summaries }, p) => {
    const replicates = summaries.map((s) => s.replicates);
    return [
      ...branchReplicateRows(branches, replicates, p.confidenceInterval),
      ...comparisonReplicateRows(branches, replicates, p.confidenceInterval),
    ];
  },
});
