/**
 * How a bootstrap statistic's Monte Carlo summary merges when the engine splits its replicates into
 * consecutive ranges (src/engine/replicate-split.ts): replicate r depends on (seed, r) alone, so the
 * concatenated ranges equal the unsplit summary bit for bit.
 */
import type { ReplicateSplit } from '../define.js';

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
