/**
 * population_ratio's counts scheme (chosen in src/kernels/ratio-bootstrap.ts): the multiplicities of
 * the K distinct (num, den) pairs in a resample of n rows are Multinomial(n, c_k / n), drawn as
 * independent Poisson counts conditioned on their total (poisson-multinomial.ts), one per
 * pair down to the pairs of count below TAIL_COUNT and one for those together (the tail), whose
 * draws are then uniform rows of the tail; O(K + tail rows) per replicate instead of O(n). In C
 * where the contrail_sorts addon is built (multinomial-ratio.c, the same bits).
 */
import { nativeSort } from './native-sort.js';
import { drawMultinomial, multinomialPlan, type MultinomialPlan } from './poisson-multinomial.js';
import { mixSeed, streamSeeds } from './rng.js';
import type { PairTally } from './tally-pairs.js';
import { uniformIndices } from './uniform-indices.js';
import { XoshiroState } from './xoshiro-state.js';

/**
 * Pairs whose count is below this form the tail: one Poisson count for them together, its draws
 * then uniform tail rows (~3-4 ns each in C) instead of a count per pair (a table draw, ~6-10 ns, and
 * a slot in every replicate's loop). With conditional binomials per pair (~66 ns) 32 was best; with
 * the Poisson counts, on ad_clicks / search_count-like pairs (323k rows, 1,460 pairs; C, 5,000
 * replicates a call incl. its ~16 ms of tallies), 2: 31.1-31.9 us a replicate, 4: 29.7-30.0, 8:
 * 28.4-28.9, 16: 30.0-30.2, 32: 41.3-41.8 (bench/RESULTS.md, twenty-second session).
 */
const TAIL_COUNT = 8;

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
  // A tail of one pair is that pair's category.
  if (tailStart === counts.length - 1) tailStart = counts.length;
  const tailRows = new Int32Array(rest[tailStart]);
  for (let k = tailStart, at = 0; k < counts.length; k++) tailRows.fill(k, at, (at += counts[k]));
  return { x: Float64Array.from(order, (k) => tally.x[k]), y: Float64Array.from(order, (k) => tally.y[k]), counts, rest, tailStart, tailRows };
}

/**
 * The multinomial of the counts scheme's categories: the pairs above the tail, then the tail as
 * one when it has rows (multinomial-ratio.c builds the same).
 */
function categoriesPlan(t: OrderedPairs, n: number): MultinomialPlan {
  const rows = Array.from(t.counts.subarray(0, t.tailStart));
  if (t.tailStart < t.counts.length) rows.push(t.rest[t.tailStart]);
  return multinomialPlan(rows, n);
}

/**
 * One replicate: the categories' numbers of draws, one multinomial (`drawMultinomial`); the pairs'
 * sums in order, then the tail's draws, each a uniform row of the tail (Lemire's exact bounded
 * integer from one 32-bit draw, `uniformIndices`), which given its count is the same multinomial
 * over the tail pairs. `drawn` is scratch of one entry per category, `scratch` holds some rows at a time.
 */
function multinomialRatio(t: OrderedPairs, plan: MultinomialPlan, drawn: Float64Array, rng: XoshiroState, scratch: Int32Array): number {
  drawMultinomial(plan, rng, drawn, scratch);
  let sn = 0;
  let sd = 0;
  for (let k = 0; k < t.tailStart; k++) {
    sn += drawn[k] * t.x[k];
    sd += drawn[k] * t.y[k];
  }
  // the tail's draws as uniform tail rows, a scratch's worth at a time (the demo's ad_click_rate:
  // ~1,700 per replicate)
  const rows = t.tailRows;
  for (let left = t.tailStart < t.counts.length ? drawn[t.tailStart] : 0; left > 0; left -= scratch.length) {
    const m = Math.min(left, scratch.length);
    uniformIndices(rng, rows.length, scratch, m);
    for (let i = 0; i < m; i++) {
      const pair = rows[scratch[i]];
      sn += t.x[pair];
      sd += t.y[pair];
    }
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
  const plan = categoriesPlan(pairs, n);
  const drawn = new Float64Array(plan.tableOf.length);
  const rng = new XoshiroState(0);
  const scratch = new Int32Array(SCRATCH);
  for (let k = 0; k < out.length; k++) {
    rng.reseed(mixSeed(seed, first + k)); // = streamRng(seed, first + k)
    out[k] = multinomialRatio(pairs, plan, drawn, rng, scratch);
  }
}

/**
 * Whether the counts scheme suits these pairs: a replicate costs it ~24 ns a category (pairs above
 * the tail: a table draw and its sums) and ~4 ns a tail row, the blocks scheme ~0.55 ns a row, so
 * counts while 44 categories + 8 tail rows <= n. At 1M rows (C, this session's family-23 EPYC, ms a
 * replicate, counts against blocks): 20,000 pairs of ~50 rows 0.34 / 0.66, 50,000 of ~20 1.21 / 0.54,
 * 100,000 of ~10 2.01 / 0.54, 200,000 of ~5 10.96 / 0.53. Count metrics' pairs are few (the demo's
 * ad_click_rate shape: ~25 us a replicate of 323k rows by counts, ~104 by blocks).
 */
export function countsSuit(t: OrderedPairs, n: number): boolean {
  return 44 * t.tailStart + 8 * t.tailRows.length <= n;
}
