/**
 * A scalar TypeScript reference of one lane of the WebAssembly kernel
 * (src/kernels/wasm/exponential-draws.as.ts and exponential-sums.as.ts), written from their
 * headers: every f32 operation as `Math.fround` of the f64 result, which equals the f32 operation
 * for +, - and x of f32 operands (f64 carries more than 2 x 24 + 2 bits; Figueroa, "When is double
 * rounding innocuous?", 1995).
 * Tests compare the kernel with it bit for bit.
 */
import { XoshiroState } from '../../src/kernels/xoshiro-state.js';

const f = Math.fround;
const bits = new Int32Array(1);
const asFloat = new Float32Array(bits.buffer);

/** The logarithm's polynomial: log1p(t) = t + t²·(b0 + b1 t + b2 t² + b3 t³), as f32. */
const B = [-4.999991953e-1, 3.333325088e-1, -2.50775069e-1, 2.007120103e-1].map(f);

function fromBits(x: number): number {
  bits[0] = x;
  return asFloat[0];
}

/** The eighths' centres c_j (bits 0x3f3b0000 + j·2^20, but c_4 = 1), f32(1 / c_j) and f32(ln c_j), from the kernel's header. */
const CENTRES = Array.from({ length: 8 }, (_, j) => (j === 4 ? 1 : fromBits(0x3f3b0000 + j * 2 ** 20)));
const RECIPROCALS = CENTRES.map((c) => f(1 / c));
const CENTRE_LOGS = CENTRES.map((c) => f(Math.log(c)));

/** U = |f32(x | 1)|·2^-31 in (0, 1] for one 32-bit output x, x | 1 read as a signed integer, as the kernel computes it. */
export function referenceUniform(x: number): number {
  return f(f(Math.abs(x | 1)) * f(4.656612873077393e-10));
}

/**
 * ln u (an f32, as a double) by the kernel's logf, for a normal f32 u in (0, 1]: u = 2^k·z with z in
 * [OFF, 2·OFF), OFF = 0x3f330000, ln z = ln c_j + log1p((z - c_j)·(1 / c_j)) for z's eighth j.
 */
export function referenceLogf(u: number): number {
  asFloat[0] = u;
  const x = bits[0];
  const tmp = (x - 0x3f330000) | 0;
  const k = tmp >> 23;
  const z = fromBits((x - (tmp & 0xff800000)) | 0);
  const j = (tmp >>> 20) & 7;
  const t = f(f(z - CENTRES[j]) * RECIPROCALS[j]);
  const t2 = f(t * t);
  const q01 = f(B[0] + f(t * B[1]));
  const q23 = f(B[2] + f(t * B[3]));
  const p = f(t + f(t2 * f(q01 + f(t2 * q23))));
  return f(f(f(k * f(0.693359375)) + CENTRE_LOGS[j]) + f(p + f(k * f(-2.1219444e-4))));
}

/** The f32 with bits (x >>> 9) | 0x3f800000, in [1, 2). */
function unitInterval(x: number): number {
  bits[0] = (x >>> 9) | 0x3f800000;
  return asFloat[0];
}

/**
 * One lane of the kernel: the exponentials of the stream of `createRng(seed)` read with the
 * xoshiro128+ output (a + d before each step), four at a time from seven outputs as the kernel's
 * header states: G = -ln((u1·u2)·(u3·u4)) times the spacings of three sorted [1, 2) floats.
 */
export class ReferenceLane {
  readonly #state: XoshiroState;
  readonly #group: number[] = [];

  constructor(seed: number) {
    this.#state = new XoshiroState(seed);
  }

  /** The lane's next exponential. */
  next(): number {
    if (this.#group.length === 0) this.#refill();
    return this.#group.shift()!;
  }

  #output(): number {
    const out = (this.#state.a + this.#state.d) >>> 0;
    this.#state.nextUint32(); // the xoshiro128** step moves the state as xoshiro128+'s does
    return out;
  }

  #refill(): void {
    const u = [0, 1, 2, 3].map(() => referenceUniform(this.#output()));
    const [s1, s2, s3] = [0, 1, 2].map(() => unitInterval(this.#output())).sort((x, y) => x - y);
    const g = -referenceLogf(f(f(u[0] * u[1]) * f(u[2] * u[3])));
    this.#group.push(f(g * (s1 - 1)), f(g * (s2 - s1)), f(g * (s3 - s2)), f(g * (2 - s3)));
  }
}

/** Values of count 1 per kernel block: the kernel fills BLOCK = 512 draws, at most BLOCK - 16 + 1 of them for such values. */
const ONES_PER_BLOCK = 497;
/** Draws per kernel block for values with counts: values are added while the block holds at most BLOCK - 16 draws. */
const MOST_BEFORE_LAST = 512 - 16;

/**
 * Adds Σ w and Σ w·u of one lane to sums[0] and sums[1]: one exponential per value (counts absent)
 * or counts[i] of them summed in f32, values (f32) in index order, as the kernel does: per block of
 * draws, f32 sums from 0, added to the f64 sums at the block's end. One per value, the kernel sums
 * each block of ONES_PER_BLOCK values in two f32 sets, A (the block's even-indexed values) and B (its
 * odd-indexed ones), then adds A + B (in f32). With counts, a block takes values while it holds at
 * most BLOCK - 16 draws.
 */
export function addReferenceLaneSums(lane: ReferenceLane, sums: [number, number], values: ArrayLike<number>, counts?: ArrayLike<number>): void {
  if (counts === undefined) {
    for (let from = 0; from < values.length; from += ONES_PER_BLOCK) {
      const a: [number, number] = [0, 0];
      const b: [number, number] = [0, 0];
      for (let i = from; i < Math.min(values.length, from + ONES_PER_BLOCK); i++) {
        const w = lane.next();
        const into = (i - from) % 2 === 0 ? a : b;
        into[0] = f(into[0] + w);
        into[1] = f(into[1] + f(w * values[i]));
      }
      sums[0] += f(a[0] + b[0]);
      sums[1] += f(a[1] + b[1]);
    }
    return;
  }
  for (let from = 0; from < values.length; ) {
    let to = from;
    let draws = 0;
    while (to < values.length && draws <= MOST_BEFORE_LAST) draws += counts[to++];
    let sum = 0;
    let weighted = 0;
    for (let i = from; i < to; i++) {
      let w = 0;
      for (let j = 0; j < counts[i]; j++) w = f(w + lane.next());
      sum = f(sum + w);
      weighted = f(weighted + f(w * values[i]));
    }
    sums[0] += sum;
    sums[1] += weighted;
    from = to;
  }
}
