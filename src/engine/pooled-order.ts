/**
 * The pooled order of a column: every branch's non-null values in one ascending array (sortFloat64's
 * order), in a SharedArrayBuffer so that summary tasks read it without a copy. The engine computes it
 * for a pre-enrollment covariate on the summary pool as soon as its table is read, while the analysis
 * table may still be reading; linear_model_mean's covariate grid then reads its 20,000 order
 * statistics from it instead of pooling and sorting the covariate after the join
 * (src/engine/attach-covariates.ts).
 */
import { forBlocks } from '../kernels/for-blocks.js';
import { sortFloat64 } from '../kernels/sort-float64.js';
import { sharedFloat64 } from './shared-buffers.js';

export function pooledOrder(columns: readonly Float64Array[]): Float64Array {
  const counted = { m: 0 };
  for (const c of columns) forBlocks(c.length, (from, to) => countNotNull(c, from, to, counted));
  const pooled = sharedFloat64(counted.m);
  const at = { m: 0 };
  for (const c of columns) forBlocks(c.length, (from, to) => copyNotNull(c, from, to, pooled, at));
  return sortFloat64(pooled);
}

function countNotNull(values: Float64Array, from: number, to: number, counted: { m: number }): void {
  let m = counted.m;
  for (let i = from; i < to; i++) if (values[i] === values[i]) m++;
  counted.m = m;
}

function copyNotNull(values: Float64Array, from: number, to: number, out: Float64Array, at: { m: number }): void {
  let k = at.m;
  for (let i = from; i < to; i++) if (values[i] === values[i]) out[k++] = values[i];
  at.m = k;
}
