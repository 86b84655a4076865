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
 * - the other counts, in index order: Gamma(count) from a GammaSampler on `streamRng(s, 1)`.
 * Because the three never interleave, the kernel can run the tight count-1 loop first and the
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
  /** The branch's seed; replicate r draws from `streamRng(seed, r)` and streams 1, 2 under it. */
  readonly seed: number;
  /** The replicates to compute, [start, end); default all of [0, numSamples). */
  readonly range?: readonly [number, number];
  /** Where replicate r goes, at index r - start; default a new array of end - start. */
  readonly out?: Float64Array;
}

/** Values per block of the count-1 loop; a block queues at most this many slow draws. */
const BLOCK = 4096;

/** The tally split once per call: count-1 values (contiguous, for the hot loop) and the others. */
interface SplitTally {
  readonly ones: Float64Array;
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
  const gamma = new GammaSampler(streamRng(seed, start));
  const main = new XoshiroState(0);
  const spare = new XoshiroState(0);
  for (let r = start; r < end; r++) {
    const s = mixSeed(seed, r); // = the seed of streamRng(seed, r)
    main.reseed(s);
    spare.reseed(mixSeed(s, 2));
    gamma.reset(streamRng(s, 1));
    const sums = exponentialSums(split.ones, main, spare, pending);
    let weightSum = sums.weightSum;
    let weightedSum = sums.weightedSum;
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
  let ones = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] === 1) ones++;
  const split = {
    ones: new Float64Array(ones),
    otherValues: new Float64Array(counts.length - ones),
    otherCounts: new Float64Array(counts.length - ones),
  };
  let o = 0;
  let k = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] === 1) {
      split.ones[o++] = values[i];
    } else {
      split.otherValues[k] = values[i];
      split.otherCounts[k++] = counts[i];
    }
  }
  return split;
}

/**
 * Σ w_i and Σ v_i w_i over the count-1 values with w_i ~ Exponential(1) by the ziggurat. The
 * xoshiro128** step and the layer test are inlined on local int32 state; a draw outside its
 * layer's rectangle is queued (index, first integer) in `pending` and finished after its block of
 * BLOCK values from `spare`, in index order. Keeping the call out of the loop matters: with `zigguratExponentialSlow`
 * called inline, V8 ran the loop at 7.5 ns per value against 2.5 ns without it (bench/RESULTS.md).
 */
function exponentialSums(
  ones: Float64Array,
  main: XoshiroState,
  spare: XoshiroState,
  pending: Int32Array,
): { weightSum: number; weightedSum: number } {
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
  let queued = 0;
  let from = 0;
  while (from < ones.length) {
    let i = from;
    const stop = Math.min(ones.length, from + BLOCK);
    for (; i < stop; i++) {
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
        weightedSum += w * ones[i];
      } else {
        pending[2 * queued] = i;
        pending[2 * queued + 1] = jz;
        queued++;
      }
    }
    // Finish the block's queued draws, in index order.
    for (let p = 0; p < queued; p++) {
      const w = zigguratExponentialSlow(pending[2 * p + 1], spare);
      weightSum += w;
      weightedSum += w * ones[pending[2 * p]];
    }
    queued = 0;
    from = i;
  }
  main.a = a;
  main.b = b;
  main.c = c;
  main.d = d;
  return { weightSum, weightedSum };
}
