/**
 * The inner loop of `bootstrap_mean`'s Monte Carlo path (src/kernels/bayesian-bootstrap-mean.ts) as
 * a WebAssembly SIMD kernel, in AssemblyScript. `npm run build:wasm` compiles it with asc (a
 * devDependency) to dist/wasm/exponential-sums.wasm; src/kernels/exponential-sums-wasm.ts loads it.
 * Why WebAssembly: 2.6 ns per exponential draw against 4.3 ns for the TypeScript ziggurat on the
 * same machine (bench/RESULTS.md, "WebAssembly SIMD kernel"). Bit-for-bit reference in TypeScript
 * with Math.fround: test/kernels/exponential-sums-wasm.test.ts.
 *
 * Each of the four lanes of a vector is one bootstrap replicate with its own xoshiro128** stream;
 * every value is splatted across the lanes. For value i with count c_i (1..16), a lane takes the
 * next c_i exponentials e of its stream, w = Σ_j e_j in f64 (j in order, w starting at 0), and adds
 * w to Σ w and w·v_i to Σ w·v, i in index order. One exponential is -ln U from one 32-bit output r:
 * U = f32((r >>> 1) | 1)·2^-31, in (0, 1), and ln U by Cephes' logf (S. L. Moshier, Cephes Math
 * Library 2.2: frexp, reduction to [√½, √2), a degree-8 polynomial, ln 2 split in two) with the
 * polynomial evaluated by Estrin's scheme instead of Horner's (Horner's chain was latency-bound;
 * bench/RESULTS.md). Every step is an f32x4 operation without fused
 * multiply-add, so `Math.fround` could reproduce it bit for bit.
 *
 * The exponentials are generated BLOCK at a time into a buffer and summed from it, so the generator
 * loop carries no dependency but the generator state.
 */

/** Exponentials per lane generated per block (16 bytes each: 8 KiB, in L1). */
const BLOCK: i32 = 512;
const DRAWS: usize = memory.data(BLOCK << 4, 16);

/** Constants, four copies each, loaded with v128.load: a v128.const in the loop costs V8 several instructions per use. */
const INTS = memory.data<i32>([
  1, 1, 1, 1, // 0
  0x007fffff, 0x007fffff, 0x007fffff, 0x007fffff, // 16: mantissa
  0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000, // 32: exponent of 0.5
  126, 126, 126, 126, // 48
  5, 5, 5, 5, // 64: xoshiro128** multipliers
  9, 9, 9, 9, // 80
], 16);
const FLOATS = memory.data<f32>([
  4.656612873077393e-10, 4.656612873077393e-10, 4.656612873077393e-10, 4.656612873077393e-10, // 0: 2^-31
  0.70710678118654752440, 0.70710678118654752440, 0.70710678118654752440, 0.70710678118654752440, // 16: √½
  1, 1, 1, 1, // 32
  0.5, 0.5, 0.5, 0.5, // 48
  0.693359375, 0.693359375, 0.693359375, 0.693359375, // 64: ln 2, high part
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, // 80: ln 2, low part
  // 96 + 16 k: Cephes logf coefficient a_k of x^k, k = 0 .. 8
  3.3333331174e-1, 3.3333331174e-1, 3.3333331174e-1, 3.3333331174e-1,
  -2.4999993993e-1, -2.4999993993e-1, -2.4999993993e-1, -2.4999993993e-1,
  2.0000714765e-1, 2.0000714765e-1, 2.0000714765e-1, 2.0000714765e-1,
  -1.6668057665e-1, -1.6668057665e-1, -1.6668057665e-1, -1.6668057665e-1,
  1.4249322787e-1, 1.4249322787e-1, 1.4249322787e-1, 1.4249322787e-1,
  -1.2420140846e-1, -1.2420140846e-1, -1.2420140846e-1, -1.2420140846e-1,
  1.1676998740e-1, 1.1676998740e-1, 1.1676998740e-1, 1.1676998740e-1,
  -1.1514610310e-1, -1.1514610310e-1, -1.1514610310e-1, -1.1514610310e-1,
  7.0376836292e-2, 7.0376836292e-2, 7.0376836292e-2, 7.0376836292e-2,
], 16);

// @ts-ignore: decorator
@inline
function int(offset: usize): v128 {
  return v128.load(INTS + offset);
}

// @ts-ignore: decorator
@inline
function float(offset: usize): v128 {
  return v128.load(FLOATS + offset);
}

/** Cephes coefficient a_k (of x^k). */
// @ts-ignore: decorator
@inline
function a(k: usize): v128 {
  return v128.load(FLOATS + 96 + (k << 4));
}

/** ln U for the four 32-bit outputs in r (see the header). */
// @ts-ignore: decorator
@inline
function logUniform(r: v128): v128 {
  const u = f32x4.mul(f32x4.convert_i32x4_s(v128.or(i32x4.shr_u(r, 1), int(0))), float(0));
  // frexp: u = m·2^e with m in [0.5, 1)
  let e = i32x4.sub(i32x4.shr_u(u, 23), int(48));
  const m = v128.or(v128.and(u, int(16)), int(32));
  const low = f32x4.lt(m, float(16)); // all ones where m < √½
  e = i32x4.add(e, low); // e - 1 there
  const x = f32x4.sub(f32x4.add(m, v128.and(m, low)), float(32)); // 2m - 1 there, else m - 1
  const z = f32x4.mul(x, x);
  // Estrin: P(x) = (a0 + a1 x) + (a2 + a3 x) z + ((a4 + a5 x) + (a6 + a7 x) z) z² + a8 z⁴
  const p01 = f32x4.add(a(0), f32x4.mul(a(1), x));
  const p23 = f32x4.add(a(2), f32x4.mul(a(3), x));
  const p45 = f32x4.add(a(4), f32x4.mul(a(5), x));
  const p67 = f32x4.add(a(6), f32x4.mul(a(7), x));
  const z2 = f32x4.mul(z, z);
  const q03 = f32x4.add(p01, f32x4.mul(p23, z));
  const q47 = f32x4.add(p45, f32x4.mul(p67, z));
  const p = f32x4.add(f32x4.add(q03, f32x4.mul(q47, z2)), f32x4.mul(a(8), f32x4.mul(z2, z2)));
  let y = f32x4.mul(p, f32x4.mul(x, z));
  const fe = f32x4.convert_i32x4_s(e);
  y = f32x4.add(y, f32x4.mul(fe, float(80)));
  y = f32x4.sub(y, f32x4.mul(z, float(48)));
  return f32x4.add(f32x4.add(x, y), f32x4.mul(fe, float(64)));
}

/** Fills the buffer with `draws` vectors of ln U from the four streams whose state is at `state`, and advances it. */
function fill(state: usize, draws: i32): void {
  let a = v128.load(state, 0);
  let b = v128.load(state, 16);
  let c = v128.load(state, 32);
  let d = v128.load(state, 48);
  for (let q = 0; q < draws; q++) {
    // xoshiro128**: output rotl(b·5, 7)·9, then the state update
    const x = i32x4.mul(b, int(64));
    const r = i32x4.mul(v128.or(i32x4.shl(x, 7), i32x4.shr_u(x, 25)), int(80));
    const t = i32x4.shl(b, 9);
    c = v128.xor(c, a);
    d = v128.xor(d, b);
    b = v128.xor(b, c);
    a = v128.xor(a, d);
    c = v128.xor(c, t);
    d = v128.or(i32x4.shl(d, 11), i32x4.shr_u(d, 21));
    v128.store(DRAWS + (<usize>q << 4), logUniform(r));
  }
  v128.store(state, a, 0);
  v128.store(state, b, 16);
  v128.store(state, c, 32);
  v128.store(state, d, 48);
}

/**
 * Adds the buffer's draws for n values to the sums at `sums` (Σ w of four lanes, then Σ w·v): value i
 * takes the next counts[i] draws, summed (one draw each when `counts` is 0).
 */
function addDraws(values: usize, counts: usize, n: i32, sums: usize): void {
  let sumLo = v128.load(sums, 0);
  let sumHi = v128.load(sums, 16);
  let weightedLo = v128.load(sums, 32);
  let weightedHi = v128.load(sums, 48);
  let next: usize = DRAWS;
  for (let i = 0; i < n; i++) {
    const v = f64x2.splat(load<f64>(values + (<usize>i << 3)));
    const times = counts == 0 ? 1 : load<i32>(counts + (<usize>i << 2));
    let wLo = f64x2.splat(0.0);
    let wHi = f64x2.splat(0.0);
    for (let j = 0; j < times; j++) {
      const ln = v128.load(next);
      next += 16;
      wLo = f64x2.sub(wLo, f64x2.promote_low_f32x4(ln));
      wHi = f64x2.sub(wHi, f64x2.promote_low_f32x4(v128.shuffle<f32>(ln, ln, 2, 3, 0, 1)));
    }
    sumLo = f64x2.add(sumLo, wLo);
    sumHi = f64x2.add(sumHi, wHi);
    weightedLo = f64x2.add(weightedLo, f64x2.mul(wLo, v));
    weightedHi = f64x2.add(weightedHi, f64x2.mul(wHi, v));
  }
  v128.store(sums, sumLo, 0);
  v128.store(sums, sumHi, 16);
  v128.store(sums, weightedLo, 32);
  v128.store(sums, weightedHi, 48);
}

/**
 * Σ w and Σ w·v for `groups` groups of four replicates over n values.
 * - values: n f64; counts: n i32, each in 1..16, or 0 (null) when every count is 1;
 * - states: per group, four v128 (xoshiro128** words a, b, c, d of its four lanes), 64 bytes; advanced;
 * - out: per group, Σ w of its four lanes then Σ w·v (eight f64, 64 bytes), added to.
 */
export function exponentialSums(values: usize, counts: usize, n: i32, states: usize, groups: i32, out: usize): void {
  for (let g = 0; g < groups; g++) {
    const state = states + (<usize>g << 6);
    const sums = out + (<usize>g << 6);
    let from = 0;
    while (from < n) {
      // the values whose draws fit in the buffer (a count is at most 16)
      let to = from;
      let draws = 0;
      while (to < n && draws <= BLOCK - 16) {
        draws += counts == 0 ? 1 : load<i32>(counts + (<usize>to << 2));
        to++;
      }
      fill(state, draws);
      addDraws(values + (<usize>from << 3), counts == 0 ? 0 : counts + (<usize>from << 2), to - from, sums);
      from = to;
    }
  }
}

/** Adds the weights of buffered draw `q` (four lanes) and their products with v to the sums at `sums`. */
// @ts-ignore: decorator
@inline
function addOne(q: i32, value: f64, sums: usize): void {
  const ln = v128.load(DRAWS + (<usize>q << 4));
  const v = f64x2.splat(value);
  const wLo = f64x2.sub(f64x2.splat(0.0), f64x2.promote_low_f32x4(ln));
  const wHi = f64x2.sub(f64x2.splat(0.0), f64x2.promote_low_f32x4(v128.shuffle<f32>(ln, ln, 2, 3, 0, 1)));
  v128.store(sums, f64x2.add(v128.load(sums, 0), wLo), 0);
  v128.store(sums, f64x2.add(v128.load(sums, 16), wHi), 16);
  v128.store(sums, f64x2.add(v128.load(sums, 32), f64x2.mul(wLo, v)), 32);
  v128.store(sums, f64x2.add(v128.load(sums, 48), f64x2.mul(wHi, v)), 48);
}

/**
 * Shared weights: Σ w and Σ w·v of four replicate lanes for each of several members (subsets of one
 * universe of clients, each a list of client positions with a value), where client p's weight in a
 * lane is the p-th exponential of the lane's stream, whichever members hold p.
 * - universe: the number of clients N (every lane draws N exponentials, in position order);
 * - members: memberCount records of three i32 (positions address, values address, length), positions
 *   ascending in [0, N), one f64 value each;
 * - cursors: memberCount i32 of scratch;
 * - state: the four lanes' xoshiro128** words (64 bytes, as for exponentialSums); advanced;
 * - out: per member two sets of sums (128 bytes): the member's even-indexed entries, then its
 *   odd-indexed ones, each Σ w of the four lanes then Σ w·v (eight f64), in position order from 0.
 *   Two interleaved sums halve the chain of dependent additions (bench/RESULTS.md); the caller adds
 *   the two sets.
 */
export function sharedSums(universe: i32, members: usize, memberCount: i32, cursors: usize, state: usize, out: usize): void {
  for (let m = 0; m < memberCount; m++) store<i32>(cursors + (<usize>m << 2), 0);
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
      // an odd entry first, so that the pairs below start at even entries
      if ((k & 1) == 1 && k < length && load<i32>(positions + (<usize>k << 2)) < to) {
        addOne(load<i32>(positions + (<usize>k << 2)) - from, load<f64>(values + (<usize>k << 3)), odd);
        k++;
      }
      let sumLoA = v128.load(even, 0);
      let sumHiA = v128.load(even, 16);
      let weightedLoA = v128.load(even, 32);
      let weightedHiA = v128.load(even, 48);
      let sumLoB = v128.load(odd, 0);
      let sumHiB = v128.load(odd, 16);
      let weightedLoB = v128.load(odd, 32);
      let weightedHiB = v128.load(odd, 48);
      while (k + 1 < length) {
        const pB = load<i32>(positions + (<usize>(k + 1) << 2));
        if (pB >= to) break;
        const pA = load<i32>(positions + (<usize>k << 2));
        const lnA = v128.load(DRAWS + (<usize>(pA - from) << 4));
        const lnB = v128.load(DRAWS + (<usize>(pB - from) << 4));
        const vA = f64x2.splat(load<f64>(values + (<usize>k << 3)));
        const vB = f64x2.splat(load<f64>(values + (<usize>(k + 1) << 3)));
        const wLoA = f64x2.sub(f64x2.splat(0.0), f64x2.promote_low_f32x4(lnA));
        const wHiA = f64x2.sub(f64x2.splat(0.0), f64x2.promote_low_f32x4(v128.shuffle<f32>(lnA, lnA, 2, 3, 0, 1)));
        const wLoB = f64x2.sub(f64x2.splat(0.0), f64x2.promote_low_f32x4(lnB));
        const wHiB = f64x2.sub(f64x2.splat(0.0), f64x2.promote_low_f32x4(v128.shuffle<f32>(lnB, lnB, 2, 3, 0, 1)));
        sumLoA = f64x2.add(sumLoA, wLoA);
        sumHiA = f64x2.add(sumHiA, wHiA);
        weightedLoA = f64x2.add(weightedLoA, f64x2.mul(wLoA, vA));
        weightedHiA = f64x2.add(weightedHiA, f64x2.mul(wHiA, vA));
        sumLoB = f64x2.add(sumLoB, wLoB);
        sumHiB = f64x2.add(sumHiB, wHiB);
        weightedLoB = f64x2.add(weightedLoB, f64x2.mul(wLoB, vB));
        weightedHiB = f64x2.add(weightedHiB, f64x2.mul(wHiB, vB));
        k += 2;
      }
      v128.store(even, sumLoA, 0);
      v128.store(even, sumHiA, 16);
      v128.store(even, weightedLoA, 32);
      v128.store(even, weightedHiA, 48);
      v128.store(odd, sumLoB, 0);
      v128.store(odd, sumHiB, 16);
      v128.store(odd, weightedLoB, 32);
      v128.store(odd, weightedHiB, 48);
      // a last even entry whose odd partner lies past the block (or past the end)
      if (k < length && load<i32>(positions + (<usize>k << 2)) < to) {
        addOne(load<i32>(positions + (<usize>k << 2)) - from, load<f64>(values + (<usize>k << 3)), even);
        k++;
      }
      store<i32>(cursors + (<usize>m << 2), k);
    }
    from = to;
  }
}
