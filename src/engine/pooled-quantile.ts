import { quantileSorted } from '../kernels/quantile-sorted.js';
import { columnOf, type Frame } from './frame.js';

/**
 * The q-quantile of `column` pooled over every branch of a frame, ignoring NaN (null) values, with
 * numpy's default linear interpolation. NaN when no branch holds a non-NaN value.
 *
 * Parity: jetstream CensorHighestValues / CensorLowestValues -> pandas `df[col].quantile(q)` on the
 * whole (all-branch) frame, which skips NaN.
 */
export function pooledQuantile(frame: Frame, column: string, q: number): number {
  const columns = columnOf(frame, column);
  let n = 0;
  for (const values of columns) for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) n++;
  const pooled = new Float64Array(n);
  let k = 0;
  for (const values of columns) {
    for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) pooled[k++] = values[i];
  }
  pooled.sort();
  return quantileSorted(pooled, q);
}
