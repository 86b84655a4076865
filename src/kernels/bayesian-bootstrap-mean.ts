/**
 * Replicates of the Bayesian bootstrap of the mean (Rubin 1981) over a tally of distinct values:
 * replicate r draws g_k ~ Gamma(count_k, 1) for every distinct value v_k from `streamRng(seed, r)`
 * and returns Σ v_k g_k / Σ g_k, i.e. the mean under Dirichlet(counts) weights, which by the
 * aggregation property is the Dirichlet(1, ..., 1) bootstrap over the individual rows.
 *
 * Replicate r depends only on (seed, r), so a range [start, end) can be computed anywhere (another
 * worker, another order) with bit-identical results. Cost O(K) per replicate for K distinct values;
 * count-1 values (most of a continuous metric) take the Exponential(1) = -log(U) fast path.
 *
 * Parity: jetstream BootstrapMean -> mozanalysis `bayesian_bootstrap.get_bootstrap_samples`
 * (`np.dot(values, random_state.dirichlet(counts))`), same distribution, different stream.
 */
import { GammaSampler } from './gamma-sample.js';
import { streamRng } from './rng.js';
import type { Tally } from './tally-sorted.js';

export interface BayesianBootstrapMeanInput {
  /** Distinct values (ascending) and their counts, as from `tallySorted`. */
  readonly tally: Tally;
  /** The total number of replicates (bounds the range). */
  readonly numSamples: number;
  /** The branch's seed; replicate r draws from `streamRng(seed, r)`. */
  readonly seed: number;
  /** The replicates to compute, [start, end); default all of [0, numSamples). */
  readonly range?: readonly [number, number];
  /** Where replicate r goes, at index r - start; default a new array of end - start. */
  readonly out?: Float64Array;
}

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
  const { values, counts } = tally;
  const k = values.length;
  let allOnes = true;
  for (let i = 0; i < k; i++) {
    if (counts[i] !== 1) {
      allOnes = false;
      break;
    }
  }
  const gamma = new GammaSampler(streamRng(seed, start));
  for (let r = start; r < end; r++) {
    const rng = streamRng(seed, r);
    let weightSum = 0;
    let weightedSum = 0;
    if (allOnes) {
      // Fast path: Gamma(1) = Exponential(1), no sampler state, one log per value.
      for (let i = 0; i < k; i++) {
        const w = -Math.log(1 - rng.nextFloat());
        weightSum += w;
        weightedSum += w * values[i];
      }
    } else {
      gamma.reset(rng);
      for (let i = 0; i < k; i++) {
        const c = counts[i];
        const w = c === 1 ? -Math.log(1 - rng.nextFloat()) : gamma.next(c);
        weightSum += w;
        weightedSum += w * values[i];
      }
    }
    out[r - start] = weightedSum / weightSum;
  }
  return out;
}
