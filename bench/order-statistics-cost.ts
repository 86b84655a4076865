/**
 * Milliseconds of `orderStatistics` (src/kernels/order-statistics.ts) for linear_model_mean's
 * covariate grid: the ~20,000 order statistics of 10M engagement-like values in three branches (a
 * fifth zeros in no order, the rest heavy-tailed with six decimals), counted in C (addon
 * contrail_sorts) or pooled and sorted in TypeScript (`CONTRAIL_NATIVE_SORT=0`). Four calls each.
 * Used for the sixteenth session's section of bench/RESULTS.md; run it with
 * GLIBC_TUNABLES=glibc.malloc.hugetlb=1 to allocate as `contrail` does.
 *
 *   GLIBC_TUNABLES=glibc.malloc.hugetlb=1 npx tsx bench/order-statistics-cost.ts
 */
import { orderStatistics } from '../src/kernels/order-statistics.js';
import { createRng } from '../src/kernels/rng.js';

const rng = createRng(17);
const columns = [0, 1, 2].map(() =>
  Float64Array.from({ length: 3_333_333 }, () => (rng.nextFloat() < 0.2 ? 0 : Math.round((Math.exp(6 * rng.nextFloat()) - 1) * 1e6) / 1e6)),
);
/** The grid's ranks: floor((m - 1) q) and the next, q = i * 0.0001. */
const gridRanks = (m: number): Float64Array => {
  const ranks: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const lo = Math.floor((m - 1) * (i * 0.0001));
    ranks.push(lo, Math.min(lo + 1, m - 1));
  }
  return Float64Array.from(new Set(ranks)).sort();
};
for (const [label, flag] of [['C', '1'], ['TypeScript', '0']]) {
  process.env.CONTRAIL_NATIVE_SORT = flag;
  const ms: string[] = [];
  for (let call = 0; call < 4; call++) {
    const start = performance.now();
    orderStatistics(columns, undefined, gridRanks);
    ms.push((performance.now() - start).toFixed(0));
  }
  console.log(`${label}: ${ms.join(' ')} ms per 10M values`);
}
