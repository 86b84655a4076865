/**
 * Classical (frequentist) bootstrap of a population ratio Σ num / Σ den: replicate r resamples the
 * n (num, den) rows with replacement, drawing from `streamRng(seed, r)` (so replicate r never depends
 * on which worker computes it), and returns the ratio of the resampled sums (equal to the ratio of
 * means).
 *
 * Two exact schemes for the same resampling distribution, chosen from the data alone:
 * - counts (when the rows hold at most n / 8 distinct (num, den) pairs, e.g. count metrics): the
 *   multiplicities of the K distinct pairs in a resample are Multinomial(n, c_k / n), drawn as
 *   sequential conditional binomials N_k ~ Binomial(n - Σ_{j<k} N_j, c_k / Σ_{j>=k} c_j), largest
 *   pairs first, down to the pairs of count below 8, whose rows then take the trials left one
 *   uniform row at a time; O(K + tail rows) per replicate instead of O(n);
 * - indices (otherwise): n uniform row indices per replicate, each from one 32-bit draw by Lemire's
 *   multiply-and-reject (exactly uniform), the generator inlined, tallied into per-row hit counts
 *   that one sequential pass turns into the two sums.
 * The counts scheme runs in C where the contrail_sorts addon is built (multinomial-ratio.c, the same
 * bits), else here.
 *
 * Parity: mozanalysis `frequentist_stats.bootstrap.get_bootstrap_samples` with Jetstream
 * PopulationRatio's `stat_fn` (mean(num) / mean(den)), one RandomState per replicate there too.
 */
import { sampleBinomial } from './binomial-sample.js';
import { nativeSort } from './native-sort.js';
import { mixSeed, streamSeeds } from './rng.js';
import { tallyPairs, type PairTally } from './tally-pairs.js';
import { XoshiroState } from './xoshiro-state.js';

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
  /** Force a scheme (tests, benchmarks); default `auto`: counts when distinct pairs <= n / 8. */
  readonly scheme?: 'auto' | 'counts' | 'indices';
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
  const tally = scheme === 'indices' ? null : tallyPairs(numerator, denominator, scheme === 'counts' ? n : n / 8);
  const rng = new XoshiroState(0);
  if (tally !== null) {
    const byCount = largestFirst(tally);
    const native = nativeSort();
    if (native !== null) {
      // The same replicates in C (src/kernels/native/multinomial-ratio.c), ~2x faster.
      const seeds = streamSeeds(seed, first, new Uint32Array(count));
      native.multinomialRatios(byCount.x, byCount.y, byCount.counts, byCount.rest, byCount.tailStart, byCount.tailRows, n, seeds, out);
      return out;
    }
    for (let k = 0; k < count; k++) {
      rng.reseed(mixSeed(seed, first + k)); // = streamRng(seed, first + k)
      out[k] = multinomialRatio(byCount, n, rng);
    }
    return out;
  }
  const hits = new Uint8Array(n);
  const spill = new Map<number, number>();
  for (let k = 0; k < count; k++) {
    rng.reseed(mixSeed(seed, first + k));
    out[k] = resampledRatio(numerator, denominator, hits, spill, rng);
  }
  return out;
}

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
interface OrderedPairs extends PairTally {
  readonly rest: Float64Array;
  /** Index of the first tail pair (count < TAIL_COUNT); the number of pairs when none. */
  readonly tailStart: number;
  /** One entry per row of the tail pairs: the pair's index (so a uniform entry is a row drawn in proportion to count). */
  readonly tailRows: Int32Array;
}

/** The tally reordered by decreasing count (ties by the (num, den) order), with suffix sums of counts. */
function largestFirst(tally: PairTally): OrderedPairs {
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
 * 32-bit draw), which given the binomials is the same multinomial over the tail pairs.
 */
function multinomialRatio(t: OrderedPairs, n: number, rng: XoshiroState): number {
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
  const rows = t.tailRows;
  const x = t.x;
  const y = t.y;
  const size = rows.length;
  const reject = (4294967296 - size) % size;
  // rng.nextUint32() inlined on local state words, as in resampledRatio (the same stream): the tail
  // of the demo's ad_click_rate takes ~1,700 draws per replicate, ~11 ns each through the method.
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  for (; remaining > 0; remaining--) {
    let j: number;
    for (;;) {
      const s = Math.imul(b, 5);
      const u = Math.imul((s << 7) | (s >>> 25), 9) >>> 0;
      const shifted = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= shifted;
      d = (d << 11) | (d >>> 21);
      const m = u * size;
      j = Math.floor(m / 4294967296);
      if (m - j * 4294967296 >= reject) break;
    }
    const pair = rows[j];
    sn += x[pair];
    sd += y[pair];
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return sn / sd;
}

/**
 * One replicate by n uniform indices: the draws only increment `hits` (one byte a row, so the random
 * writes stay in cache far better than gathering 16 bytes of (num, den) per draw: 13 ns per draw
 * against 20 ns with 4-byte counts and 30-36 ns gathering, 1M rows here; counts past 255 move to
 * `spill`), then one
 * sequential pass sums hits_i num_i and hits_i den_i and clears `hits` for the next replicate.
 */
function resampledRatio(numerator: Float64Array, denominator: Float64Array, hits: Uint8Array, spill: Map<number, number>, rng: XoshiroState): number {
  const n = numerator.length;
  // Lemire (2019): j = floor(u n / 2^32) is exactly uniform once u n mod 2^32 < (2^32 - n) mod n is
  // rejected (u n < 2^53, so the product is exact in a double).
  const reject = (4294967296 - n) % n;
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  for (let i = 0; i < n; i++) {
    let j: number;
    for (;;) {
      const x = Math.imul(b, 5);
      const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      const m = u * n;
      j = Math.floor(m / 4294967296);
      if (m - j * 4294967296 >= reject) break;
    }
    const h = hits[j];
    if (h === 255) {
      // A row drawn more than 255 times (only possible for tiny n or astronomically rarely):
      // move 256 hits to the spill so the byte never wraps.
      spill.set(j, (spill.get(j) ?? 0) + 256);
      hits[j] = 0;
    } else {
      hits[j] = h + 1;
    }
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  let sn = 0;
  let sd = 0;
  for (let i = 0; i < n; i++) {
    const h = hits[i];
    if (h !== 0) {
      sn += h * numerator[i];
      sd += h * denominator[i];
      hits[i] = 0;
    }
  }
  for (const [j, extra] of spill) {
    sn += extra * numerator[j];
    sd += extra * denominator[j];
  }
  spill.clear();
  return sn / sd;
}
