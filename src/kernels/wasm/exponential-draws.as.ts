/**
 * The exponentials of the bootstrap kernels (exponential-sums.as.ts, which imports this file), four
 * replicate lanes per vector. A lane's generator is xoshiro128+ (output a + d, then the
 * xoshiro128** state step; same state words as `createRng`): Blackman & Vigna's choice for
 * floating-point numbers, without the two vector multiplies of the ** scrambler; its weak lowest
 * bits fall below an f32's 24 in the uniforms and are shifted out of the spacings.
 *
 * A lane's exponentials come four at a time from seven outputs o1..o7 (a Gamma(4) split by uniform
 * spacings, so one logarithm serves four draws; Devroye 1986, V.2: if G ~ Gamma(4) and S1..S4 are
 * the spacings of three sorted uniforms, G·S1..G·S4 are independent Exp(1)):
 * - u_k = |f32(o_k | 1)|·2^-31 in (0, 1] for k = 1..4, o_k | 1 read as a signed integer (an odd
 *   integer in [1, 2^31) up to its sign, each with probability 2^-30, as (o_k >>> 1) | 1 would give
 *   without the shift), and L = ln((u1·u2)·(u3·u4)) in f32 (logf below). G = -L is a Gamma(4) draw.
 *   The product is taken of the signed numerators f32(o_k | 1), and its sign bit cleared: that gives
 *   (u1·u2)·(u3·u4)·2^124 exactly (a sign or a power-of-two scale commutes with rounding in f32's
 *   normal range; the product is >= 2^-124, a normal f32), and logf takes 124 off its exponent: the
 *   same bits without four multiplies per group (bench/RESULTS.md, ninth session) and without four
 *   shifts (twenty-fourth session);
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
  0x3e000000, 0x3e000000, 0x3e000000, 0x3e000000, // 16: 124 << 23
  0x3f330000, 0x3f330000, 0x3f330000, 0x3f330000, // 32: OFF
  -0x800000, -0x800000, -0x800000, -0x800000, // 48: 0xff800000, the sign and exponent fields
  0x3f800000, 0x3f800000, 0x3f800000, 0x3f800000, // 64: exponent of 1
  0x1c, 0x1c, 0x1c, 0x1c, // 80: 4·j's bits
  0x03020100, 0x03020100, 0x03020100, 0x03020100, // 96: a lane's bytes 0..3
  0x10101010, 0x10101010, 0x10101010, 0x10101010, // 112: 16 in every byte
  0x00000000, 0x04040404, 0x08080808, 0x0c0c0c0c, // 128: byte 0 of each lane into its four bytes (a swizzle's indices)
], 16);
const FLOATS = memory.data<f32>([
  0.693359375, 0.693359375, 0.693359375, 0.693359375, // 0: ln 2, high part
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, // 16: ln 2, low part
  1, 1, 1, 1, // 32
  2, 2, 2, 2, // 48
  // 64 + 16 k: the polynomial's coefficient b_k of t^(k + 2), k = 0 .. 3
  -4.999991953e-1, -4.999991953e-1, -4.999991953e-1, -4.999991953e-1,
  3.333325088e-1, 3.333325088e-1, 3.333325088e-1, 3.333325088e-1,
  -2.507750690e-1, -2.507750690e-1, -2.507750690e-1, -2.507750690e-1,
  2.007120103e-1, 2.007120103e-1, 2.007120103e-1, 2.007120103e-1,
], 16);
/**
 * The logarithm's tables, eight f32 each (32 bytes, two v128): for the eighths j = 0..7 of [OFF,
 * 2·OFF), the centre c_j (the f32 with bits 0x3f3b0000 + j·2^20, the eighth's middle, except c_4 = 1
 * in the eighth that holds 1), f32(1 / c_j) and f32(ln c_j).
 */
const LOG_CENTRES = memory.data<f32>([
  0.73046875, 0.79296875, 0.85546875, 0.91796875, 1, 1.0859375, 1.2109375, 1.3359375,
], 16);
const LOG_RECIPROCALS = memory.data<f32>([
  1.368983984, 1.261083722, 1.168949723, 1.089361668, 1, 0.9208633304, 0.8258064389, 0.7485380173,
], 16);
const LOG_CENTRE_LOGS = memory.data<f32>([
  -0.3140688241, -0.2319714725, -0.1561057121, -0.08559192717, 0, 0.08244366944, 0.1913948506, 0.2896333039,
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

/** The polynomial's coefficient b_k (of t^(k + 2)). */
// @ts-ignore: decorator
@inline
function b(k: usize): v128 {
  return v128.load(FLOATS + 64 + (k << 4));
}

/** Entry j of the eight-entry table at `table` in each lane, given the lanes' byte indices 4j + 0..3 (`bytes`) and those less 16 (`high`). */
// @ts-ignore: decorator
@inline
function entry(table: usize, bytes: v128, high: v128): v128 {
  // i8x16.swizzle gives 0 for an index of 16 or more: entries 0..3 come from the first v128, 4..7 from the second
  return v128.or(i8x16.swizzle(v128.load(table), bytes), i8x16.swizzle(v128.load(table, 16), high));
}

/** f32(r | 1) of four 32-bit outputs r read as signed integers: ±u·2^31 (see the header). */
// @ts-ignore: decorator
@inline
function uniform(r: v128): v128 {
  return f32x4.convert_i32x4_s(v128.or(r, int(0)));
}

/** The f32 with bits (r >>> 9) | 0x3f800000, in [1, 2), for four 32-bit outputs r. */
// @ts-ignore: decorator
@inline
function unitInterval(r: v128): v128 {
  return v128.or(i32x4.shr_u(r, 9), int(64));
}

/**
 * ln(u·2^-124) in f32 for four normal f32 u in [1, 2^124]: the logarithm of the product of four
 * uniforms, taken from the product of their unscaled numerators (see the header). As musl's logf
 * (Szabolcs Nagy, 2017) reduces, but in f32 throughout: u·2^-124 = 2^k·z with z in [OFF, 2·OFF),
 * OFF = 0x3f330000 (0.699), by integer steps on its bits x (k = (x - OFF) >> 23, arithmetic); then
 * ln z = ln c_j + log1p(t), t = (z - c_j)·(1 / c_j) for the eighth j of [OFF, 2·OFF) that holds z
 * (bits 20-22 of x - OFF; tables above), z - c_j exact (Sterbenz), |t| < 0.0576; log1p(t) = t +
 * t²·P(t), P of degree 3 fitted to it on that range (least squares at Chebyshev nodes: error below
 * 2.5e-10), by Estrin's scheme; then k·ln 2 in two parts (the high one exact) as Cephes adds it.
 * Within 1.5 f32 ulps of ln (test/kernels/exponential-sums.test.ts checks 2). Why not Cephes' logf
 * (degree 8 on [√½, √2)): with its sixteen multiplies and fourteen additions a vector of eight lanes
 * took 32 cycles on the family-23 EPYC, against 25 for this; with the signed uniforms above, a draw
 * and its sums went from 1.34-1.38 to 1.25-1.26 ns there (`K2=0 R=800 npx tsx
 * bench/bootstrap-draw-cost.ts`, alternating; bench/RESULTS.md, twenty-fourth session).
 */
// @ts-ignore: decorator
@inline
function logf(u: v128): v128 {
  const x = i32x4.sub(u, int(16)); // the bits of u·2^-124
  const tmp = i32x4.sub(x, int(32));
  const k = f32x4.convert_i32x4_s(i32x4.shr_s(tmp, 23));
  const z = i32x4.sub(x, v128.and(tmp, int(48)));
  const bytes = v128.or(i8x16.swizzle(v128.and(i32x4.shr_u(tmp, 18), int(80)), int(128)), int(96)); // 4j + 0..3 in a lane's bytes
  const high = i8x16.sub(bytes, int(112));
  const t = f32x4.mul(f32x4.sub(z, entry(LOG_CENTRES, bytes, high)), entry(LOG_RECIPROCALS, bytes, high));
  const t2 = f32x4.mul(t, t);
  const q01 = f32x4.add(b(0), f32x4.mul(t, b(1)));
  const q23 = f32x4.add(b(2), f32x4.mul(t, b(3)));
  const p = f32x4.add(t, f32x4.mul(t2, f32x4.add(q01, f32x4.mul(t2, q23))));
  const coarse = f32x4.add(f32x4.mul(k, float(0)), entry(LOG_CENTRE_LOGS, bytes, high)); // k·ln 2's high part + ln c_j
  return f32x4.add(coarse, f32x4.add(p, f32x4.mul(k, float(16))));
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
    const g = f32x4.neg(logf(f32x4.abs(f32x4.mul(f32x4.mul(u1, u2), f32x4.mul(u3, u4)))));
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
    v128.store(at, f32x4.mul(g, f32x4.sub(s1, float(32))), 0);
    v128.store(at, f32x4.mul(g, f32x4.sub(s2, s1)), 16);
    v128.store(at, f32x4.mul(g, f32x4.sub(s3, s2)), 32);
    v128.store(at, f32x4.mul(g, f32x4.sub(float(48), s3)), 48);
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
