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
  return clipAbove(out, quantileSelect(values, q));
}

/**
 * values[i] = min(values[i], threshold), in place: a loop of its own, where in winsorizeTop its
 * on-stack replacement recompiled winsorizeTop with the quantile selection inlined (10 times a demo
 * run).
 */
function clipAbove(values: Float64Array, threshold: number): Float64Array {
  for (let i = 0; i < values.length; i++) if (values[i] > threshold) values[i] = threshold;
  return values;
}
