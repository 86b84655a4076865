/**
 * The exponentials of the bootstrap kernels (exponential-sums.as.ts, which imports this file), four
 * replicate lanes per vector. A lane's generator is xoshiro128+ (output a + d, then the
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
 *   latency-bound); the product is >= 2^-124, a normal f32. G = -L is a Gamma(4) draw. The product
 *   is taken of the numerators f32((o_k >>> 1) | 1), which gives (u1·u2)·(u3·u4)·2^124 exactly (a
 *   power-of-two scale commutes with rounding in f32's normal range), and logf takes 124 off its
 *   exponent: the same bits without four multiplies per group (bench/RESULTS.md, ninth session);
 * - v_k = the f32 with bits (o_k >>> 9) | 0x3f800000, in [1, 2), for k = 5..7, sorted ascending as
 *   s1 <= s2 <= s3; the spacings s1 - 1, s2 - s1, s3 - s2, 2 - s3 are exact and sum to 1;
 * - the four exponentials are G times each spacing, in that order.
 * Every step is an f32x4 operation without fused multiply-add, so `Math.fround` reproduces it.
 * A lane's sequence of exponentials depends only on its stream: draws of a group of four left over
 * at the end of a block are carried to the next block (and the next call) in the lane's state record.
 *
 * A lane state record is 128 bytes: the xoshiro words a, b, c, d of the four lanes (four v128), then
 * up to three carried vectors of exponentials (48 bytes), then their number (i32 at offset 112).
 */

/** Exponentials per lane generated per block (16 bytes each: 8 KiB, in L1). */
export const BLOCK: i32 = 512;
/** The draw buffer: a block, plus three carried vectors before it and up to three generated past it. */
export const DRAWS: usize = memory.data((BLOCK + 8) << 4, 16);

/** Constants, four copies each, loaded with v128.load: a v128.const in the loop costs V8 several instructions per use. */
const INTS = memory.data<i32>([
  1, 1, 1, 1, // 0
  0x007fffff, 0x007fffff, 0x007fffff, 0x007fffff, // 16: mantissa
  0x3f000000, 0x3f000000, 0x3f000000, 0x3f000000, // 32: exponent of 0.5
  250, 250, 250, 250, // 48: 126 + 124
  0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, // 64: exponent of 1
], 16);
const FLOATS = memory.data<f32>([
  0.70710678118654752440, 0.70710678118654752440, 0.70710678118654752440, 0.70710678118654752440, // 0: √½
  1, 1, 1, 1, // 16
  0.5, 0.5, 0.5, 0.5, // 32
  0.693359375, 0.693359375, 0.693359375, 0.693359375, // 48: ln 2, high part
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, // 64: ln 2, low part
  // 80 + 16 k: Cephes logf coefficient a_k of x^k, k = 0 .. 8
  3.3333331174e-1, 3.3333331174e-1, 3.3333331174e-1, 3.3333331174e-1,
  -2.4999993993e-1, -2.4999993993e-1, -2.4999993993e-1, -2.4999993993e-1,
  2.0000714765e-1, 2.0000714765e-1, 2.0000714765e-1, 2.0000714765e-1,
  -1.6668057665e-1, -1.6668057665e-1, -1.6668057665e-1, -1.6668057665e-1,
  1.4249322787e-1, 1.4249322787e-1, 1.4249322787e-1, 1.4249322787e-1,
  -1.2420140846e-1, -1.2420140846e-1, -1.2420140846e-1, -1.2420140846e-1,
  1.1676998740e-1, 1.1676998740e-1, 1.1676998740e-1, 1.1676998740e-1,
  -1.1514610310e-1, -1.1514610310e-1, -1.1514610310e-1, -1.1514610310e-1,
  7.0376836292e-2, 7.0376836292e-2, 7.0376836292e-2, 7.0376836292e-2,
  2, 2, 2, 2, // 224
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
  return v128.load(FLOATS + 80 + (k << 4));
}

/** f32((r >>> 1) | 1) in [1, 2^31] for four 32-bit outputs r: u·2^31 (see the header). */
// @ts-ignore: decorator
@inline
function uniform(r: v128): v128 {
  return f32x4.convert_i32x4_s(v128.or(i32x4.shr_u(r, 1), int(0)));
}

/** The f32 with bits (r >>> 9) | 0x3f800000, in [1, 2), for four 32-bit outputs r. */
// @ts-ignore: decorator
@inline
function unitInterval(r: v128): v128 {
  return v128.or(i32x4.shr_u(r, 9), int(64));
}

/**
 * ln(u·2^-124) by Cephes' logf for four normal f32 u in [1, 2^124]: the logarithm of the product of
 * four uniforms, taken from the product of their unscaled numerators (see the header).
 */
// @ts-ignore: decorator
@inline
function logf(u: v128): v128 {
  // frexp of u·2^-124: m·2^e with m in [0.5, 1), e from u's exponent less 124
  let e = i32x4.sub(i32x4.shr_u(u, 23), int(48));
  const m = v128.or(v128.and(u, int(16)), int(32));
  const low = f32x4.lt(m, float(0)); // all ones where m < √½
  e = i32x4.add(e, low); // e - 1 there
  const x = f32x4.sub(f32x4.add(m, v128.and(m, low)), float(16)); // 2m - 1 there, else m - 1
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
  y = f32x4.add(y, f32x4.mul(fe, float(64)));
  y = f32x4.sub(y, f32x4.mul(z, float(32)));
  return f32x4.add(f32x4.add(x, y), f32x4.mul(fe, float(48)));
}

/**
 * Fills the buffer with `draws` vectors of exponentials (four lanes) from the lanes whose state record
 * is at `state`, and advances it: first the vectors carried in the record, then new groups of four,
 * the vectors past `draws` carried to the next fill.
 */
export function fill(state: usize, draws: i32): void {
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
    // sort s1 <= s2 <= s3 (three compare-exchanges). pmin/pmax (b < a ? b : a, a < b ? b : a) are
    // one minps/maxps each in V8's x64 code; min/max, which must propagate NaN and order -0 before
    // +0, take several instructions each. On floats in [1, 2) the two agree bit for bit: 1.69 ->
    // 1.53 ns per draw (`K2=0 R=400 npx tsx bench/bootstrap-draw-cost.ts`, best of 3, 5 alternating
    // runs; bench/RESULTS.md, twelfth session)
    let lo = f32x4.pmin(s1, s2);
    s2 = f32x4.pmax(s1, s2);
    s1 = lo;
    lo = f32x4.pmin(s2, s3);
    s3 = f32x4.pmax(s2, s3);
    s2 = lo;
    lo = f32x4.pmin(s1, s2);
    s2 = f32x4.pmax(s1, s2);
    s1 = lo;
    const at = DRAWS + (<usize>q << 4);
    v128.store(at, f32x4.mul(g, f32x4.sub(s1, float(16))), 0);
    v128.store(at, f32x4.mul(g, f32x4.sub(s2, s1)), 16);
    v128.store(at, f32x4.mul(g, f32x4.sub(s3, s2)), 32);
    v128.store(at, f32x4.mul(g, f32x4.sub(float(224), s3)), 48);
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
