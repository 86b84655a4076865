/**
 * Replicates of the Bayesian bootstrap of the mean (Rubin 1981) over a tally of distinct values:
 * replicate r draws g_k ~ Gamma(count_k, 1) for every distinct value v_k and returns
 * Σ v_k g_k / Σ g_k, the mean under Dirichlet(counts) weights, which by the aggregation property of
 * the Gamma is the Dirichlet(1, ..., 1) bootstrap over the individual rows.
 *
 * Streams of replicate r, with s = mixSeed(seed, r) (the seed of `streamRng(seed, r)`):
 * - count-1 values, in index order: Exponential(1) by the ziggurat, the first 32-bit draw of each
 *   from `createRng(s)` = `streamRng(seed, r)`;
 * - the ziggurat's rare wedge and tail steps (about 2.2 % of draws), in index order, from
 *   `streamRng(s, 2)`;
 * - integer counts up to 16, in index order: Gamma(count) as the sum of count ziggurat
 *   exponentials, first integers from `streamRng(s, 1)`, slow steps from `streamRng(s, 4)`;
 * - other counts, in index order: Gamma(count) from a GammaSampler on `streamRng(s, 3)`.
 * Because the streams never interleave, the kernel can run the tight count-1 loop first and the
 * deferred slow draws and other counts after it; only the order of the floating-point sums differs
 * from a plain index-order loop (test/kernels/bayesian-bootstrap-mean.test.ts).
 *
 * Replicate r depends only on (seed, r), so a range [start, end) can be computed anywhere (another
 * worker, another order) with bit-identical results. Cost O(K) per replicate for K distinct values.
 *
 * Parity: jetstream BootstrapMean -> mozanalysis `bayesian_bootstrap.get_bootstrap_samples`
 * (`np.dot(values, random_state.dirichlet(counts))`), same distribution, different stream.
 */
import { GammaSampler } from './gamma-sample.js';
import { ZIGGURAT_EXP_K, ZIGGURAT_EXP_W, zigguratExponentialSlow } from './exponential-ziggurat.js';
import { mixSeed, streamRng } from './rng.js';
import { XoshiroState } from './xoshiro-state.js';
import type { Tally } from './tally-sorted.js';

/** What `bayesianBootstrapMean` draws from, and which replicates it computes. */
export interface BayesianBootstrapMeanInput {
  /** Distinct values (ascending) and their counts, as from `tallySorted`. */
  readonly tally: Tally;
  /** The total number of replicates (bounds the range). */
  readonly numSamples: number;
  /** The branch's seed; replicate r draws from `streamRng(seed, r)` and streams 1 to 4 under it. */
  readonly seed: number;
  /** The replicates to compute, [start, end); default all of [0, numSamples). */
  readonly range?: readonly [number, number];
  /** Where replicate r goes, at index r - start; default a new array of end - start. */
  readonly out?: Float64Array;
}

/** Integer counts up to this draw Gamma(count) as a sum of ziggurat exponentials (cheaper than Marsaglia-Tsang below ~32). */
const MAX_SUMMED = 16;

/** Values per block of the ziggurat loops; a block queues at most BLOCK x MAX_SUMMED slow draws. */
const BLOCK = 4096;

/** The tally split once per call: count-1 values, small integer counts, and the others. */
interface SplitTally {
  readonly ones: Float64Array;
  readonly smallValues: Float64Array;
  /** Integer counts 2..MAX_SUMMED, as int32: they bound the draw loop, which V8 ran at ~46 ns per
   * draw with a double bound against 4.2 ns (bench/bootstrap-draw-cost.ts). */
  readonly smallCounts: Int32Array;
  readonly otherValues: Float64Array;
  readonly otherCounts: Float64Array;
}

/** Replicates [start, end) of the Bayesian bootstrap mean of `tally`, replicate r into out[r - start]. */
export function bayesianBootstrapMean(input: BayesianBootstrapMeanInput): Float64Array {
  const { tally, numSamples, seed } = input;
  const [start, end] = input.range ?? [0, numSamples];
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= numSamples)) {
    throw new RangeError(
      `bayesianBootstrapMean: range must satisfy 0 <= start <= end <= num_samples (${numSamples}), got [${start}, ${end})`,
    );
  }
  const out = input.out ?? new Float64Array(end - start);
  if (out.length < end - start) {
    throw new RangeError(`bayesianBootstrapMean: out holds ${out.length} values, the range needs ${end - start}`);
  }
  const split = splitTally(tally);
  const pending = new Int32Array(2 * BLOCK);
  const pendingSmall = new Int32Array(2 * BLOCK * MAX_SUMMED);
  const gamma = new GammaSampler(streamRng(seed, start));
  const main = new XoshiroState(0);
  const spare = new XoshiroState(0);
  const small = new XoshiroState(0);
  const smallSpare = new XoshiroState(0);
  const sums = new Float64Array(2);
  for (let r = start; r < end; r++) {
    const s = mixSeed(seed, r); // = the seed of streamRng(seed, r)
    main.reseed(s);
    spare.reseed(mixSeed(s, 2));
    small.reseed(mixSeed(s, 1));
    smallSpare.reseed(mixSeed(s, 4));
    gamma.reset(streamRng(s, 3));
    sums[0] = 0;
    sums[1] = 0;
    exponentialSumsOnes(split.ones, main, spare, pending, sums);
    exponentialSums(split.smallValues, split.smallCounts, small, smallSpare, pendingSmall, sums);
    let weightSum = sums[0];
    let weightedSum = sums[1];
    const { otherValues, otherCounts } = split;
    for (let i = 0; i < otherValues.length; i++) {
      const w = gamma.next(otherCounts[i]);
      weightSum += w;
      weightedSum += w * otherValues[i];
    }
    out[r - start] = weightedSum / weightSum;
  }
  return out;
}

function splitTally({ values, counts }: Tally): SplitTally {
  const kind = (c: number) => (c === 1 ? 0 : c <= MAX_SUMMED && Number.isInteger(c) ? 1 : 2);
  const sizes = [0, 0, 0];
  for (let i = 0; i < counts.length; i++) sizes[kind(counts[i])]++;
  const split = {
    ones: new Float64Array(sizes[0]),
    smallValues: new Float64Array(sizes[1]),
    smallCounts: new Int32Array(sizes[1]),
    otherValues: new Float64Array(sizes[2]),
    otherCounts: new Float64Array(sizes[2]),
  };
  const at = [0, 0, 0];
  for (let i = 0; i < counts.length; i++) {
    const k = kind(counts[i]);
    const j = at[k]++;
    if (k === 0) {
      split.ones[j] = values[i];
    } else if (k === 1) {
      split.smallValues[j] = values[i];
      split.smallCounts[j] = counts[i];
    } else {
      split.otherValues[j] = values[i];
      split.otherCounts[j] = counts[i];
    }
  }
  return split;
}

/**
 * Adds Σ w_i and Σ v_i w_i to sums[0], sums[1], where w_i is the sum of counts[i] of them (Gamma(counts[i]) for an integer count; one for a count of 1), by the ziggurat. The
 * xoshiro128** step and the layer test are inlined on local int32 state; a draw outside its layer's
 * rectangle is queued (index, first integer) in `pending` and finished after its block of BLOCK
 * values from `spare`, in index order. Keeping that call out of the loop matters: with
 * `zigguratExponentialSlow` called inline, V8 ran the loop at 7.5 ns per value against 2.5 ns
 * without it (bench/RESULTS.md).
 */
function exponentialSums(
  values: Float64Array,
  counts: Int32Array,
  main: XoshiroState,
  spare: XoshiroState,
  pending: Int32Array,
  sums: Float64Array,
): void {
  // Local aliases: imported bindings are not hoisted out of the loop by V8 (19 ns per value with
  // the imported names against 2.2 ns with locals, here).
  const k = ZIGGURAT_EXP_K;
  const scale = ZIGGURAT_EXP_W;
  let a = main.a;
  let b = main.b;
  let c = main.c;
  let d = main.d;
  let weightSum = 0;
  let weightedSum = 0;
  let from = 0;
  while (from < values.length) {
    const stop = Math.min(values.length, from + BLOCK);
    let queued = 0;
    for (let i = from; i < stop; i++) {
      const times = counts[i];
      let w = 0;
      for (let j = 0; j < times; j++) {
        // One step of xoshiro128**, as Xoshiro128.nextUint32 (int32: only its low 8 and high 24 bits are used).
        const x = Math.imul(b, 5);
        const jz = Math.imul((x << 7) | (x >>> 25), 9);
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        const iz = jz & 255;
        const u = jz >>> 8;
        if (u < k[iz]) {
          w += u * scale[iz];
        } else {
          pending[2 * queued] = i;
          pending[2 * queued + 1] = jz;
          queued++;
        }
      }
      weightSum += w;
      weightedSum += w * values[i];
    }
    // Finish the block's queued draws, in index order.
    for (let p = 0; p < queued; p++) {
      const w = zigguratExponentialSlow(pending[2 * p + 1], spare);
      weightSum += w;
      weightedSum += w * values[pending[2 * p]];
    }
    from = stop;
  }
  main.a = a;
  main.b = b;
  main.c = c;
  main.d = d;
  sums[0] += weightSum;
  sums[1] += weightedSum;
}

/**
 * `exponentialSums` for counts all 1, written out: the count loop and its test cost 3.5 ns per value
 * in V8 (7.7 against 4.2 ns per value, all-distinct 1M rows, here).
 */
function exponentialSumsOnes(
  values: Float64Array,
  main: XoshiroState,
  spare: XoshiroState,
  pending: Int32Array,
  sums: Float64Array,
): void {
  // Local aliases: imported bindings are not hoisted out of the loop by V8 (19 ns per value with
  // the imported names against 2.2 ns with locals, here).
  const k = ZIGGURAT_EXP_K;
  const scale = ZIGGURAT_EXP_W;
  let a = main.a;
  let b = main.b;
  let c = main.c;
  let d = main.d;
  let weightSum = 0;
  let weightedSum = 0;
  let from = 0;
  while (from < values.length) {
    const stop = Math.min(values.length, from + BLOCK);
    let queued = 0;
    for (let i = from; i < stop; i++) {
      {
        // One step of xoshiro128**, as Xoshiro128.nextUint32 (int32: only its low 8 and high 24 bits are used).
        const x = Math.imul(b, 5);
        const jz = Math.imul((x << 7) | (x >>> 25), 9);
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        const iz = jz & 255;
        const u = jz >>> 8;
        if (u < k[iz]) {
          const w = u * scale[iz];
          weightSum += w;
          weightedSum += w * values[i];
        } else {
          pending[2 * queued] = i;
          pending[2 * queued + 1] = jz;
          queued++;
        }
      }
    }
    // Finish the block's queued draws, in index order.
    for (let p = 0; p < queued; p++) {
      const w = zigguratExponentialSlow(pending[2 * p + 1], spare);
      weightSum += w;
      weightedSum += w * values[pending[2 * p]];
    }
    from = stop;
  }
  main.a = a;
  main.b = b;
  main.c = c;
  main.d = d;
  sums[0] += weightSum;
  sums[1] += weightedSum;
}
