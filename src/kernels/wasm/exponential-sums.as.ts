/**
 * The inner loop of `bootstrap_mean`'s Monte Carlo path (src/kernels/bayesian-bootstrap-mean.ts) as
 * a WebAssembly SIMD kernel, in AssemblyScript. `npm run build:wasm` compiles it with asc (a
 * devDependency) to dist/wasm/exponential-sums.wasm; src/kernels/exponential-sums.ts loads it.
 * Why WebAssembly: 2.6 ns per exponential draw against 4.3 ns for the TypeScript ziggurat on the
 * same machine, then 2.0 ns with the draws of exponential-draws.as.ts (bench/RESULTS.md,
 * "WebAssembly SIMD kernel"). Bit-for-bit reference in TypeScript with Math.fround:
 * test/support/exponential-lane-reference.ts.
 *
 * Each of the four lanes of a vector is one bootstrap replicate with its own stream of exponentials
 * (exponential-draws.as.ts); every value is splatted across the lanes.
 *
 * For value i with count c_i (1..16), a lane takes the next c_i exponentials e, w = Σ_j e_j in f32
 * (j in order, w starting at 0), and adds w to Σ w and w·u_i to Σ w·u in f32, i in index order,
 * both sums starting from 0 in each block of draws; at the block's end each f32 sum is added to its
 * f64 running sum. The values u are f32 (the caller's centred and scaled values: exponential-sums.ts).
 * The exponentials are generated BLOCK at a time into a buffer and summed from it, so the generator
 * loop carries no dependency but the generator state. Values of count 1 (`counts` 0) are summed in
 * two interleaved f32 sets per block, added in f32 at its end (addOnesPaired).
 * Why f32 sums within a block: on the family-23 EPYC the f64 sums (two conversions and six f64
 * operations per eight draws at AVX2's width) took 0.37 of 1.72 ns a draw, the f32 ones 0.14
 * (bench/RESULTS.md, twenty-third session); a block's f32 sums of at most 512 terms keep a relative
 * error near 2^-24·√512, far below the replicates' Monte Carlo spread for centred values.
 */
import { BLOCK, DRAWS, fill } from './exponential-draws.as';

/** Adds f32 partial sums (four lanes each) to the f64 sums at `sums` (Σ w of four lanes, then Σ w·u). */
// @ts-ignore: decorator
@inline
function addPartial(sum: v128, weighted: v128, sums: usize): void {
  v128.store(sums, f64x2.add(v128.load(sums, 0), f64x2.promote_low_f32x4(sum)), 0);
  v128.store(sums, f64x2.add(v128.load(sums, 16), f64x2.promote_low_f32x4(v128.shuffle<f32>(sum, sum, 2, 3, 0, 1))), 16);
  v128.store(sums, f64x2.add(v128.load(sums, 32), f64x2.promote_low_f32x4(weighted)), 32);
  v128.store(sums, f64x2.add(v128.load(sums, 48), f64x2.promote_low_f32x4(v128.shuffle<f32>(weighted, weighted, 2, 3, 0, 1))), 48);
}

/**
 * Adds the buffer's draws for n values to the sums at `sums` (Σ w of four lanes, then Σ w·u): value i
 * takes the next counts[i] draws, summed (one draw each when `counts` is 0).
 */
function addDraws(values: usize, counts: usize, n: i32, sums: usize): void {
  if (counts == 0) {
    addOnesPaired(values, n, sums);
    return;
  }
  let sum = f32x4.splat(0.0);
  let weighted = f32x4.splat(0.0);
  let next: usize = DRAWS;
  for (let i = 0; i < n; i++) {
    const u = f32x4.splat(load<f32>(values + (<usize>i << 2)));
    const times = load<i32>(counts + (<usize>i << 2));
    let w = f32x4.splat(0.0);
    for (let j = 0; j < times; j++) {
      w = f32x4.add(w, v128.load(next));
      next += 16;
    }
    sum = f32x4.add(sum, w);
    weighted = f32x4.add(weighted, f32x4.mul(w, u));
  }
  addPartial(sum, weighted, sums);
}

/**
 * addDraws for one draw per value (`counts` 0), in two interleaved f32 sets of sums from 0: the
 * block's even-indexed values (counted from the block's first) and its odd-indexed ones, added in
 * f32 at the block's end. Two chains of dependent additions instead of one: 1.95-2.11 -> 1.75-1.88
 * ns per draw with f64 sums (`npx tsx bench/bootstrap-draw-cost.ts`, 2026-12-05). A block holds
 * BLOCK - 15 = 497 values here.
 */
function addOnesPaired(values: usize, n: i32, sums: usize): void {
  let sumA = f32x4.splat(0.0);
  let weightedA = f32x4.splat(0.0);
  let sumB = f32x4.splat(0.0);
  let weightedB = f32x4.splat(0.0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const eA = v128.load(DRAWS + (<usize>i << 4));
    const eB = v128.load(DRAWS + (<usize>(i + 1) << 4));
    sumA = f32x4.add(sumA, eA);
    weightedA = f32x4.add(weightedA, f32x4.mul(eA, f32x4.splat(load<f32>(values + (<usize>i << 2)))));
    sumB = f32x4.add(sumB, eB);
    weightedB = f32x4.add(weightedB, f32x4.mul(eB, f32x4.splat(load<f32>(values + (<usize>(i + 1) << 2)))));
  }
  if (i < n) {
    const e = v128.load(DRAWS + (<usize>i << 4));
    sumA = f32x4.add(sumA, e);
    weightedA = f32x4.add(weightedA, f32x4.mul(e, f32x4.splat(load<f32>(values + (<usize>i << 2)))));
  }
  addPartial(f32x4.add(sumA, sumB), f32x4.add(weightedA, weightedB), sums);
}

/**
 * Σ w and Σ w·u for `groups` groups of four replicates over n values.
 * - values: n f32; counts: n i32, each in 1..16, or 0 (null) when every count is 1;
 * - states: per group, a lane state record of 128 bytes (see the header); advanced;
 * - out: per group, Σ w of its four lanes then Σ w·u (eight f64, 64 bytes), added to.
 */
export function exponentialSums(values: usize, counts: usize, n: i32, states: usize, groups: i32, out: usize): void {
  for (let g = 0; g < groups; g++) {
    const state = states + (<usize>g << 7);
    const sums = out + (<usize>g << 6);
    let from = 0;
    while (from < n) {
      // the values whose draws fit in the buffer (a count is at most 16): BLOCK - 15 of them when
      // every count is 1, found without a loop over the values (that loop was ~1.3 of the 15.6
      // CPU-seconds of bootstrap_mean at 1M: bench/RESULTS.md, fifth session of 2026-12-05)
      let to = from;
      let draws = 0;
      if (counts == 0) {
        to = min(n, from + BLOCK - 15);
        draws = to - from;
      } else {
        while (to < n && draws <= BLOCK - 16) {
          draws += load<i32>(counts + (<usize>to << 2));
          to++;
        }
      }
      fill(state, draws);
      addDraws(values + (<usize>from << 2), counts == 0 ? 0 : counts + (<usize>from << 2), to - from, sums);
      from = to;
    }
  }
}

/**
 * Shared weights: Σ w and Σ w·u of four replicate lanes for each of several members (subsets of one
 * universe of clients, each a list of client positions with a value), where client p's weight in a
 * lane is the p-th exponential of the lane's stream, whichever members hold p.
 * - universe: the number of clients N (every lane draws N exponentials, in position order);
 * - members: memberCount records of three i32 (positions address, values address, length), positions
 *   ascending in [0, N), one f32 value u each;
 * - cursors: memberCount i32 of scratch;
 * - state: the four lanes' state record (128 bytes, as for exponentialSums); advanced;
 * - out: per member two sets of sums (128 bytes): the member's even-indexed entries, then its
 *   odd-indexed ones, each Σ w of the four lanes then Σ w·u (eight f64) from 0, each block's f32
 *   sums (from 0, in position order) added in turn.
 *   Two interleaved sums halve the chain of dependent additions (bench/RESULTS.md); the caller adds
 *   the two sets;
 * - gathers: gatherCount i32 client positions, ascending in [0, N), whose weights are copied out:
 *   gatherOut receives, per gathered position, its four lanes' exponentials (one v128, f32).
 */
export function sharedSums(
  universe: i32, members: usize, memberCount: i32, cursors: usize, state: usize, out: usize,
  gathers: usize, gatherCount: i32, gatherOut: usize,
): void {
  for (let m = 0; m < memberCount; m++) store<i32>(cursors + (<usize>m << 2), 0);
  let gathered = 0;
  let from = 0;
  while (from < universe) {
    const draws = min(BLOCK, universe - from);
    fill(state, draws);
    const to = from + draws;
    for (let m = 0; m < memberCount; m++) {
      const record = members + <usize>m * 12;
      const positions = <usize>load<i32>(record, 0);
      const values = <usize>load<i32>(record, 4);
      const length = load<i32>(record, 8);
      const even = out + (<usize>m << 7);
      const odd = even + 64;
      let k = load<i32>(cursors + (<usize>m << 2));
      let sumA = f32x4.splat(0.0);
      let weightedA = f32x4.splat(0.0);
      let sumB = f32x4.splat(0.0);
      let weightedB = f32x4.splat(0.0);
      // an odd entry first, so that the pairs below start at even entries
      if ((k & 1) == 1 && k < length && load<i32>(positions + (<usize>k << 2)) < to) {
        const e = v128.load(DRAWS + (<usize>(load<i32>(positions + (<usize>k << 2)) - from) << 4));
        sumB = f32x4.add(sumB, e);
        weightedB = f32x4.add(weightedB, f32x4.mul(e, f32x4.splat(load<f32>(values + (<usize>k << 2)))));
        k++;
      }
      while (k + 1 < length) {
        const pB = load<i32>(positions + (<usize>(k + 1) << 2));
        if (pB >= to) break;
        const pA = load<i32>(positions + (<usize>k << 2));
        const eA = v128.load(DRAWS + (<usize>(pA - from) << 4));
        const eB = v128.load(DRAWS + (<usize>(pB - from) << 4));
        sumA = f32x4.add(sumA, eA);
        weightedA = f32x4.add(weightedA, f32x4.mul(eA, f32x4.splat(load<f32>(values + (<usize>k << 2)))));
        sumB = f32x4.add(sumB, eB);
        weightedB = f32x4.add(weightedB, f32x4.mul(eB, f32x4.splat(load<f32>(values + (<usize>(k + 1) << 2)))));
        k += 2;
      }
      // a last even entry whose odd partner lies past the block (or past the end)
      if (k < length && load<i32>(positions + (<usize>k << 2)) < to) {
        const e = v128.load(DRAWS + (<usize>(load<i32>(positions + (<usize>k << 2)) - from) << 4));
        sumA = f32x4.add(sumA, e);
        weightedA = f32x4.add(weightedA, f32x4.mul(e, f32x4.splat(load<f32>(values + (<usize>k << 2)))));
        k++;
      }
      addPartial(sumA, weightedA, even);
      addPartial(sumB, weightedB, odd);
      store<i32>(cursors + (<usize>m << 2), k);
    }
    for (; gathered < gatherCount; gathered++) {
      const p = load<i32>(gathers + (<usize>gathered << 2));
      if (p >= to) break;
      v128.store(gatherOut + (<usize>gathered << 4), v128.load(DRAWS + (<usize>(p - from) << 4)));
    }
    from = to;
  }
}
