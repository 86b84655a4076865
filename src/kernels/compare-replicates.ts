/**
 * Compares two branches' bootstrap replicates pairwise, replicate i of the focus branch with
 * replicate i of the reference: `difference` summarizes focus_i - reference_i, `relativeUplift`
 * summarizes focus_i / reference_i - 1; point = mean, bounds = numpy-linear quantiles at
 * (1 - confidence)/2 and 1 - (1 - confidence)/2. A zero reference replicate gives ±inf or NaN exactly
 * as numpy does (the engine turns non-finite results into null).
 *
 * Deliberate fix: any confidence level gets bounds (mozanalysis summarizes comparisons only at its
 * DEFAULT_QUANTILES, so Jetstream has comparative bounds at 0.95 and 0.99 only).
 * Parity: mozanalysis `bayesian_stats.summarize_joint_samples` (`abs_uplift`, `rel_uplift`).
 */
import type { Interval } from './interval.js';
import { quantilesOfScratch } from './quantile-select.js';

export type { Interval } from './interval.js';

/**
 * Point = mean (NaN-propagating, as np.mean), bounds = quantiles by selection in `samples` (a
 * scratch array): a compareReplicates call of 10,000 replicates took 0.45 ms against 1.5 ms with a
 * sort (here, 2026-12-04), and the demo makes thousands of them on the main thread.
 */
function summarize(samples: Float64Array, sum: number, tail: number): Interval {
  const n = samples.length;
  // numpy's quantile of an array holding NaN is NaN (only then can a NaN be there: NaN propagates
  // into the sum, as do +inf and -inf together, which numpy orders)
  const [lower, upper] =
    Number.isNaN(sum) && samples.some(Number.isNaN) ? [Number.NaN, Number.NaN] : quantilesOfScratch(samples, n, tail, 1 - tail);
  return { point: n === 0 ? Number.NaN : sum / n, lower, upper };
}

/** Paired difference and relative uplift of focus vs reference replicates, at `confidence`. */
export function compareReplicates(
  focus: Float64Array,
  reference: Float64Array,
  confidence: number,
): { difference: Interval; relativeUplift: Interval } {
  if (focus.length !== reference.length) {
    throw new RangeError(
      `compareReplicates: focus has ${focus.length} replicates and reference ${reference.length}; draw the same num_samples for both`,
    );
  }
  const n = focus.length;
  const difference = new Float64Array(n);
  const ratio = new Float64Array(n);
  let differenceSum = 0;
  let ratioSum = 0;
  for (let i = 0; i < n; i++) {
    const d = focus[i] - reference[i];
    const r = focus[i] / reference[i] - 1;
    difference[i] = d;
    ratio[i] = r;
    differenceSum += d;
    ratioSum += r;
  }
  const tail = (1 - confidence) / 2;
  return {
    difference: summarize(difference, differenceSum, tail),
    relativeUplift: summarize(ratio, ratioSum, tail),
  };
}
