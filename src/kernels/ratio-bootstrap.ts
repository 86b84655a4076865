/**
 * Classical (frequentist) bootstrap of a population ratio Σ num / Σ den: replicate r resamples the
 * n (num, den) rows with replacement, drawing from `streamRng(seed, r)` (so replicate r never depends
 * on which worker computes it), and returns the ratio of the resampled sums (equal to the ratio of
 * means).
 *
 * Two exact schemes for the same resampling distribution, chosen from the data alone:
 * - counts (when the rows hold at most n / 8 distinct (num, den) pairs, e.g. count metrics, few
 *   enough of them above the tail and rows in it, `countsSuit`): the multiplicities of the K distinct pairs
 *   in a resample are Multinomial(n, c_k / n), drawn as independent Poisson counts conditioned on
 *   their total (poisson-table.ts's `poissonScale`), one per pair down to the pairs of count below
 *   TAIL_COUNT and one for those together, whose draws are then uniform rows of the tail;
 *   O(K + tail rows) per replicate instead of O(n);
 * - blocks (otherwise): the draws' numbers per heavy pair (`splitHeavy`) and per block of 1,024
 *   consecutive other rows, one multinomial drawn the same way, and each block's draws as uniform
 *   rows of the block, three 10-bit row indices per 32-bit draw (`blockRatio`); the same
 *   resampling distribution as n uniform row indices, with the block's rows in the L1 cache while
 *   they are gathered.
 * The schemes: src/kernels/counts-ratio.ts and block-ratio.ts, each in C where the contrail_sorts
 * addon is built (multinomial-ratio.c, block-ratio.c, the same bits).
 *
 * Parity: mozanalysis `frequentist_stats.bootstrap.get_bootstrap_samples` with Jetstream
 * PopulationRatio's `stat_fn` (mean(num) / mean(den)), one RandomState per replicate there too.
 */
import { blockRatios } from './block-ratio.js';
import { countsRatios, countsSuit, largestFirst } from './counts-ratio.js';
import { tallyPairs } from './tally-pairs.js';

/** The per-branch (winsorized) columns and which replicates to draw. */
export interface RatioBootstrapInput {
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
  readonly numSamples: number;
  readonly seed: number;
  /** Replicates [first, first + count), for splitting across workers; default all. */
  readonly first?: number;
  readonly count?: number;
  /** The same as [first, first + count) in the form `SummarizeInput.replicates` has; wins if given. */
  readonly range?: readonly [number, number];
  /** Force a scheme (tests, benchmarks); default `auto`: counts when distinct pairs are <= n / 8 and `countsSuit` says counts costs less. */
  readonly scheme?: 'auto' | 'counts' | 'blocks';
}

/** Replicates [first, first + count) of Σ num / Σ den over resamples with replacement. */
export function bootstrapRatioOfSums(input: RatioBootstrapInput): Float64Array {
  const { numerator, denominator, numSamples, seed } = input;
  const first = input.range?.[0] ?? input.first ?? 0;
  const count = input.range === undefined ? (input.count ?? numSamples - first) : input.range[1] - input.range[0];
  if (!(Number.isInteger(first) && Number.isInteger(count) && first >= 0 && count >= 0 && first + count <= numSamples)) {
    throw new RangeError(
      `bootstrapRatioOfSums: replicates [${first}, ${first + count}) must lie in [0, num_samples = ${numSamples}); pass a range inside it`,
    );
  }
  const n = numerator.length;
  const out = new Float64Array(count);
  const scheme = input.scheme ?? 'auto';
  const tally = scheme === 'blocks' ? null : tallyPairs(numerator, denominator, scheme === 'counts' ? n : n / 8);
  const pairs = tally === null ? null : largestFirst(tally);
  if (pairs !== null && (scheme === 'counts' || countsSuit(pairs, n))) countsRatios(pairs, n, seed, first, out);
  else blockRatios(numerator, denominator, seed, first, out);
  return out;
}
