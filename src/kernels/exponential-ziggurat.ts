/**
 * Exponential(1) draws by the ziggurat method (Marsaglia & Tsang 2000, `REXP` with 256 layers):
 * one 32-bit integer per draw about 98.9 % of the time (8 bits pick the layer, the other 24 the
 * point inside it, so the two never share bits), no logarithm; the wedges take an `exp` test and the
 * base layer's tail beyond r = 7.697 is r + Exp(1) by memorylessness, from -log(1 - U).
 *
 * Exact in distribution up to the 24-bit resolution of a point within its layer (a draw in layer i
 * is a multiple of x_i / 2^24), against 53 bits for -log(1 - U); the test compares it with the
 * Exp(1) CDF. Reference: G. Marsaglia & W. W. Tsang (2000), "The ziggurat method for generating
 * random variables", J. Statist. Software 5(8). Parity: numpy `Generator.standard_exponential`
 * (also a 256-layer ziggurat; different bits and stream).
 */
import type { Rng } from './rng.js';

/** x_1 = r, the right edge of the base layer. */
const R = 7.697117470131487;
/** The common area of every layer. */
const V = 3.949659822581572e-3;
const SCALE = 16777216; // 2^24 points inside a layer

/** Layer i accepts at once when its 24-bit point u < ZIGGURAT_EXP_K[i]. */
export const ZIGGURAT_EXP_K = new Uint32Array(256);
/** A draw in layer i is u * ZIGGURAT_EXP_W[i]. */
export const ZIGGURAT_EXP_W = new Float64Array(256);
/** exp(-x_i): the density at the right edge of layer i. */
const F = new Float64Array(256);

{
  const q = V / Math.exp(-R);
  ZIGGURAT_EXP_K[0] = Math.floor((R / q) * SCALE);
  ZIGGURAT_EXP_K[1] = 0;
  ZIGGURAT_EXP_W[0] = q / SCALE;
  ZIGGURAT_EXP_W[255] = R / SCALE;
  F[0] = 1;
  F[255] = Math.exp(-R);
  let de = R;
  let te = R;
  for (let i = 254; i >= 1; i--) {
    de = -Math.log(V / de + Math.exp(-de));
    ZIGGURAT_EXP_K[i + 1] = Math.floor((de / te) * SCALE);
    te = de;
    F[i] = Math.exp(-de);
    ZIGGURAT_EXP_W[i] = de / SCALE;
  }
}

/**
 * The rest of a draw whose first integer `jz` fell outside its layer's rectangle (about 1.1 % of
 * draws): the tail or a wedge test, further integers and uniforms from `rng`. Kernels that inline
 * the fast path call this with their generator state wrapped in an `Rng`.
 */
export function zigguratExponentialSlow(jz: number, rng: Rng): number {
  let iz = jz & 255;
  let u = jz >>> 8;
  for (;;) {
    if (iz === 0) return R - Math.log(1 - rng.nextFloat());
    const x = u * ZIGGURAT_EXP_W[iz];
    if (F[iz] + rng.nextFloat() * (F[iz - 1] - F[iz]) < Math.exp(-x)) return x;
    const next = rng.nextUint32();
    iz = next & 255;
    u = next >>> 8;
    if (u < ZIGGURAT_EXP_K[iz]) return u * ZIGGURAT_EXP_W[iz];
  }
}

/** One Exponential(1) draw from `rng` by the ziggurat (the readable form the kernels inline). */
export function zigguratExponential(rng: Rng): number {
  const jz = rng.nextUint32();
  const iz = jz & 255;
  const u = jz >>> 8;
  if (u < ZIGGURAT_EXP_K[iz]) return u * ZIGGURAT_EXP_W[iz];
  return zigguratExponentialSlow(jz, rng);
}
