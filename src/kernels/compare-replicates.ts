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
import { quantileSorted } from './quantile-sorted.js';

export type { Interval } from './interval.js';

/** Point = mean (NaN-propagating, as np.mean), bounds = quantiles of a sorted copy. */
function summarize(samples: Float64Array, sum: number, tail: number): Interval {
  const n = samples.length;
  // TypedArray sort puts NaN last; numpy's quantile of an array holding NaN is NaN.
  samples.sort();
  const hasNaN = n > 0 && Number.isNaN(samples[n - 1]);
  return {
    point: n === 0 ? Number.NaN : sum / n,
    lower: hasNaN ? Number.NaN : quantileSorted(samples, tail),
    upper: hasNaN ? Number.NaN : quantileSorted(samples, 1 - tail),
  };
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
