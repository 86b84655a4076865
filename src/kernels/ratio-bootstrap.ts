/**
 * Classical (frequentist) bootstrap of a population ratio Σ num / Σ den: replicate r resamples the
 * n (num, den) rows with replacement, drawing from `streamRng(seed, r)` (so replicate r never depends
 * on which worker computes it), and returns the ratio of the resampled sums (equal to the ratio of
 * means).
 *
 * Two exact schemes for the same resampling distribution, chosen from the data alone:
 * - counts (when the rows hold at most n / 8 distinct (num, den) pairs, e.g. count metrics, and
 *   at most n / 8 rows are in the tail, `countsSuit`): the multiplicities of the K distinct pairs
 *   in a resample are Multinomial(n, c_k / n), drawn as sequential conditional binomials
 *   N_k ~ Binomial(n - Σ_{j<k} N_j, c_k / Σ_{j>=k} c_j), largest pairs first, down to the pairs of
 *   count below TAIL_COUNT, whose rows then take the trials left one uniform row at a time;
 *   O(K + tail rows) per replicate instead of O(n);
 * - blocks (otherwise): the few heavy pairs' draws by binomials as above (`splitHeavy`), then the
 *   other draws' numbers per block of 1,024 consecutive other rows by sequential conditional
 *   binomials, and each block's draws as uniform rows of the block, three 10-bit row indices per
 *   32-bit draw (`blockRatio`); the same resampling distribution as n uniform row indices, with
 *   the block's rows in the L1 cache while they are gathered.
 * Both schemes run in C where the contrail_sorts addon is built (multinomial-ratio.c, block-ratio.c,
 * the same bits), else here.
 *
 * Parity: mozanalysis `frequentist_stats.bootstrap.get_bootstrap_samples` with Jetstream
 * PopulationRatio's `stat_fn` (mean(num) / mean(den)), one RandomState per replicate there too.
 */
import { sampleBinomial } from './binomial-sample.js';
import { nativeSort } from './native-sort.js';
import { mixSeed, streamSeeds } from './rng.js';
import { tallyPairs, type PairTally } from './tally-pairs.js';
import { uniformIndices } from './uniform-indices.js';
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
  /** Force a scheme (tests, benchmarks); default `auto`: counts when distinct pairs and the counts scheme's tail rows are <= n / 8 (`countsSuit`). */
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
  const byCount = tally === null ? null : largestFirst(tally);
  const rng = new XoshiroState(0);
  if (byCount !== null && (scheme === 'counts' || countsSuit(byCount, n))) {
    const native = nativeSort();
    if (native !== null) {
      // The same replicates in C (src/kernels/native/multinomial-ratio.c), ~2x faster.
      const seeds = streamSeeds(seed, first, new Uint32Array(count));
      native.multinomialRatios(byCount.x, byCount.y, byCount.counts, byCount.rest, byCount.tailStart, byCount.tailRows, n, seeds, out);
      return out;
    }
    const scratch = new Int32Array(SCRATCH);
    for (let k = 0; k < count; k++) {
      rng.reseed(mixSeed(seed, first + k)); // = streamRng(seed, first + k)
      out[k] = multinomialRatio(byCount, n, rng, scratch);
    }
    return out;
  }
  const rows = splitHeavy(numerator, denominator);
  const native = nativeSort();
  if (native !== null) {
    // The same replicates in C (src/kernels/native/block-ratio.c), several at a time per block.
    const seeds = streamSeeds(seed, first, new Uint32Array(count));
    native.blockRatios(rows.x, rows.y, rows.heavyX, rows.heavyY, rows.heavyCounts, n, BLOCK_ROWS, seeds, out);
    return out;
  }
  const counts = new Int32Array(Math.ceil(rows.x.length / BLOCK_ROWS));
  const scratch = new Int32Array(SCRATCH);
  for (let k = 0; k < count; k++) {
    rng.reseed(mixSeed(seed, first + k));
    out[k] = blockRatio(rows, n, counts, rng, scratch);
  }
  return out;
}

/**
 * Whether the counts scheme suits these pairs: its tail rows are drawn one at a time from a gather
 * (7 ns a draw while the tail is in cache, ~21 ns beyond), the blocks scheme's rows at ~1 ns, so past
 * n / 8 tail rows the blocks win (1M rows of 100,000 pairs of ~10 rows, all in the tail: 21 ms a
 * replicate by counts against 1.6 ms by blocks). Count metrics' tails are small (the demo's
 * ad_click_rate: ~1,700 tail rows of 323k; 31.8 us a replicate by counts against 49.3 by blocks at
 * 100k rows of that shape).
 */
function countsSuit(t: OrderedPairs, n: number): boolean {
  return t.tailRows.length <= n / 8;
}

/**
 * A pair of at least this many rows is drawn by one binomial in the blocks scheme (~80 ns) instead
 * of row by row (~1 ns a row in C): e.g. the (0, 0) pair of clients without activity, a fifth of the
 * rows of active_hours / days_of_use in the fixture.
 */
const HEAVY_COUNT = 256;
/** One row in SAMPLE_STRIDE is sampled for heavy pairs; a candidate is seen HEAVY_COUNT / SAMPLE_STRIDE times. */
const SAMPLE_STRIDE = 64;
/** At most this many heavy pairs (the counting pass compares each row with every candidate). */
const MAX_HEAVY = 8;

/**
 * Whether row i is sampled: the top six bits of i x 2^32 / φ are 0 (a Weyl sequence: 1 row in 64,
 * evenly spread, and never in step with a period of the rows as every 64th row would be).
 */
function sampledRow(i: number): boolean {
  return Math.imul(i, 0x9e3779b1) >>> 26 === 0;
}

/** The blocks scheme's rows: its heavy pairs by decreasing count, and every other row in its order. */
interface BlockRows {
  readonly heavyX: Float64Array;
  readonly heavyY: Float64Array;
  readonly heavyCounts: Float64Array;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * The heavy pairs of the rows: candidates are the pairs seen at least HEAVY_COUNT / SAMPLE_STRIDE
 * times among the sampled rows (`sampledRow`; at most MAX_HEAVY, the most often seen first, ties in
 * (x, y) order), counted exactly over all rows; those of at least HEAVY_COUNT rows are heavy. Any split
 * of the rows into pairs drawn by binomials and rows drawn one by one gives the same resampling
 * distribution; this one depends on the rows and their order only.
 */
function splitHeavy(x: Float64Array, y: Float64Array): BlockRows {
  const n = x.length;
  const none = { heavyX: new Float64Array(0), heavyY: new Float64Array(0), heavyCounts: new Float64Array(0), x, y };
  if (n < HEAVY_COUNT) return none;
  let sampled = 0;
  for (let i = 0; i < n; i++) if (sampledRow(i)) sampled++;
  const sx = new Float64Array(sampled);
  const sy = new Float64Array(sampled);
  for (let i = 0, k = 0; i < n; i++) {
    if (sampledRow(i)) {
      sx[k] = x[i];
      sy[k] = y[i];
      k++;
    }
  }
  // NaN-free columns (population_ratio checks them), so never null at this limit; unsorted: only a
  // few pairs are kept (sorting the ~15,600 distinct sampled pairs of 1M float rows took ~20 ms)
  const sample = tallyPairs(sx, sy, sampled, 'first-seen') as PairTally;
  const candidates: number[] = [];
  for (let k = 0; k < sample.counts.length; k++) if (sample.counts[k] >= HEAVY_COUNT / SAMPLE_STRIDE) candidates.push(k);
  candidates.sort((p, q) => sample.counts[q] - sample.counts[p] || sample.x[p] - sample.x[q] || sample.y[p] - sample.y[q]);
  candidates.length = Math.min(candidates.length, MAX_HEAVY);
  if (candidates.length === 0) return none;
  const cx = Float64Array.from(candidates, (k) => sample.x[k]);
  const cy = Float64Array.from(candidates, (k) => sample.y[k]);
  const which = new Int8Array(n).fill(-1);
  const exact = new Float64Array(candidates.length);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < cx.length; c++) {
      if (x[i] === cx[c] && y[i] === cy[c]) {
        which[i] = c;
        exact[c]++;
        break;
      }
    }
  }
  const heavy = Array.from(exact, (_, c) => c)
    .filter((c) => exact[c] >= HEAVY_COUNT)
    .sort((p, q) => exact[q] - exact[p] || p - q);
  if (heavy.length === 0) return none;
  const isHeavy = new Uint8Array(cx.length);
  let light = n;
  for (const c of heavy) {
    isHeavy[c] = 1;
    light -= exact[c];
  }
  const lx = new Float64Array(light);
  const ly = new Float64Array(light);
  for (let i = 0, k = 0; i < n; i++) {
    if (which[i] < 0 || isHeavy[which[i]] === 0) {
      lx[k] = x[i];
      ly[k] = y[i];
      k++;
    }
  }
  return {
    heavyX: Float64Array.from(heavy, (c) => cx[c]),
    heavyY: Float64Array.from(heavy, (c) => cy[c]),
    heavyCounts: Float64Array.from(heavy, (c) => exact[c]),
    x: lx,
    y: ly,
  };
}

/**
 * Rows per block of the blocks scheme: 2^10, so that a full block's row is a 10-bit field and one
 * 32-bit draw gives three; at 1M rows, ~980 binomials per replicate against 1M gathers.
 */
const BLOCK_ROWS = 1024;

/** Uniform rows drawn at a time into a scratch array by the TypeScript schemes (`uniformIndices`). */
const SCRATCH = 4096;

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

/**
 * One replicate by blocks of rows (the `blocks` scheme) of n rows: first each heavy pair's number of
 * draws, N_k ~ Binomial(n - Σ_{j<k} N_j, c_k / (Σ_{j>=k} c_j + light rows)) (as in the counts
 * scheme); then the M draws left among the light rows, by their numbers per block of BLOCK_ROWS
 * consecutive rows, Multinomial(M, size_b / light rows), as sequential conditional binomials
 * C_b ~ Binomial(M - Σ_{j<b} C_j, size_b / Σ_{j>=b} size_j) (the last block takes what is left);
 * then block by block, C_b uniform rows of that block, gathered into the sums. Given the counts, the
 * draws in a block are uniform over its rows, so the resample has the distribution of n uniform
 * rows. A full block's rows are 10-bit fields of one 32-bit draw, three per draw (bits 31-22, 21-12,
 * 11-2: exactly uniform, xoshiro128** has no weak bits); the last, partial block draws by Lemire's
 * exact bounded integer (`uniformIndices`). Draw j of a block (from 0) adds into sums j & 1, the
 * block's two sums added at its end. `counts` is scratch of one entry per block, `scratch` for
 * rows. native blockRatios (block-ratio.c) does every step in this order, several replicates at a
 * time, keeping a block in cache across them.
 */
function blockRatio(rows: BlockRows, n: number, counts: Int32Array, rng: XoshiroState, scratch: Int32Array): number {
  const { x: numerator, y: denominator, heavyCounts } = rows;
  const light = numerator.length;
  const blocks = counts.length;
  let remaining = n;
  let rest = n;
  let sn = 0;
  let sd = 0;
  for (let k = 0; k < heavyCounts.length; k++) {
    // the last pair takes what is left when no row is light (its conditional probability is 1)
    const last = k === heavyCounts.length - 1 && light === 0;
    const drawn = last ? remaining : remaining === 0 ? 0 : sampleBinomial(remaining, heavyCounts[k] / rest, rng);
    sn += drawn * rows.heavyX[k];
    sd += drawn * rows.heavyY[k];
    remaining -= drawn;
    rest -= heavyCounts[k];
  }
  let rowsLeft = light;
  for (let k = 0; k < blocks; k++) {
    const size = Math.min(BLOCK_ROWS, light - k * BLOCK_ROWS);
    const drawn = k === blocks - 1 ? remaining : remaining === 0 ? 0 : sampleBinomial(remaining, size / rowsLeft, rng);
    counts[k] = drawn;
    remaining -= drawn;
    rowsLeft -= size;
  }
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  for (let k = 0; k < blocks; k++) {
    const drawn = counts[k];
    if (drawn === 0) continue;
    const base = k * BLOCK_ROWS;
    const size = Math.min(BLOCK_ROWS, light - base);
    let n0 = 0;
    let n1 = 0;
    let d0 = 0;
    let d1 = 0;
    if (size === BLOCK_ROWS) {
      for (let j = 0; j < drawn; j += 3) {
        // rng.nextUint32() inlined on local words (the same stream)
        const x = Math.imul(b, 5);
        const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
        const t = b << 9;
        c ^= a;
        d ^= b;
        b ^= c;
        a ^= d;
        c ^= t;
        d = (d << 11) | (d >>> 21);
        // draws j, j + 1, j + 2 (those below `drawn`) into sums 0, 1, 0 or 1, 0, 1 as j is even or odd
        const r0 = base + (u >>> 22);
        const r1 = base + ((u >>> 12) & 1023);
        const r2 = base + ((u >>> 2) & 1023);
        if ((j & 1) === 0) {
          n0 += numerator[r0];
          d0 += denominator[r0];
          if (j + 1 < drawn) {
            n1 += numerator[r1];
            d1 += denominator[r1];
          }
          if (j + 2 < drawn) {
            n0 += numerator[r2];
            d0 += denominator[r2];
          }
        } else {
          n1 += numerator[r0];
          d1 += denominator[r0];
          if (j + 1 < drawn) {
            n0 += numerator[r1];
            d0 += denominator[r1];
          }
          if (j + 2 < drawn) {
            n1 += numerator[r2];
            d1 += denominator[r2];
          }
        }
      }
    } else {
      // the last block, partial: Lemire's bounded integers, a scratch's worth at a time
      rng.a = a;
      rng.b = b;
      rng.c = c;
      rng.d = d;
      for (let j = 0; j < drawn; j += scratch.length) {
        const m = Math.min(drawn - j, scratch.length);
        uniformIndices(rng, size, scratch, m);
        for (let i = 0; i < m; i++) {
          const row = base + scratch[i];
          if (((j + i) & 1) === 0) {
            n0 += numerator[row];
            d0 += denominator[row];
          } else {
            n1 += numerator[row];
            d1 += denominator[row];
          }
        }
      }
      ({ a, b, c, d } = rng);
    }
    sn += n0 + n1;
    sd += d0 + d1;
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
  return sn / sd;
}
