/**
 * Splitting a bootstrap summary by replicate range across the worker pool. A statistic that
 * declares `replicateSplit` computes replicate r from (seed, r) alone, so running [0, B) as
 * consecutive ranges on several workers and concatenating gives the same summary, bit for bit, at
 * any number of pieces; the pieces only add parallelism when one summary dominates the run (a single
 * statistic on a large branch). Reference: ARCHITECTURE.md (replicate streams), issue 6. How a
 * statistic merges its pieces: src/statistics/support/replicate-split.ts.
 */

/**
 * Value-replicates per piece below which a summary is not split: about 0.2 s of the Bayesian
 * bootstrap at 4 ns per value, so a piece's fixed costs (row selection, pretreatments, the sort and
 * tally, a message) stay a few percent of its work.
 */
export const MIN_WORK_PER_PIECE = 50_000_000;

/** Consecutive near-equal ranges [start, end) covering [0, numSamples), `pieces` of them (fewer if B is small). */
export function replicateRanges(numSamples: number, pieces: number): [number, number][] {
  const count = Math.max(1, Math.min(Math.floor(pieces), numSamples));
  const ranges: [number, number][] = [];
  for (let k = 0; k < count; k++) {
    ranges.push([Math.floor((k * numSamples) / count), Math.floor(((k + 1) * numSamples) / count)]);
  }
  return ranges;
}
