/**
 * Classical (frequentist) bootstrap of a population ratio Σ num / Σ den: replicate r resamples the
 * n (num, den) rows with replacement, drawing its indices from `streamRng(seed, r)` (so replicate r
 * never depends on which worker computes it), and returns the ratio of the resampled sums (equal to
 * the ratio of means).
 *
 * Parity: mozanalysis `frequentist_stats.bootstrap.get_bootstrap_samples` with Jetstream
 * PopulationRatio's `stat_fn` (mean(num) / mean(den)), one RandomState per replicate there too.
 */
import { streamRng } from './rng.js';

/** The per-branch (winsorized) columns and which replicates to draw. */
export interface RatioBootstrapInput {
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
  readonly numSamples: number;
  readonly seed: number;
  /** Replicates [first, first + count), for splitting across workers; default all. */
  readonly first?: number;
  readonly count?: number;
}

/** Replicates [first, first + count) of Σ num / Σ den over resamples with replacement. */
export function bootstrapRatioOfSums(input: RatioBootstrapInput): Float64Array {
  const { numerator, denominator, numSamples, seed } = input;
  const first = input.first ?? 0;
  const count = input.count ?? numSamples - first;
  const n = numerator.length;
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const rng = streamRng(seed, first + k);
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      // 53 random bits: the bias of floor(u * n) is below 2^-53 * n, negligible for any table size.
      const j = Math.floor(rng.nextFloat() * n);
      sn += numerator[j];
      sd += denominator[j];
    }
    out[k] = sn / sd;
  }
  return out;
}
