/**
 * Replicates of the Bayesian bootstrap of the mean (Rubin 1981) over a tally of distinct values:
 * replicate r draws g_k ~ Gamma(count_k, 1) for every distinct value v_k and returns
 * Σ v_k g_k / Σ g_k, the mean under Dirichlet(counts) weights, which by the aggregation property of
 * the Gamma is the Dirichlet(1, ..., 1) bootstrap over the individual rows.
 *
 * Streams of replicate r, with s = mixSeed(seed, r) (the seed of `streamRng(seed, r)`):
 * - count-1 values, then integer counts 2..16, each in index order: the Exponential(1) draws of the
 *   kernel's lane on `createRng(s)` (f32; four at a time as a Gamma(4) draw from one logarithm split
 *   by uniform spacings: wasm/exponential-draws.as.ts), a count c taking the sum of the next c of them;
 * - other counts, in index order: Gamma(count) from a GammaSampler on `streamRng(s, 3)`.
 * The first stream runs in the bootstrap kernel (exponential-sums.ts): natively with AVX-512, sixteen
 * replicates per vector, or in WebAssembly SIMD, four; the same bits either way. The kernel sums the
 * values centred on the tally's mean and scaled by a power of two, in f32 within a block of draws
 * (centred-values.ts says why that loses nothing a replicate shows); the replicate is
 * centre + (Σ w·u / Σ w) / scale. Its TypeScript
 * reference, bit for bit, is in the kernel's test.
 * Why f32 and a logarithm rather than the ziggurat: in SIMD the logarithm is 2.6 ns per draw against
 * 4.3 ns for the scalar TypeScript ziggurat, and a ziggurat in WebAssembly was no faster (table loads
 * per lane; bench/RESULTS.md); one logarithm per four draws brought it to 2.0 ns. A weight lies in
 * [0, 124 ln 2 = 86] and is G times a multiple of 2^-23.
 *
 * Replicate r depends only on (seed, r), so a range [start, end) can be computed anywhere (another
 * worker, another order) with bit-identical results. Cost O(K) per replicate for K distinct values.
 *
 * Parity: jetstream BootstrapMean -> mozanalysis `bayesian_bootstrap.get_bootstrap_samples`
 * (`np.dot(values, random_state.dirichlet(counts))`), same distribution, different stream.
 */
import { centred, centredFrame, kernelValue, uncentredMean, type CentredFrame } from './centred-values.js';
import { CALL_LANES, ExponentialSums, MAX_GROUPS, callSeedBuffers, nextCallSeeds } from './exponential-sums.js';
import { GammaSampler } from './gamma-sample.js';
import { streamRng } from './rng.js';
import type { Tally } from './tally-sorted.js';

/** What `bayesianBootstrapMean` draws from, and which replicates it computes. */
export interface BayesianBootstrapMeanInput {
  /** Distinct values (ascending) and their counts, as from `tallySorted`. */
  readonly tally: Tally;
  /** The total number of replicates (bounds the range). */
  readonly numSamples: number;
  /** The branch's seed; replicate r draws from `streamRng(seed, r)` and stream 3 under it. */
  readonly seed: number;
  /** The replicates to compute, [start, end); default all of [0, numSamples). */
  readonly range?: readonly [number, number];
  /** Where replicate r goes, at index r - start; default a new array of end - start. */
  readonly out?: Float64Array;
}

/** Integer counts up to this draw Gamma(count) as a sum of exponentials (the kernel's limit; cheaper than Marsaglia-Tsang below ~32). */
const MAX_SUMMED = 16;

/** The tally split once per call: count-1 values, small integer counts, and the others, all centred and scaled (centred-values.ts). */
interface SplitTally {
  readonly ones: Float32Array;
  readonly smallValues: Float32Array;
  /** Integer counts 2..MAX_SUMMED. */
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
  if (tally.values.length === 1) {
    // one distinct value: every weighted mean is that value (and a lone weight can be exactly 0,
    // probability ~5e-7 per draw, which would give 0/0)
    return out.fill(tally.values[0], 0, end - start);
  }
  const frame = centredFrame(tally.values, tally.counts);
  const split = splitTally(tally, frame);
  const kernel = new ExponentialSums(split.ones, split.smallValues, split.smallCounts);
  const gamma = new GammaSampler(streamRng(seed, start));
  const { otherValues, otherCounts } = split;
  const buffers = callSeedBuffers();
  const lanes = new Float64Array(8 * MAX_GROUPS);
  for (let first = start; first < end; first += CALL_LANES) {
    const seeds = nextCallSeeds(buffers, seed, first, end);
    kernel.run(seeds, lanes);
    for (let l = 0; l < seeds.length && first + l < end; l++) {
      let weightSum = lanes[8 * (l >> 2) + (l & 3)];
      let weightedSum = lanes[8 * (l >> 2) + 4 + (l & 3)];
      if (otherValues.length > 0) {
        gamma.reset(streamRng(seeds[l], 3));
        for (let i = 0; i < otherValues.length; i++) {
          const w = gamma.next(otherCounts[i]);
          weightSum += w;
          weightedSum += w * otherValues[i];
        }
      }
      out[first + l - start] = uncentredMean(weightSum, weightedSum, frame);
    }
  }
  return out;
}

function splitTally({ values, counts }: Tally, frame: CentredFrame): SplitTally {
  const kind = (c: number) => (c === 1 ? 0 : c <= MAX_SUMMED && Number.isInteger(c) ? 1 : 2);
  const sizes = [0, 0, 0];
  for (let i = 0; i < counts.length; i++) sizes[kind(counts[i])]++;
  const split = {
    ones: new Float32Array(sizes[0]),
    smallValues: new Float32Array(sizes[1]),
    smallCounts: new Int32Array(sizes[1]),
    otherValues: new Float64Array(sizes[2]),
    otherCounts: new Float64Array(sizes[2]),
  };
  const at = [0, 0, 0];
  for (let i = 0; i < counts.length; i++) {
    const k = kind(counts[i]);
    const j = at[k]++;
    if (k === 0) {
      split.ones[j] = kernelValue(values[i], frame);
    } else if (k === 1) {
      split.smallValues[j] = kernelValue(values[i], frame);
      split.smallCounts[j] = counts[i];
    } else {
      split.otherValues[j] = centred(values[i], frame);
      split.otherCounts[j] = counts[i];
    }
  }
  return split;
}
