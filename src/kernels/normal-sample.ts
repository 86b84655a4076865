/**
 * Standard normal draws by Marsaglia's polar method (Marsaglia & Bray 1964): two uniforms in the unit
 * disc give two independent normals with one log and one sqrt; the second is kept for the next call.
 *
 * The spare makes a sampler stateful: reset it with a new Rng at the start of every replicate so that
 * a replicate's draws depend only on its own stream.
 */
import type { Rng } from './rng.js';

/** N(0, 1) draws from an Rng by the polar method, keeping the second draw of each pair. */
export class NormalSampler {
  private rng: Rng;
  private spare = 0;
  private hasSpare = false;

  constructor(rng: Rng) {
    this.rng = rng;
  }

  /** Starts over on `rng`, forgetting any kept draw. */
  reset(rng: Rng): void {
    this.rng = rng;
    this.hasSpare = false;
  }

  /** One N(0, 1) draw. */
  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.rng.nextFloat() - 1;
      v = 2 * this.rng.nextFloat() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * factor;
    this.hasSpare = true;
    return u * factor;
  }
}
