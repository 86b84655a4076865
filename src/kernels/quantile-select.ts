import { interpolateLinear } from './quantile-sorted.js';

/**
 * The q-quantile of an unsorted array with numpy's default `linear` method, by selection instead of
 * a full sort: Floyd-Rivest-style quickselect (Hoare partition, median-of-three pivot) finds the
 * order statistic floor(h) in expected O(n), and the next one is the minimum of the right part.
 * NaN values are skipped (pandas `Series.quantile` on a column with nulls).
 *
 * Parity: pandas `s.dropna().quantile(q)` = numpy `np.quantile(x[~isnan(x)], q)`; interpolation as
 * in `quantileSorted` (numpy `_lerp`), so results are bit-identical to sorting first.
 *
 * Works on a copy: the input is never written.
 */
export function quantileSelect(values: ArrayLike<number>, q: number): number {
  const n0 = values.length;
  const work = new Float64Array(n0);
  let n = 0;
  for (let i = 0; i < n0; i++) {
    const v = values[i];
    if (v === v) work[n++] = v; // v === v is false only for NaN
  }
  if (n === 0) return Number.NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = selectInPlace(work, n, lo);
  let b = a;
  if (hi > lo) {
    // After selection every element right of `lo` is >= work[lo]: the next order statistic is their min.
    b = Number.POSITIVE_INFINITY;
    for (let i = lo + 1; i < n; i++) if (work[i] < b) b = work[i];
  }
  return interpolateLinear(a, b, h - lo);
}

/** Rearranges a[0..n) so that a[k] is the k-th smallest, smaller ones left, larger ones right. */
function selectInPlace(a: Float64Array, n: number, k: number): number {
  let left = 0;
  let right = n - 1;
  while (right > left) {
    const mid = (left + right) >>> 1;
    // Median of three into a[mid], a guard against sorted and reverse-sorted inputs.
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
