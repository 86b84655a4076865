/**
 * Splitting a bootstrap summary by replicate range across the worker pool. A statistic that
 * declares `replicateSplit` computes replicate r from (seed, r) alone, so running [0, B) as
 * consecutive ranges on several workers and concatenating gives the same summary, bit for bit, at
 * any number of pieces; the pieces only add parallelism when one summary dominates the run (a single
 * statistic on a large branch). Reference: ARCHITECTURE.md (replicate streams), issue 6.
 */
import type { ReplicateSplit } from '../statistics/define.js';

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

/** The replicates of consecutive ranges, end to end. */
export function concatReplicates(parts: readonly Float64Array[]): Float64Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Float64Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A ReplicateSplit for a summary that holds its replicates in one array: `numSamples` of the params
 * (null when they draw none, e.g. method "exact"), `get` reads a part's replicates, `make` wraps the
 * concatenation. For a summary that is the array itself, `get` and `make` are the identity.
 */
export function splitReplicates<P, S>(
  numSamples: (params: P) => number | null,
  get: (summary: S) => Float64Array,
  make: (replicates: Float64Array) => S,
): ReplicateSplit<P, S> {
  return { numSamples, merge: (parts) => make(concatReplicates(parts.map(get))) };
}

/** Params of a statistic that draws `numSamples` replicates unless its `method` is "exact". */
export interface MonteCarloParams {
  readonly numSamples: number;
  readonly method?: string;
}

/**
 * The ReplicateSplit of a statistic whose Monte Carlo summary is `{ replicates: Float64Array }`
 * (bootstrap_mean); not split under method "exact".
 */
export function replicateFieldSplit<P extends MonteCarloParams, S>(): ReplicateSplit<P, S> {
  return {
    numSamples: (p) => (p.method === 'exact' ? null : p.numSamples),
    merge: (parts) => ({ replicates: concatReplicates(parts.map((s) => (s as { replicates: Float64Array }).replicates)) }) as S,
  };
}

/**
 * The ReplicateSplit of a statistic whose Monte Carlo summary is the replicate array itself
 * (population_ratio); not split under method "exact".
 */
export function replicateArraySplit<P extends MonteCarloParams, S>(): ReplicateSplit<P, S> {
  return {
    numSamples: (p) => (p.method === 'exact' ? null : p.numSamples),
    merge: (parts) => concatReplicates(parts as unknown as readonly Float64Array[]) as S,
  };
}
