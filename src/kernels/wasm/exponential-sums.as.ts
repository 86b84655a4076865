/**
 * The inner loop of `bootstrap_mean`'s Monte Carlo path (src/kernels/bayesian-bootstrap-mean.ts) as
 * a WebAssembly SIMD kernel, in AssemblyScript. `npm run build:wasm` compiles it with asc (a
 * devDependency) to dist/wasm/exponential-sums.wasm; src/kernels/exponential-sums-wasm.ts loads it.
 * Why WebAssembly: 2.6 ns per exponential draw against 4.3 ns for the TypeScript ziggurat on the
 * same machine, then 2.0 ns with the draws below (bench/RESULTS.md, "WebAssembly SIMD kernel").
 * Bit-for-bit reference in TypeScript with Math.fround: test/support/exponential-lane-reference.ts.
 *
 * Each of the four lanes of a vector is one bootstrap replicate with its own generator; every value
 * is splatted across the lanes. A lane's generator is xoshiro128+ (output a + d, then the
 * xoshiro128** state step; same state words as `createRng`): Blackman & Vigna's choice for
 * floating-point numbers, whose weak lowest bits are dropped below, and without the two vector
 * multiplies of the ** scrambler.
 *
 * A lane's exponentials come four at a time from seven outputs o1..o7 (a Gamma(4) split by uniform
 * spacings, so one logarithm serves four draws; Devroye 1986, V.2: if G ~ Gamma(4) and S1..S4 are
 * the spacings of three sorted uniforms, G·S1..G·S4 are independent Exp(1)):
 * - u_k = f32((o_k >>> 1) | 1)·2^-31 in (0, 1] for k = 1..4, and L = ln((u1·u2)·(u3·u4)) in f32 by
 *   Cephes' logf (S. L. Moshier, Cephes Math Library 2.2: frexp, reduction to [√½, √2), a degree-8
 *   polynomial, ln 2 split in two), the polynomial by Estrin's scheme (Horner's chain was
 *   latency-bound); the product is >= 2^-124, a normal f32. G = -L is a Gamma(4) draw;
 * - v_k = the f32 with bits (o_k >>> 9) | 0x3f800000, in [1, 2), for k = 5..7, sorted ascending as
 *   s1 <= s2 <= s3; the spacings s1 - 1, s2 - s1, s3 - s2, 2 - s3 are exact and sum to 1;
 * - the four exponentials are G times each spacing, in that order.
 * Every step is an f32x4 operation without fused multiply-add, so `Math.fround` reproduces it.
 * A lane's sequence of exponentials depends only on its stream: draws of a group of four left over
 * at the end of a block are carried to the next block (and the next call) in the lane's state record.
 *
 * For value i with count c_i (1..16), a lane takes the next c_i exponentials e, w = Σ_j e_j in f64
 * (j in order, w starting at 0), and adds w to Σ w and w·v_i to Σ w·v, i in index order. The
 * exponentials are generated BLOCK at a time into a buffer and summed from it, so the generator loop
 * carries no dependency but the generator state. Values of count 1 (`counts` 0) are summed in two
 * interleaved sets per block, added at its end (addOnesPaired).
 *
 * A lane state record is 128 bytes: the xoshiro words a, b, c, d of the four lanes (four v128), then
 * up to three carried vectors of exponentials (48 bytes), then their number (i32 at offset 112).
 */

/** Exponentials per lane generated per block (16 bytes each: 8 KiB, in L1). */
const BLOCK: i32 = 512;
/** The draw buffer: a block, plus three carried vectors before it and up to three generated past it. */
const DRAWS: usize = memory.data((BLOCK + 8) << 4, 16);

/** Constants, four copies each, loaded with v128.load: a v128.const in the loop costs V8 several instructions per use. */
const INTS = memory.data<i32>([
  1, 1, 1, 1, // 0
  0x007fffff, 0x007fffff, 0x007fffff, 0x007fffff, // 16: mantissa
  0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000, // 32: exponent of 0.5
  126, 126, 126, 126, // 48
  0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, // 64: exponent of 1
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
  2, 2, 2, 2, // 240
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

/** u = f32((r >>> 1) | 1)·2^-31 in (0, 1] for four 32-bit outputs r. */
// @ts-ignore: decorator
@inline
function uniform(r: v128): v128 {
  return f32x4.mul(f32x4.convert_i32x4_s(v128.or(i32x4.shr_u(r, 1), int(0))), float(0));
}

/** The f32 with bits (r >>> 9) | 0x3f800000, in [1, 2), for four 32-bit outputs r. */
// @ts-ignore: decorator
@inline
function unitInterval(r: v128): v128 {
  return v128.or(i32x4.shr_u(r, 9), int(64));
}

/** ln u by Cephes' logf for four normal f32 u in (0, 1] (see the header). */
// @ts-ignore: decorator
@inline
function logf(u: v128): v128 {
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

/**
 * Fills the buffer with `draws` vectors of exponentials (four lanes) from the lanes whose state record
 * is at `state`, and advances it: first the vectors carried in the record, then new groups of four,
 * the vectors past `draws` carried to the next fill.
 */
function fill(state: usize, draws: i32): void {
  const carried = load<i32>(state, 112);
  for (let q = 0; q < carried; q++) v128.store(DRAWS + (<usize>q << 4), v128.load(state + 64 + (<usize>q << 4)));
  let a = v128.load(state, 0);
  let b = v128.load(state, 16);
  let c = v128.load(state, 32);
  let d = v128.load(state, 48);
  let q = carried;
  for (; q < draws; q += 4) {
    // seven xoshiro128+ outputs: four for the Gamma(4) draw, three for the spacings. The step is
    // written out seven times on purpose: AssemblyScript cannot inline a function that updates four
    // v128 locals, and an inline `next()` stepping four v128 globals measured 3.9 ns per draw
    // against 2.0 for this (`npx tsx bench/bootstrap-draw-cost.ts`, 2026-12-05).
    let r = i32x4.add(a, d);
    let t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    const u1 = uniform(r);
    r = i32x4.add(a, d);
    t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    const u2 = uniform(r);
    r = i32x4.add(a, d);
    t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    const u3 = uniform(r);
    r = i32x4.add(a, d);
    t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    const u4 = uniform(r);
    r = i32x4.add(a, d);
    t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    let s1 = unitInterval(r);
    r = i32x4.add(a, d);
    t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    let s2 = unitInterval(r);
    r = i32x4.add(a, d);
    t = i32x4.shl(b, 9); c = v128.xor(c, a); d = v128.xor(d, b); b = v128.xor(b, c); a = v128.xor(a, d); c = v128.xor(c, t); d = rotl11(d);
    let s3 = unitInterval(r);
    const g = f32x4.neg(logf(f32x4.mul(f32x4.mul(u1, u2), f32x4.mul(u3, u4))));
    // sort s1 <= s2 <= s3 (three compare-exchanges)
    let lo = f32x4.min(s1, s2);
    s2 = f32x4.max(s1, s2);
    s1 = lo;
    lo = f32x4.min(s2, s3);
    s3 = f32x4.max(s2, s3);
    s2 = lo;
    lo = f32x4.min(s1, s2);
    s2 = f32x4.max(s1, s2);
    s1 = lo;
    const at = DRAWS + (<usize>q << 4);
    v128.store(at, f32x4.mul(g, f32x4.sub(s1, float(32))), 0);
    v128.store(at, f32x4.mul(g, f32x4.sub(s2, s1)), 16);
    v128.store(at, f32x4.mul(g, f32x4.sub(s3, s2)), 32);
    v128.store(at, f32x4.mul(g, f32x4.sub(float(240), s3)), 48);
  }
  v128.store(state, a, 0);
  v128.store(state, b, 16);
  v128.store(state, c, 32);
  v128.store(state, d, 48);
  const left = q - draws;
  for (let k = 0; k < left; k++) v128.store(state + 64 + (<usize>k << 4), v128.load(DRAWS + (<usize>(draws + k) << 4)));
  store<i32>(state, left, 112);
}

/** x rotated left by 11 bits in each lane. */
// @ts-ignore: decorator
@inline
function rotl11(x: v128): v128 {
  return v128.or(i32x4.shl(x, 11), i32x4.shr_u(x, 21));
}

/**
 * Adds the buffer's draws for n values to the sums at `sums` (Σ w of four lanes, then Σ w·v): value i
 * takes the next counts[i] draws, summed (one draw each when `counts` is 0).
 */
function addDraws(values: usize, counts: usize, n: i32, sums: usize): void {
  if (counts == 0) {
    addOnesPaired(values, n, sums);
    return;
  }
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
      const e = v128.load(next);
      next += 16;
      wLo = f64x2.add(wLo, f64x2.promote_low_f32x4(e));
      wHi = f64x2.add(wHi, f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1)));
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
 * addDraws for one draw per value (`counts` 0), in two interleaved sets of sums: the block's
 * even-indexed values (counted from the block's first) continue the running sums, its odd-indexed
 * ones start from 0, and the two are added at the block's end (A + B per f64). Two chains of
 * dependent additions instead of one: 1.95-2.11 -> 1.75-1.88 ns per draw
 * (`npx tsx bench/bootstrap-draw-cost.ts`, 2026-12-05). A block holds BLOCK - 15 = 497 values here.
 * The pair loop repeats sharedSums' on purpose: one function for both, reading positions or not
 * per pair, took 224-253 ms against 222-225 for the kernel suite's `shared 6 subsets` (100k), and an
 * AssemblyScript function cannot update its caller's v128 locals.
 */
function addOnesPaired(values: usize, n: i32, sums: usize): void {
  let sumLoA = v128.load(sums, 0);
  let sumHiA = v128.load(sums, 16);
  let weightedLoA = v128.load(sums, 32);
  let weightedHiA = v128.load(sums, 48);
  let sumLoB = f64x2.splat(0.0);
  let sumHiB = f64x2.splat(0.0);
  let weightedLoB = f64x2.splat(0.0);
  let weightedHiB = f64x2.splat(0.0);
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const eA = v128.load(DRAWS + (<usize>i << 4));
    const eB = v128.load(DRAWS + (<usize>(i + 1) << 4));
    const vA = f64x2.splat(load<f64>(values + (<usize>i << 3)));
    const vB = f64x2.splat(load<f64>(values + (<usize>(i + 1) << 3)));
    const wLoA = f64x2.promote_low_f32x4(eA);
    const wHiA = f64x2.promote_low_f32x4(v128.shuffle<f32>(eA, eA, 2, 3, 0, 1));
    const wLoB = f64x2.promote_low_f32x4(eB);
    const wHiB = f64x2.promote_low_f32x4(v128.shuffle<f32>(eB, eB, 2, 3, 0, 1));
    sumLoA = f64x2.add(sumLoA, wLoA);
    sumHiA = f64x2.add(sumHiA, wHiA);
    weightedLoA = f64x2.add(weightedLoA, f64x2.mul(wLoA, vA));
    weightedHiA = f64x2.add(weightedHiA, f64x2.mul(wHiA, vA));
    sumLoB = f64x2.add(sumLoB, wLoB);
    sumHiB = f64x2.add(sumHiB, wHiB);
    weightedLoB = f64x2.add(weightedLoB, f64x2.mul(wLoB, vB));
    weightedHiB = f64x2.add(weightedHiB, f64x2.mul(wHiB, vB));
  }
  if (i < n) {
    const e = v128.load(DRAWS + (<usize>i << 4));
    const v = f64x2.splat(load<f64>(values + (<usize>i << 3)));
    const wLo = f64x2.promote_low_f32x4(e);
    const wHi = f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1));
    sumLoA = f64x2.add(sumLoA, wLo);
    sumHiA = f64x2.add(sumHiA, wHi);
    weightedLoA = f64x2.add(weightedLoA, f64x2.mul(wLo, v));
    weightedHiA = f64x2.add(weightedHiA, f64x2.mul(wHi, v));
  }
  v128.store(sums, f64x2.add(sumLoA, sumLoB), 0);
  v128.store(sums, f64x2.add(sumHiA, sumHiB), 16);
  v128.store(sums, f64x2.add(weightedLoA, weightedLoB), 32);
  v128.store(sums, f64x2.add(weightedHiA, weightedHiB), 48);
}

/**
 * Σ w and Σ w·v for `groups` groups of four replicates over n values.
 * - values: n f64; counts: n i32, each in 1..16, or 0 (null) when every count is 1;
 * - states: per group, a lane state record of 128 bytes (see the header); advanced;
 * - out: per group, Σ w of its four lanes then Σ w·v (eight f64, 64 bytes), added to.
 */
export function exponentialSums(values: usize, counts: usize, n: i32, states: usize, groups: i32, out: usize): void {
  for (let g = 0; g < groups; g++) {
    const state = states + (<usize>g << 7);
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
  const e = v128.load(DRAWS + (<usize>q << 4));
  const v = f64x2.splat(value);
  const wLo = f64x2.promote_low_f32x4(e);
  const wHi = f64x2.promote_low_f32x4(v128.shuffle<f32>(e, e, 2, 3, 0, 1));
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
 * - state: the four lanes' state record (128 bytes, as for exponentialSums); advanced;
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
        const eA = v128.load(DRAWS + (<usize>(pA - from) << 4));
        const eB = v128.load(DRAWS + (<usize>(pB - from) << 4));
        const vA = f64x2.splat(load<f64>(values + (<usize>k << 3)));
        const vB = f64x2.splat(load<f64>(values + (<usize>(k + 1) << 3)));
        const wLoA = f64x2.promote_low_f32x4(eA);
        const wHiA = f64x2.promote_low_f32x4(v128.shuffle<f32>(eA, eA, 2, 3, 0, 1));
        const wLoB = f64x2.promote_low_f32x4(eB);
        const wHiB = f64x2.promote_low_f32x4(v128.shuffle<f32>(eB, eB, 2, 3, 0, 1));
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
