/**
 * Order statistics of pooled columns at many ranks at once: the non-NaN values of `columns`, skipping
 * the rows where the aligned column of `keep` is NaN, at ranks that depend on how many values there
 * are (m). In the order sortFloat64 gives (-0 before +0).
 *
 * Where the addon contrail_sorts is built, by counting, without a copy or a sort of the values
 * (src/kernels/native/order-statistics.c: a histogram of the keys' top 16 bits, then passes that
 * split only the cells holding wanted ranks): linear_model_mean's covariate grid reads ~20,000 order
 * statistics, and pooling and sorting 10M values for them took ~0.3 s and 144 MB of new memory at
 * the end of a 10M-client run (bench/RESULTS.md, sixteenth session). Elsewhere, or with
 * CONTRAIL_NATIVE_SORT=0: the values pooled and sorted (sortFloat64). An order statistic is one
 * value whatever the method: the same bits. (A tally of the distinct values, as deciles reads, would
 * not do: it counts -0 and +0 as one value.)
 */
import { nativeSort } from './native-sort.js';
import { sortFloat64 } from './sort-float64.js';

/** The histogram's counters: one per value of the keys' top 16 bits. */
const TOP_BUCKETS = 1 << 16;

/**
 * `ranksOf(m)`: the wanted ranks in ascending order, each an integer in [0, m) (called once, also
 * with m = 0). Returns m and the order statistics at those ranks, aligned with them.
 */
export function orderStatistics(
  columns: readonly Float64Array[],
  keep: readonly Float64Array[] | undefined,
  ranksOf: (m: number) => Float64Array,
): { m: number; values: Float64Array } {
  const native = nativeSort();
  if (native !== null) {
    const counts = new Uint32Array(TOP_BUCKETS);
    const m = native.keyHistogram(columns, keep ?? null, counts);
    const ranks = ranksOf(m);
    const values = new Float64Array(ranks.length);
    if (ranks.length > 0) native.selectRanks(columns, keep ?? null, counts, ranks, values);
    return { m, values };
  }
  const pooled = pooledValues(columns, keep);
  const m = pooled.length;
  const ranks = ranksOf(m);
  checkRanks(ranks, m);
  const sorted = sortFloat64(pooled);
  return { m, values: ranks.map((r) => sorted[r]) };
}

/** The kept values, in a new array. */
function pooledValues(columns: readonly Float64Array[], keep: readonly Float64Array[] | undefined): Float64Array {
  let total = 0;
  for (const c of columns) total += c.length;
  const pooled = new Float64Array(total);
  let m = 0;
  for (let b = 0; b < columns.length; b++) {
    const x = columns[b];
    const k = keep?.[b];
    for (let i = 0; i < x.length; i++) if (x[i] === x[i] && (k === undefined || k[i] === k[i])) pooled[m++] = x[i];
  }
  return pooled.subarray(0, m);
}

/** The C kernel's check of the ranks, with its message. */
function checkRanks(ranks: Float64Array, m: number): void {
  for (let r = 0; r < ranks.length; r++) {
    const rank = ranks[r];
    if (!(rank >= 0 && rank < m && Number.isInteger(rank)) || (r > 0 && rank < ranks[r - 1])) {
      throw new RangeError(`selectRanks: ranks must be ascending integers in [0, ${m}), got ${rank} at ${r}`);
    }
  }
}
