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
  return quantileOfScratch(work, n, q);
}

/** The q-quantile (numpy `linear`) of a[0..n), NaN-free, by selection in place (a is reordered). */
function quantileOfScratch(a: Float64Array, n: number, q: number): number {
  return quantilesOfScratch(a, n, q, q)[0];
}

/**
 * The q1- and q2-quantiles (numpy `linear`, q1 <= q2) of a[0..n), NaN-free, reordering a: two
 * selections in place of a sort, the second only right of the first's order statistic. Bit-identical
 * to `quantileSorted` of the sorted array (the same order statistics, the same interpolation).
 */
export function quantilesOfScratch(a: Float64Array, n: number, q1: number, q2: number): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  if (!(q1 <= q2)) throw new RangeError(`quantilesOfScratch: q1 must not exceed q2, got ${q1} and ${q2}`);
  const h1 = (n - 1) * q1;
  const h2 = (n - 1) * q2;
  const lo1 = Math.floor(h1);
  const lo2 = Math.floor(h2);
  const at1 = selectInPlace(a, 0, n, lo1);
  // every element right of lo1 is >= a[lo1]
  const next1 = lo1 + 1 < n ? minimum(a, lo1 + 1, n) : at1;
  const first = interpolateLinear(at1, next1, h1 - lo1);
  if (lo2 === lo1) return [first, interpolateLinear(at1, next1, h2 - lo2)];
  const at2 = selectInPlace(a, lo1 + 1, n, lo2);
  const next2 = lo2 + 1 < n ? minimum(a, lo2 + 1, n) : at2;
  return [first, interpolateLinear(at2, next2, h2 - lo2)];
}

/** The smallest of a[from..n). */
function minimum(a: Float64Array, from: number, n: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = from; i < n; i++) if (a[i] < m) m = a[i];
  return m;
}

/** Rearranges a[from..n) so that a[k] is the k-th smallest of a[0..n), given a[0..from) are the smallest. */
function selectInPlace(a: Float64Array, from: number, n: number, k: number): number {
  let left = from;
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
