/**
 * The bootstrap kernel over a tally: replicates, four to a group and up to four groups per call, each
 * on its own generator stream, draw Exponential(1) weights for a list of f32 values u (one weight per
 * value, or the sum of counts[i] of them) and return Σ w and Σ w·u per replicate. The caller passes
 * centred and scaled values (`centredValues`), so that f32 sums within a block lose nothing a
 * replicate could show. It runs natively with
 * AVX-512 or AVX2 where that is built and supported (native-kernel.ts: sixteen or eight lanes per
 * vector), else in the WebAssembly SIMD kernel (wasm-kernel.ts: four); all give the same bits.
 */
import { KERNEL_DATA_START, KernelClaim, LANE_STATE_BYTES, align16, writeLaneStates } from './wasm-kernel.js';
import { chooseNativeKernel, kernelName, type BootstrapKernelName, type NativeKernel, type NativeLanes } from './native-kernel.js';
import { mixSeed } from './rng.js';
import { XoshiroState } from './xoshiro-state.js';

/** Replicate lanes per group (one lane state record). */
export const GROUP_LANES = 4;
/** Groups per call, at most: the native kernel's sixteen lanes. */
export const MAX_GROUPS = 4;

/** Words of one group's lane state record. */
export const STATE_WORDS = LANE_STATE_BYTES / 4;

/** Replicates per kernel call, at most. */
export const CALL_LANES = GROUP_LANES * MAX_GROUPS;

/** The seeds of kernel calls of 1 to 4 groups, reused from call to call (see nextCallSeeds). */
export function callSeedBuffers(): Float64Array[] {
  return [1, 2, 3, 4].map((groups) => new Float64Array(GROUP_LANES * groups));
}

/**
 * The seeds of the kernel call for replicates [first, end) of `seed`, in one of `buffers`: mixSeed
 * (the seed of `streamRng(seed, r)`) of up to sixteen replicates, in groups of four; lanes past `end`
 * repeat replicate `first`, and their sums are dropped.
 */
export function nextCallSeeds(buffers: readonly Float64Array[], seed: number, first: number, end: number): Float64Array {
  const seeds = buffers[Math.min(MAX_GROUPS, Math.ceil((end - first) / GROUP_LANES)) - 1];
  for (let l = 0; l < seeds.length; l++) seeds[l] = mixSeed(seed, first + l < end ? first + l : first);
  return seeds;
}

/**
 * The lane state records of the seeds.length / 4 groups of `seeds` (writeLaneStates of each four), one
 * after another from the start of `states`; returns the records written.
 */
export function writeGroupStates(states: Int32Array, seeds: ArrayLike<number>, lane: XoshiroState): Int32Array {
  const groups = seeds.length / GROUP_LANES;
  for (let k = 0; k < groups; k++) writeLaneStates(states.subarray(k * STATE_WORDS), seeds, lane, GROUP_LANES * k);
  return states.subarray(0, groups * STATE_WORDS);
}

/**
 * Σ w and Σ w·u over one list of count-1 values followed by one list of small integer counts, for up
 * to sixteen replicates at a time. Replicate lane l takes the exponentials of the lane on the state of
 * `createRng(seed_l)` (xoshiro128+ outputs, four draws from seven: the kernels' headers): first one
 * per count-1 value in index order, then counts[i] per small-count value in index order; the sums are
 * f32 within each block of draws (the kernels' headers) and f64 across blocks, from 0.
 */
export class ExponentialSums {
  readonly #ones: Float32Array;
  readonly #smallValues: Float32Array;
  readonly #smallCounts: Int32Array;
  readonly #native: NativeKernel | null;
  readonly #lanes: NativeLanes | undefined;
  /** The WebAssembly kernel's memory and layout (null when the native kernel runs). */
  readonly #wasm: { claim: KernelClaim; onesAt: number; smallAt: number; countsAt: number; statesAt: number; sumsAt: number } | null;
  readonly #states = new Int32Array(MAX_GROUPS * STATE_WORDS);
  readonly #lane = new XoshiroState(0);

  /**
   * Keeps the values (and counts, each an integer in 1..16) for the native kernel, or copies them into
   * the thread's WebAssembly kernel memory. `lanes`: 0 runs the WebAssembly kernel even where a native
   * one is available, 8 or 16 that native width; by default the widest there is (the tests compare
   * them all).
   */
  constructor(ones: Float32Array, smallValues: Float32Array, smallCounts: Int32Array, lanes?: 0 | NativeLanes) {
    if (smallCounts.length !== smallValues.length) {
      throw new RangeError(`ExponentialSums: ${smallValues.length} small-count values but ${smallCounts.length} counts`);
    }
    for (const c of smallCounts) {
      if (!(c >= 1 && c <= 16)) throw new RangeError(`ExponentialSums: counts must be integers in 1..16, got ${c}`);
    }
    this.#ones = ones;
    this.#smallValues = smallValues;
    this.#smallCounts = smallCounts;
    const native = chooseNativeKernel(lanes, 'ExponentialSums');
    this.#native = native?.kernel ?? null;
    this.#lanes = native?.lanes;
    if (this.#native !== null) {
      this.#wasm = null;
      return;
    }
    const onesAt = KERNEL_DATA_START;
    const smallAt = onesAt + 4 * ones.length;
    const countsAt = smallAt + 4 * smallValues.length;
    const statesAt = align16(countsAt + 4 * smallCounts.length);
    const sumsAt = statesAt + MAX_GROUPS * LANE_STATE_BYTES;
    const claim = new KernelClaim(sumsAt + 64 * MAX_GROUPS, 'ExponentialSums');
    const buffer = claim.buffer();
    new Float32Array(buffer, onesAt, ones.length).set(ones);
    new Float32Array(buffer, smallAt, smallValues.length).set(smallValues);
    new Int32Array(buffer, countsAt, smallCounts.length).set(smallCounts);
    this.#wasm = { claim, onesAt, smallAt, countsAt, statesAt, sumsAt };
  }

  /** The kernel that runs. */
  get kernel(): BootstrapKernelName {
    return kernelName(this.#lanes);
  }

  /**
   * The sums of the 4·g lanes seeded `seeds` (g = seeds.length / 4 groups, 1..4): for group k,
   * out[8k + l] = Σ w and out[8k + 4 + l] = Σ w·u of lane 4k + l.
   */
  run(seeds: ArrayLike<number>, out: Float64Array): void {
    const groups = seeds.length / GROUP_LANES;
    if (!(Number.isInteger(groups) && groups >= 1 && groups <= MAX_GROUPS && out.length >= 8 * groups)) {
      throw new RangeError(`ExponentialSums: run takes 4, 8, 12 or 16 seeds and 8 sums per four, got ${seeds.length} seeds and ${out.length} sums`);
    }
    const states = writeGroupStates(this.#states, seeds, this.#lane);
    if (this.#native !== null) {
      this.#native.exponentialSums(this.#ones, this.#smallValues, this.#smallCounts, states, groups, out, this.#lanes);
      return;
    }
    const { claim, onesAt, smallAt, countsAt, statesAt, sumsAt } = this.#wasm!;
    const buffer = claim.buffer();
    new Int32Array(buffer, statesAt, states.length).set(states);
    const sums = new Float64Array(buffer, sumsAt, 8 * groups);
    sums.fill(0);
    // the kernel writes Σ w of a group's lanes as two f64x2 (lanes 0-1, 2-3), then Σ w·u likewise
    if (this.#ones.length > 0) claim.kernel.exponentialSums(onesAt, 0, this.#ones.length, statesAt, groups, sumsAt);
    if (this.#smallValues.length > 0) claim.kernel.exponentialSums(smallAt, countsAt, this.#smallValues.length, statesAt, groups, sumsAt);
    out.set(sums);
  }
}
