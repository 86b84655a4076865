/**
 * The WebAssembly SIMD kernel of the Bayesian bootstrap over a tally (wasm-kernel.ts): four
 * replicates at a time, each on its own generator stream, draw Exponential(1) weights
 * for a list of values (one weight per value, or the sum of counts[i] of them) and return Σ w and
 * Σ w·v per replicate.
 */
import { KERNEL_DATA_START, KernelClaim, LANE_STATE_BYTES, align16, writeLaneStates } from './wasm-kernel.js';
import { XoshiroState } from './xoshiro-state.js';

/**
 * Σ w and Σ w·v over one list of count-1 values followed by one list of small integer counts, for
 * four replicates at a time. Replicate lane l takes the exponentials of the lane on the state of
 * `createRng(seed_l)` (xoshiro128+ outputs, four draws from seven: the kernel's header): first one per
 * count-1 value in index order, then counts[i] per small-count value in index order; the sums are
 * f64, in index order, from 0.
 */
export class ExponentialSums {
  readonly #claim: KernelClaim;
  readonly #ones: number;
  readonly #onesAt: number;
  readonly #small: number;
  readonly #smallAt: number;
  readonly #countsAt: number;
  readonly #statesAt: number;
  readonly #sumsAt: number;
  readonly #lane = new XoshiroState(0);

  /** Copies the values (and counts, each an integer in 1..16) into the thread's kernel memory. */
  constructor(ones: Float64Array, smallValues: Float64Array, smallCounts: Int32Array) {
    if (smallCounts.length !== smallValues.length) {
      throw new RangeError(`ExponentialSums: ${smallValues.length} small-count values but ${smallCounts.length} counts`);
    }
    for (const c of smallCounts) {
      if (!(c >= 1 && c <= 16)) throw new RangeError(`ExponentialSums: counts must be integers in 1..16, got ${c}`);
    }
    this.#ones = ones.length;
    this.#small = smallValues.length;
    this.#onesAt = KERNEL_DATA_START;
    this.#smallAt = this.#onesAt + 8 * ones.length;
    this.#countsAt = this.#smallAt + 8 * smallValues.length;
    this.#statesAt = align16(this.#countsAt + 4 * smallCounts.length);
    this.#sumsAt = this.#statesAt + LANE_STATE_BYTES;
    this.#claim = new KernelClaim(this.#sumsAt + 64, 'ExponentialSums');
    const buffer = this.#claim.buffer();
    new Float64Array(buffer, this.#onesAt, ones.length).set(ones);
    new Float64Array(buffer, this.#smallAt, smallValues.length).set(smallValues);
    new Int32Array(buffer, this.#countsAt, smallCounts.length).set(smallCounts);
  }

  /** The sums of the four lanes seeded `seeds[0..3]`: out[l] = Σ w, out[4 + l] = Σ w·v of lane l. */
  run(seeds: ArrayLike<number>, out: Float64Array): void {
    const buffer = this.#claim.buffer();
    const { kernel } = this.#claim;
    writeLaneStates(new Int32Array(buffer, this.#statesAt, LANE_STATE_BYTES / 4), seeds, this.#lane);
    const sums = new Float64Array(buffer, this.#sumsAt, 8);
    sums.fill(0);
    if (this.#ones > 0) kernel.exponentialSums(this.#onesAt, 0, this.#ones, this.#statesAt, 1, this.#sumsAt);
    if (this.#small > 0) kernel.exponentialSums(this.#smallAt, this.#countsAt, this.#small, this.#statesAt, 1, this.#sumsAt);
    // the kernel writes Σ w of the lanes as two f64x2 (lanes 0-1, 2-3), then Σ w·v likewise
    out.set(sums);
  }
}
