/**
 * Summarizes one branch's bootstrap replicates: point = mean of the replicates, bounds = their
 * numpy-linear quantiles at (1 - confidence)/2 and 1 - (1 - confidence)/2 (any confidence level).
 *
 * Parity: mozanalysis `bayesian_stats.summarize_one_branch_samples` (index `mean` and `str(q)`).
 */
import type { Interval } from './interval.js';
import { quantileSorted } from './quantile-sorted.js';

export type { Interval } from './interval.js';

/** Mean and central `confidence` quantile interval of one branch's replicates. */
export function summarizeReplicates(replicates: Float64Array, confidence: number): Interval {
  const n = replicates.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += replicates[i];
  const sorted = Float64Array.from(replicates).sort();
  // TypedArray sort puts NaN last; numpy's quantile of an array holding NaN is NaN.
  const hasNaN = n > 0 && Number.isNaN(sorted[n - 1]);
  const tail = (1 - confidence) / 2;
  return {
    point: n === 0 ? Number.NaN : total / n,
    lower: hasNaN ? Number.NaN : quantileSorted(sorted, tail),
    upper: hasNaN ? Number.NaN : quantileSorted(sorted, 1 - tail),
  };
}
