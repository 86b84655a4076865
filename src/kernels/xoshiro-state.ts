/**
 * xoshiro128** with its four state words public, for kernels that inline the generator on local
 * variables in a hot loop and hand the state to a readable slow path (a ziggurat wedge, a binomial
 * draw) between inlined steps. It steps exactly as `createRng` does: `new XoshiroState(seed)` and
 * `createRng(seed)` give the same stream.
 *
 * Reference: D. Blackman & S. Vigna (2018), "Scrambled linear pseudorandom number generators".
 */
import type { Rng } from './rng.js';

/** Four 32-bit words of xoshiro128** state, never all zero. */
export type RngState = readonly [number, number, number, number];

/** One step of splitmix32 (Steele, Lea & Flood 2014), used to spread a seed over the state words. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/**
 * The xoshiro128** state `createRng(seed)` starts from. For kernels that inline the generator in a
 * hot loop (bayesian-bootstrap-mean.ts): they must step it exactly as `XoshiroState` does, and their
 * tests compare with `createRng`.
 */
export function seedState(seed: number): RngState {
  const s0 = splitmix32(seed >>> 0);
  const s1 = splitmix32(s0);
  const s2 = splitmix32(s1);
  const s3 = splitmix32(s2);
  return [s0, s1, s2, s3];
}


/** A xoshiro128** generator whose state words a, b, c, d a kernel may read and write. */
export class XoshiroState implements Rng {
  a: number;
  b: number;
  c: number;
  d: number;

  constructor(seed: number) {
    this.a = 0;
    this.b = 0;
    this.c = 0;
    this.d = 0;
    this.reseed(seed);
  }

  /** Restarts on the stream of `seed` (= `createRng(seed)`), without allocating. */
  reseed(seed: number): void {
    const [a, b, c, d] = seedState(seed);
    // Held as int32 (| 0): uint32 words above 2^31 would make V8 keep the fields, and the kernels'
    // local copies, as doubles (7.5 ns per ziggurat draw against 2.5 ns as int32, here).
    this.a = a | 0;
    this.b = b | 0;
    this.c = c | 0;
    this.d = (a | b | c | d) === 0 ? 1 : d | 0; // as createRng
  }

  nextUint32(): number {
    const x = Math.imul(this.b, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = (this.d << 11) | (this.d >>> 21);
    return result;
  }

  nextFloat(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }
}
