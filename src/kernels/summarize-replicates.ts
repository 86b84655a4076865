/**
 * Summarizes one branch's bootstrap replicates: point = mean of the replicates, bounds = their
 * numpy-linear quantiles at (1 - confidence)/2 and 1 - (1 - confidence)/2 (any confidence level),
 * found by selection (bit-identical to sorting).
 *
 * Parity: mozanalysis `bayesian_stats.summarize_one_branch_samples` (index `mean` and `str(q)`).
 */
import type { Interval } from './interval.js';
import { quantilesOfScratch } from './quantile-select.js';

export type { Interval } from './interval.js';

/** Mean and central `confidence` quantile interval of one branch's replicates. */
export function summarizeReplicates(replicates: Float64Array, confidence: number): Interval {
  const n = replicates.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += replicates[i];
  const tail = (1 - confidence) / 2;
  // numpy's quantile of an array holding NaN is NaN (only then can a NaN be there: NaN propagates
  // into the total, as do +inf and -inf together, which numpy orders)
  const [lower, upper] = Number.isNaN(total) && replicates.some(Number.isNaN)
    ? [Number.NaN, Number.NaN]
    : quantilesOfScratch(Float64Array.from(replicates), n, tail, 1 - tail);
  return { point: n === 0 ? Number.NaN : total / n, lower, upper };
}
