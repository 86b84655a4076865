/**
 * Gamma(shape, 1) draws: Marsaglia & Tsang (2000) for shape >= 1 (a normal and a uniform per try,
 * acceptance above 95 %, usually by the squeeze without a log); for shape < 1 the boost
 * Gamma(shape) = Gamma(shape + 1) · U^(1/shape), taken in logs so tiny shapes do not underflow early.
 * Shapes 1, 2 and 3 are sums of exponentials, -log(U1 ... Uk), with one log and no rejection.
 *
 * Reference: G. Marsaglia & W. W. Tsang (2000), "A simple method for generating gamma variables",
 * ACM TOMS 26(3). Parity: numpy `Generator.standard_gamma` (same method, different stream).
 */
import { NormalSampler } from './normal-sample.js';
import type { Rng } from './rng.js';

/** Gamma(shape, 1) draws of any shape from one Rng (Marsaglia & Tsang; sums of exponentials for 1, 2, 3). */
export class GammaSampler {
  private rng: Rng;
  private readonly normal: NormalSampler;

  constructor(rng: Rng) {
    this.rng = rng;
    this.normal = new NormalSampler(rng);
  }

  /** Starts over on `rng` (a replicate's own stream), forgetting any kept normal draw. */
  reset(rng: Rng): void {
    this.rng = rng;
    this.normal.reset(rng);
  }

  /** Exponential(1) = Gamma(1, 1): -log(U) with U in (0, 1]. */
  exponential(): number {
    return -Math.log(1 - this.rng.nextFloat());
  }

  /** One Gamma(shape, 1) draw, shape > 0. */
  next(shape: number): number {
    if (shape === 1) return this.exponential();
    // Small integer shapes (ties of two or three rows): a sum of exponentials with a single log.
    if (shape === 2) return -Math.log((1 - this.rng.nextFloat()) * (1 - this.rng.nextFloat()));
    if (shape === 3) {
      return -Math.log((1 - this.rng.nextFloat()) * (1 - this.rng.nextFloat()) * (1 - this.rng.nextFloat()));
    }
    if (shape < 1) {
      const boosted = this.next(shape + 1);
      return Math.exp(Math.log(boosted) + Math.log(1 - this.rng.nextFloat()) / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal.next();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.rng.nextFloat(); // (0, 1]
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }
}

/** One Gamma(shape, 1) draw from `rng` (convenience; loops should hold a GammaSampler). */
export function sampleGamma(shape: number, rng: Rng): number {
  return new GammaSampler(rng).next(shape);
}
