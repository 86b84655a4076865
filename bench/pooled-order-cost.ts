/**
 * Milliseconds of `pooledOrder` (src/engine/pooled-order.ts: the pre-enrollment covariate's pooled
 * order, which ends a linear_model_mean run at 10M clients when its table is read last) over three
 * branches of 3.33M engagement-like values (a fifth zeros in no order): with the passes in C (addon
 * contrail_sorts: packNonZero, sortFloat64) and in TypeScript. Each call allocates its output and
 * the sort its scratch, as in a run. Four calls each. Used for the fifteenth session's section of
 * bench/RESULTS.md; run it with GLIBC_TUNABLES=glibc.malloc.hugetlb=1 to allocate as `contrail` does.
 *
 *   GLIBC_TUNABLES=glibc.malloc.hugetlb=1 npx tsx bench/pooled-order-cost.ts
 */
import { pooledOrder } from '../src/engine/pooled-order.js';
import { createRng } from '../src/kernels/rng.js';

const rng = createRng(17);
const columns = [0, 1, 2].map(() => Float64Array.from({ length: 3_333_333 }, () => (rng.nextFloat() < 0.2 ? 0 : Math.exp(3 * rng.nextFloat()) - 1)));
for (const [label, flag] of [['C', '1'], ['TypeScript', '0']]) {
  process.env.CONTRAIL_NATIVE_SORT = flag;
  const ms: string[] = [];
  for (let call = 0; call < 4; call++) {
    const start = performance.now();
    pooledOrder(columns);
    ms.push((performance.now() - start).toFixed(0));
  }
  console.log(`${label}: ${ms.join(' ')} ms per 10M values`);
}
