/**
 * The pooled order of a column: every branch's non-null values in one ascending array (sortFloat64's
 * order: negatives, -0, +0, positives), in a SharedArrayBuffer so that summary tasks read it without
 * a copy. The engine computes it for a pre-enrollment covariate on the summary pool as soon as its
 * table is read; linear_model_mean's covariate grid then reads its 20,000 order statistics from it
 * instead of pooling and sorting the covariate after the join (src/engine/attach-covariates.ts).
 *
 * Zeros are counted, not sorted: an engagement metric's zeros are a fifth of its clients or more,
 * and sorting the rest is this task's cost, on the analysis's critical path at 10M clients.
 */
import { forBlocks } from '../kernels/for-blocks.js';
import { nativeSort } from '../kernels/native-sort.js';
import { sortFloat64 } from '../kernels/sort-float64.js';
import { sharedFloat64 } from './shared-buffers.js';

export function pooledOrder(columns: readonly Float64Array[]): Float64Array {
  let total = 0;
  for (const c of columns) total += c.length;
  // the other values packed from the start; m: [values packed, -0 seen, +0 seen]
  const out = sharedFloat64(total);
  const m = new Float64Array(3);
  // the same pass in C where the addon is built (src/kernels/native/pooled-scan.c)
  const native = nativeSort();
  if (native !== null) m.set(native.packNonZero(columns, out));
  else for (const c of columns) forBlocks(c.length, (from, to) => packNonZero(c, from, to, out, m));
  const [k, negativeZeros, positiveZeros] = m;
  sortFloat64(out.subarray(0, k));
  // the zeros go between the negatives and the positives
  let negatives = 0;
  while (negatives < k && out[negatives] < 0) negatives++;
  const zeros = negativeZeros + positiveZeros;
  out.copyWithin(negatives + zeros, negatives, k);
  out.fill(-0, negatives, negatives + negativeZeros);
  out.fill(0, negatives + negativeZeros, negatives + zeros);
  return out.subarray(0, k + zeros);
}

/** Appends the non-null values of [from, to) other than ±0 to `out` at m[0], counting -0 in m[1] and +0 in m[2]. */
function packNonZero(values: Float64Array, from: number, to: number, out: Float64Array, m: Float64Array): void {
  let k = m[0];
  let negativeZeros = m[1];
  let positiveZeros = m[2];
  for (let i = from; i < to; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (v === 0) {
      if (1 / v < 0) negativeZeros++;
      else positiveZeros++;
    } else {
      out[k++] = v;
    }
  }
  m[0] = k;
  m[1] = negativeZeros;
  m[2] = positiveZeros;
}
