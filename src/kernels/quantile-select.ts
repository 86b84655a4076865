import { interpolateLinear } from './quantile-sorted.js';
import { nativeSort } from './native-sort.js';

/**
 * The q-quantile of an unsorted array with numpy's default `linear` method, by selection instead of
 * a full sort: Floyd & Rivest's SELECT finds the order statistic floor(h) in expected O(n), and the
 * next one is the minimum of the right part.
 * NaN values are skipped (pandas `Series.quantile` on a column with nulls).
 *
 * Parity: pandas `s.dropna().quantile(q)` = numpy `np.quantile(x[~isnan(x)], q)`; interpolation as
 * in `quantileSorted` (numpy `_lerp`), so results are bit-identical to sorting first.
 *
 * Works on a copy: the input is never written.
 */
export function quantileSelect(values: ArrayLike<number>, q: number): number {
  return pooledQuantileOf([values], q);
}

/** Samples from which pooledQuantileOf brackets the order statistics it needs: 16 √n, at least this. */
const MIN_SAMPLE = 1024;

/**
 * The q-quantile (numpy `linear`) of the non-NaN values of `columns` pooled, skipping also the rows
 * where the aligned column of `keep` is NaN (`keep[b][i]` for `columns[b][i]`), without copying every
 * value: a first pass counts the values m and keeps every (m / s)-th as a sample (s ~ 16 √m); the
 * sample's order statistics around rank q·s bracket the two wanted ones, floor((m - 1) q) and the
 * next, in [lo, hi] (Floyd & Rivest 1975's sampling step); a second pass counts the values below lo
 * and gathers those in [lo, hi], where the two are selected. The bracket is checked, not trusted: if
 * it missed either order statistic, or gathered more than a quarter of the values (heavy ties), the
 * values are copied and selected as a whole. Either way the same order statistics, so the same bits
 * as sorting. Why: the 0.995 quantile of 10M values took 156-231 ms copied and selected, 53-103 ms
 * so (linear_model_mean's guard and clips; bench/RESULTS.md, eighth session of 2026-12-06). Never
 * writes its inputs.
 */
export function pooledQuantileOf(columns: readonly ArrayLike<number>[], q: number, keep?: readonly ArrayLike<number>[]): number {
  let total = 0;
  for (const c of columns) total += c.length;
  const stride = Math.max(1, Math.floor(total / Math.max(MIN_SAMPLE, 16 * Math.sqrt(total))));
  const sample = new Float64Array(Math.ceil(total / stride));
  // the two passes in C where the addon is built and the columns are Float64Arrays (the same values)
  const native = nativeSort();
  const passes: PooledPasses = native !== null && allFloat64(columns) && (keep === undefined || allFloat64(keep)) ? native : TYPESCRIPT_PASSES;
  const [m, s] = passes.sampleValid(columns, keep ?? null, stride, sample);
  if (m === 0) return Number.NaN;
  const h = (m - 1) * q;
  const rank = Math.floor(h);
  const last = Math.min(rank + 1, m - 1);
  const sorted = sample.subarray(0, s).sort();
  // sample j stands for rank ~ j·stride; widen by three standard deviations of a sample's rank
  const spread = 3 * Math.sqrt(s) + 2;
  const at = rank / stride;
  const lo = at - spread < 0 ? Number.NEGATIVE_INFINITY : sorted[Math.floor(at - spread)];
  const top = Math.ceil(last / stride + spread);
  const hi = top >= s ? Number.POSITIVE_INFINITY : sorted[top];
  const window = new Float64Array(Math.max(16, m >> 2));
  const [below, w] = passes.gatherBracket(columns, keep ?? null, lo, hi, window);
  if (w <= window.length && below <= rank && last < below + w) {
    const [x, y] = orderStatisticPair(window, w, rank - below, last - below);
    return interpolateLinear(x, y, h - rank);
  }
  const all = new Float64Array(m);
  let n = 0;
  for (let b = 0; b < columns.length; b++) {
    const c = columns[b];
    const k = keep?.[b];
    for (let i = 0; i < c.length; i++) {
      const v = c[i];
      if (v === v && (k === undefined || k[i] === k[i])) all[n++] = v;
    }
  }
  return quantilesOfScratch(all, n, q, q)[0];
}

/**
 * pooledQuantileOf's two passes over the pooled values (skipping NaN and rows whose `keep` value is
 * NaN): `sampleValid` counts them (m) and puts every stride-th, from the first, in sample[0, s);
 * `gatherBracket` counts those below lo and puts those in [lo, hi] in window[0, w), stopping with
 * w = window.length + 1 when they do not fit. NativeSort has the same two in C.
 */
interface PooledPasses {
  sampleValid(columns: readonly ArrayLike<number>[], keep: readonly ArrayLike<number>[] | null, stride: number, sample: Float64Array): [number, number];
  gatherBracket(columns: readonly ArrayLike<number>[], keep: readonly ArrayLike<number>[] | null, lo: number, hi: number, window: Float64Array): [number, number];
}

const TYPESCRIPT_PASSES: PooledPasses = {
  sampleValid(columns, keep, stride, sample) {
    let m = 0;
    let s = 0;
    let next = 0;
    for (let b = 0; b < columns.length; b++) {
      const c = columns[b];
      const k = keep?.[b];
      for (let i = 0; i < c.length; i++) {
        const v = c[i];
        if (v !== v || (k !== undefined && k[i] !== k[i])) continue; // v !== v only for NaN
        if (m === next) {
          sample[s++] = v;
          next += stride;
        }
        m++;
      }
    }
    return [m, s];
  },
  gatherBracket(columns, keep, lo, hi, window) {
    let below = 0;
    let w = 0;
    for (let b = 0; b < columns.length && w <= window.length; b++) {
      const c = columns[b];
      const k = keep?.[b];
      for (let i = 0; i < c.length; i++) {
        const v = c[i];
        if (v !== v || (k !== undefined && k[i] !== k[i])) continue;
        if (v < lo) below++;
        else if (v <= hi) {
          if (w === window.length) {
            w++; // too many: the caller selects from every value
            break;
          }
          window[w++] = v;
        }
      }
    }
    return [below, w];
  },
};

function allFloat64(columns: readonly ArrayLike<number>[]): boolean {
  return columns.every((c) => c instanceof Float64Array);
}

/** The r-th and t-th smallest (t = r or r + 1) of a[0..n), NaN-free, reordering a. */
function orderStatisticPair(a: Float64Array, n: number, r: number, t: number): [number, number] {
  const x = selectInPlace(a, 0, n, r);
  return [x, t === r ? x : minimum(a, r + 1, n)];
}

/**
 * The q1- and q2-quantiles (numpy `linear`, q1 <= q2) of a[0..n), NaN-free, reordering a: two
 * selections in place of a sort. Each quantile reads order statistics r and r + 1: the first's upper
 * one is selected and its lower one is the largest left of it (q1 = 0.025 of 10,000: 250 values),
 * the second's lower one is selected right of the first's and its upper one is the smallest right of
 * it (~250 values), so the right part of ~9,750 values is read by one selection where a minimum
 * over it and a selection in it read it twice. Bit-identical to `quantileSorted` of the sorted array
 * (the same order statistics, the same interpolation).
 */
export function quantilesOfScratch(a: Float64Array, n: number, q1: number, q2: number): [number, number] {
  if (n === 0) return [Number.NaN, Number.NaN];
  if (!(q1 <= q2)) throw new RangeError(`quantilesOfScratch: q1 must not exceed q2, got ${q1} and ${q2}`);
  const h1 = (n - 1) * q1;
  const h2 = (n - 1) * q2;
  const lo1 = Math.floor(h1);
  const lo2 = Math.floor(h2);
  const tails = n >= TAILS_MIN && lo2 - lo1 > n / 2 ? tailOrderStatistics(a, n, lo1, lo2) : null;
  if (tails !== null) {
    const [at1, next1, at2, next2] = tails;
    return [interpolateLinear(at1, next1, h1 - lo1), interpolateLinear(at2, next2, h2 - lo2)];
  }
  const hi1 = Math.min(lo1 + 1, n - 1);
  const next1 = selectInPlace(a, 0, n, hi1);
  // a[0..hi1) are the hi1 smallest: their largest is order statistic lo1
  const at1 = hi1 === lo1 ? next1 : maximum(a, 0, hi1);
  const first = interpolateLinear(at1, next1, h1 - lo1);
  if (lo2 === lo1) return [first, interpolateLinear(at1, next1, h2 - lo2)];
  // lo2 > lo1, so lo2 >= hi1 = lo1 + 1, and a[0..hi1] are the hi1 + 1 smallest
  const at2 = lo2 === hi1 ? next1 : selectInPlace(a, hi1 + 1, n, lo2);
  const next2 = lo2 + 1 < n ? minimum(a, lo2 + 1, n) : at2;
  return [first, interpolateLinear(at2, next2, h2 - lo2)];
}

/** Values from which quantilesOfScratch brackets two tail quantiles (tailOrderStatistics). */
const TAILS_MIN = 4096;
/** The sample those brackets come from. */
const TAIL_SAMPLE = 256;

/**
 * Order statistics lo1, lo1 + 1 and lo2, lo2 + 1 of a[0..n) (lo1 + 1 < lo2), reordering a: every
 * (n / 256)-th value is sampled, and the sample's order statistics 3 standard deviations (and 2)
 * beyond the two ranks bracket them (Floyd & Rivest 1975's sampling step); one pass moves the values
 * below the low bracket to the front and those above the high one to the back (a few hundred of
 * 10,000 replicates each: the pass's branches are predictable, where a partition's mispredict), and
 * the order statistics are selected there. Null when a bracket missed its rank (about one call in a
 * thousand, or heavy ties at a bracket): the caller then selects in the whole array. The same order
 * statistics either way, so the same bits. Why: the 0.025 / 0.975 intervals of 10,000 replicates took
 * 155-192 us by two selections, ~0.4 CPU-s of the demo's calling thread (bench/RESULTS.md, twentieth
 * session).
 */
function tailOrderStatistics(a: Float64Array, n: number, lo1: number, lo2: number): [number, number, number, number] | null {
  const s = TAIL_SAMPLE;
  const stride = Math.floor(n / s);
  const sample = new Float64Array(s);
  for (let j = 0; j < s; j++) sample[j] = a[j * stride];
  const margin = (q: number): number => 3 * Math.sqrt(s * q * (1 - q)) + 2;
  const q1 = (lo1 + 2) / n;
  const q2 = lo2 / n;
  const k1 = Math.ceil(q1 * s + margin(q1));
  const k2 = Math.floor(q2 * s - margin(q2));
  if (!(k1 < k2 && k2 < s)) return null;
  const below = selectInPlace(sample, 0, s, k1);
  const above = selectInPlace(sample, k1 + 1, s, k2);
  // a[0..low) < below <= a[low..high) <= above < a[high..n)
  let low = 0;
  let high = n;
  let i = 0;
  while (i < high) {
    const v = a[i];
    if (v < below) {
      a[i++] = a[low];
      a[low++] = v;
    } else if (v > above) {
      a[i] = a[--high];
      a[high] = v;
    } else {
      i++;
    }
  }
  const hi1 = lo1 + 1;
  if (hi1 >= low || lo2 < high) return null;
  floydRivest(a, 0, low - 1, hi1);
  const next1 = a[hi1];
  const at1 = maximum(a, 0, hi1);
  floydRivest(a, high, n - 1, lo2);
  const at2 = a[lo2];
  const next2 = lo2 + 1 < n ? minimum(a, lo2 + 1, n) : at2;
  return [at1, next1, at2, next2];
}

/** The smallest of a[from..n). */
function minimum(a: Float64Array, from: number, n: number): number {
  let m = Number.POSITIVE_INFINITY;
  for (let i = from; i < n; i++) if (a[i] < m) m = a[i];
  return m;
}

/** The largest of a[from..to). */
function maximum(a: Float64Array, from: number, to: number): number {
  let m = Number.NEGATIVE_INFINITY;
  for (let i = from; i < to; i++) if (a[i] > m) m = a[i];
  return m;
}

/** Rearranges a[from..n) so that a[k] is the k-th smallest of a[0..n), given a[0..from) are the smallest. */
function selectInPlace(a: Float64Array, from: number, n: number, k: number): number {
  floydRivest(a, from, n - 1, k);
  return a[k];
}

/**
 * Floyd & Rivest's SELECT (CACM Algorithm 489, 1975): rearranges a[left..right] so that a[k] holds
 * the value of its rank there, none greater before it and none smaller after it. On ranges above 600
 * values it first selects k within a sample range around its expected place, so the partition's
 * pivot lies near the answer: ~n + o(n) comparisons where median-of-three quickselect took ~2-3 n.
 * The 0.025 and 0.975 quantiles of 10,000 replicates, copy included: 189-288 -> 102-143 µs
 * (bench/RESULTS.md, ninth session of 2026-12-06).
 */
function floydRivest(a: Float64Array, left: number, right: number, k: number): void {
  while (right > left) {
    if (right - left > 600) {
      const n = right - left + 1;
      const i = k - left + 1;
      const z = Math.log(n);
      const s = 0.5 * Math.exp((2 * z) / 3);
      const sd = 0.5 * Math.sqrt((z * s * (n - s)) / n) * Math.sign(i - n / 2);
      floydRivest(a, Math.max(left, Math.floor(k - (i * s) / n + sd)), Math.min(right, Math.floor(k + ((n - i) * s) / n + sd)), k);
    }
    const t = a[k];
    let i = left;
    let j = right;
    swap(a, left, k);
    if (a[right] > t) swap(a, right, left);
    while (i < j) {
      swap(a, i, j);
      i++;
      j--;
      while (a[i] < t) i++;
      while (a[j] > t) j--;
    }
    if (a[left] === t) {
      swap(a, left, j);
    } else {
      j++;
      swap(a, j, right);
    }
    if (j <= k) left = j + 1;
    if (k <= j) right = j - 1;
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}
