/**
 * Winsorizes the top tail: every value above the q-quantile of `values` (numpy linear) is replaced
 * by that quantile; nothing is dropped. q = 1 is a no-op (the maximum). Returns a new array.
 *
 * Parity: mozanalysis `filter_outliers(data, q)` = `np.clip(data, min(data), np.quantile(data, q))`,
 * applied per branch by bootstrap_mean (q = 1 - drop_highest) and population_ratio.
 */
import { quantileSelect } from './quantile-select.js';

/** A copy of `values` with everything above their q-quantile (q in [0.5, 1]) set to it. */
export function winsorizeTop(values: Float64Array, q: number): Float64Array {
  if (!(q >= 0.5 && q <= 1)) {
    throw new RangeError(`winsorizeTop: threshold_quantile should be close to, and <= 1 (between 0.5 and 1), got ${q}`);
  }
  const out = Float64Array.from(values);
  if (q === 1 || out.length === 0) return out;
  const threshold = quantileSelect(values, q);
  for (let i = 0; i < out.length; i++) if (out[i] > threshold) out[i] = threshold;
  return out;
}
