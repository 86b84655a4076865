/**
 * population_ratio's counts scheme (chosen in src/kernels/ratio-bootstrap.ts): the multiplicities of
 * the K distinct (num, den) pairs in a resample of n rows are Multinomial(n, c_k / n), drawn as
 * sequential conditional binomials N_k ~ Binomial(n - Σ_{j<k} N_j, c_k / Σ_{j>=k} c_j), largest
 * pairs first, down to the pairs of count below TAIL_COUNT, whose rows then take the trials left one
 * uniform row at a time; O(K + tail rows) per replicate instead of O(n). In C where the
 * contrail_sorts addon is built (multinomial-ratio.c, the same bits).
 */
import { sampleBinomial } from './binomial-sample.js';
import { nativeSort } from './native-sort.js';
import { mixSeed, streamSeeds } from './rng.js';
import type { PairTally } from './tally-pairs.js';
import { uniformIndices } from './uniform-indices.js';
import { XoshiroState } from './xoshiro-state.js';

/**
 * Pairs whose count is below this form the tail: after the larger pairs' binomials, the trials left
 * are placed on the tail's rows one uniform row at a time instead of one binomial per pair (~80 ns
 * by inversion at n p = 2, here). On the demo's ad_clicks / search_count pairs (~1,300 per branch,
 * ~850 of count below 10), 2,000 replicates took 251-294 ms before and 122-205 ms after; a threshold
 * of 2 gained little (222-225 ms), 4 to 16 were alike within this machine's noise (bench/RESULTS.md).
 * In C (multinomial-ratio.c) a tail row costs less against a binomial: on the control branch's
 * 323k rows of the demo (family-23 EPYC), per replicate with the pairs' tally, 8: 50.7 us, 16: 45.3,
 * 32: 40.0, 64: 41.8; here in TypeScript 84.5, 80.7, 91.1, 126.2 us. 32 is for the C path, which
 * runs wherever the addon builds.
 */
const TAIL_COUNT = 32;

/** The pairs by decreasing count, with suffix sums of counts, and the tail's rows (pair index per row). */
export interface OrderedPairs extends PairTally {
  readonly rest: Float64Array;
  /** Index of the first tail pair (count < TAIL_COUNT); the number of pairs when none. */
  readonly tailStart: number;
  /** One entry per row of the tail pairs: the pair's index (so a uniform entry is a row drawn in proportion to count). */
  readonly tailRows: Int32Array;
}

/** The tally reordered by decreasing count (ties by the (num, den) order), with suffix sums of counts. */
export function largestFirst(tally: PairTally): OrderedPairs {
  const order = Array.from(tally.counts, (_, k) => k).sort((p, q) => tally.counts[q] - tally.counts[p] || p - q);
  const counts = Float64Array.from(order, (k) => tally.counts[k]);
  const rest = new Float64Array(counts.length + 1);
  for (let k = counts.length - 1; k >= 0; k--) rest[k] = rest[k + 1] + counts[k];
  let tailStart = counts.length;
  while (tailStart > 0 && counts[tailStart - 1] < TAIL_COUNT) tailStart--;
  // A tail of one pair takes the remaining trials as the last binomial pair would.
  if (tailStart === counts.length - 1) tailStart = counts.length;
  const tailRows = new Int32Array(rest[tailStart]);
  for (let k = tailStart, at = 0; k < counts.length; k++) tailRows.fill(k, at, (at += counts[k]));
  return { x: Float64Array.from(order, (k) => tally.x[k]), y: Float64Array.from(order, (k) => tally.y[k]), counts, rest, tailStart, tailRows };
}

/**
 * One replicate: sequential conditional binomials over the pairs above the tail, largest first;
 * then the trials left, each a uniform row of the tail (Lemire's exact bounded integer from one
 * 32-bit draw, `uniformIndices`), which given the binomials is the same multinomial over the tail
 * pairs. `scratch` holds some of those rows at a time.
 */
function multinomialRatio(t: OrderedPairs, n: number, rng: XoshiroState, scratch: Int32Array): number {
  let remaining = n;
  let sn = 0;
  let sd = 0;
  const last = t.counts.length - 1;
  for (let k = 0; k < t.tailStart && remaining > 0; k++) {
    // The last pair takes what is left (its conditional probability is exactly 1).
    const drawn = k === last ? remaining : sampleBinomial(remaining, Math.min(1, t.counts[k] / t.rest[k]), rng);
    sn += drawn * t.x[k];
    sd += drawn * t.y[k];
    remaining -= drawn;
  }
  if (remaining === 0) return sn / sd;
  // the trials left as uniform tail rows, a scratch's worth at a time (the demo's ad_click_rate:
  // ~1,700 per replicate)
  const rows = t.tailRows;
  while (remaining > 0) {
    const m = Math.min(remaining, scratch.length);
    uniformIndices(rng, rows.length, scratch, m);
    for (let i = 0; i < m; i++) {
      const pair = rows[scratch[i]];
      sn += t.x[pair];
      sd += t.y[pair];
    }
    remaining -= m;
  }
  return sn / sd;
}

/** Uniform tail rows drawn at a time into a scratch array (`uniformIndices`). */
const SCRATCH = 4096;

/** The replicates first .. first + out.length of the stream seed, by counts (ratio-bootstrap.ts checks the range). */
export function countsRatios(pairs: OrderedPairs, n: number, seed: number, first: number, out: Float64Array): void {
  const native = nativeSort();
  if (native !== null) {
    // The same replicates in C (src/kernels/native/multinomial-ratio.c), ~2x faster.
    const seeds = streamSeeds(seed, first, new Uint32Array(out.length));
    native.multinomialRatios(pairs.x, pairs.y, pairs.counts, pairs.rest, pairs.tailStart, pairs.tailRows, n, seeds, out);
    return;
  }
  const rng = new XoshiroState(0);
  const scratch = new Int32Array(SCRATCH);
  for (let k = 0; k < out.length; k++) {
    rng.reseed(mixSeed(seed, first + k)); // = streamRng(seed, first + k)
    out[k] = multinomialRatio(pairs, n, rng, scratch);
  }
}

/**
 * Whether the counts scheme suits these pairs: its tail rows are drawn one at a time from a gather
 * (7 ns a draw while the tail is in cache, ~21 ns beyond), the blocks scheme's rows at ~1 ns, so past
 * n / 8 tail rows the blocks win (1M rows of 100,000 pairs of ~10 rows, all in the tail: 21 ms a
 * replicate by counts against 1.6 ms by blocks). Count metrics' tails are small (the demo's
 * ad_click_rate: ~1,700 tail rows of 323k; 31.8 us a replicate by counts against 49.3 by blocks at
 * 100k rows of that shape).
 */
export function countsSuit(t: OrderedPairs, n: number): boolean {
  return t.tailRows.length <= n / 8;
}
