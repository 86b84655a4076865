/**
 * Milliseconds of linear_model_mean's moment passes (`accumulateMomentsAndRaw`,
 * src/kernels/ols-branch-sufficient.ts) over three branches of 3.33M rows with a covariate, as in its
 * fit part at 10M clients: the C passes (addon contrail_sorts, src/kernels/native/branch-moments.c)
 * and the TypeScript ones. Five rounds each, the first cold. Used for the fifteenth session's section
 * of bench/RESULTS.md.
 *
 *   npx tsx bench/branch-moments-cost.ts
 */
import { accumulateMomentsAndRaw, emptyMoments } from '../src/kernels/ols-branch-sufficient.js';
import { createRng } from '../src/kernels/rng.js';

const n = 3_333_333;
const rng = createRng(16);
// engagement-like: a fifth zeros, the rest log-uniform over [1, e^3)
const y = Float64Array.from({ length: n }, (_, i) => (i % 5 === 0 ? 0 : Math.exp(3 * rng.nextFloat())));
const x = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : Math.exp(3 * rng.nextFloat())));
for (const [label, flag] of [['C', '1'], ['TypeScript', '0']]) {
  process.env.CONTRAIL_NATIVE_SORT = flag;
  const ms: string[] = [];
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let branch = 0; branch < 3; branch++) accumulateMomentsAndRaw(emptyMoments(), emptyMoments(), { y, x, clipY: 15, clipX: 15 });
    ms.push((performance.now() - start).toFixed(1));
  }
  console.log(`${label}: ${ms.join(' ')} ms per 10M rows`);
}
