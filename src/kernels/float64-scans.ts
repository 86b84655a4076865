/**
 * Whole-array checks of Float64Arrays, in C where the addon is built (src/kernels/native/float64-scans.c,
 * ~2-2.5x faster: 10M values in 8-12 against 19-29 ms warm), else here.
 */
import { nativeSort } from './native-sort.js';

/** Whether a and b have one length and a[i] === b[i] for every i (a NaN never equals). */
export function sameFloat64(a: Float64Array, b: Float64Array): boolean {
  const native = nativeSort();
  if (native !== null) return native.sameFloat64(a, b);
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether some value is NaN (a null). */
export function hasNaN(values: Float64Array): boolean {
  const native = nativeSort();
  if (native !== null) return native.hasNaN(values);
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) return true;
  return false;
}
