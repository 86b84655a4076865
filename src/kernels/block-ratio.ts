/**
 * population_ratio's blocks scheme (chosen in src/kernels/ratio-bootstrap.ts), for rows of many
 * distinct (num, den) pairs: the few heavy pairs' draws and the other draws' numbers per block of
 * BLOCK_ROWS consecutive other rows as one multinomial (`blockRatio`: Poisson counts conditioned on
 * their total), and each block's draws as uniform rows of the block; the same resampling
 * distribution as n uniform row indices, with the block's rows in the L1 cache while they are
 * gathered. In C where the contrail_sorts addon is built (block-ratio.c, the same bits).
 */
import { nativeSort } from './native-sort.js';
import { drawMultinomial, multinomialPlan, type MultinomialPlan } from './poisson-multinomial.js';
import { mixSeed, streamSeeds } from './rng.js';
import { tallyPairs, type PairTally } from './tally-pairs.js';
import { fieldIndices, uniformIndices } from './uniform-indices.js';
import { XoshiroState } from './xoshiro-state.js';

/**
 * Rows per block of the blocks scheme: 2^10, so that a full block's row is a 10-bit field and one
 * 32-bit draw gives three; at 1M rows, ~980 Poisson counts per replicate against 1M gathers.
 */
const BLOCK_ROWS = 1024;

/**
 * Rows of a block drawn at a time into a scratch array: a multiple of 3, so that a chunk of a full
 * block starts at a draw's first field, and of 2, so that it starts at an even draw.
 */
const SCRATCH = 4092;

/** The replicates first .. first + out.length of the stream seed over the rows (x, y), by blocks. */
export function blockRatios(x: Float64Array, y: Float64Array, seed: number, first: number, out: Float64Array): void {
  const n = x.length;
  const rows = splitHeavy(x, y);
  const native = nativeSort();
  if (native !== null) {
    // The same replicates in C (src/kernels/native/block-ratio.c), several at a time per block.
    const seeds = streamSeeds(seed, first, new Uint32Array(out.length));
    native.blockRatios(rows.x, rows.y, rows.heavyX, rows.heavyY, rows.heavyCounts, n, BLOCK_ROWS, seeds, out, true);
    return;
  }
  const plan = blocksPlan(rows, n);
  const rng = new XoshiroState(0);
  const drawn = new Float64Array(plan.tableOf.length);
  const scratch = new Int32Array(SCRATCH);
  for (let k = 0; k < out.length; k++) {
    rng.reseed(mixSeed(seed, first + k)); // = streamRng(seed, first + k)
    out[k] = blockRatio(rows, plan, drawn, rng, scratch);
  }
}

/**
 * The multinomial of the blocks scheme's categories, in row order: the blocks of light rows (a
 * last, partial one), then the heavy pairs (block-ratio.c builds the same).
 */
function blocksPlan(rows: BlockRows, n: number): MultinomialPlan {
  const light = rows.x.length;
  const sizes = Array.from({ length: Math.ceil(light / BLOCK_ROWS) }, (_, k) => Math.min(BLOCK_ROWS, light - k * BLOCK_ROWS));
  return multinomialPlan([...sizes, ...rows.heavyCounts], n);
}

/**
 * A pair of at least this many rows is drawn as one count in the blocks scheme instead of row by row
 * (~0.6 ns a row in C): e.g. the (0, 0) pair of clients without activity, a fifth of the rows of
 * active_hours / days_of_use in the fixture.
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
 * of the rows into pairs drawn as one count and rows drawn one by one gives the same resampling
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
 * One replicate by blocks of rows (the `blocks` scheme): first the draws' numbers per block of
 * BLOCK_ROWS consecutive light rows and per heavy pair, one Multinomial(n, rows / n)
 * (`drawMultinomial`; the twenty-first session's sequential conditional binomials gave the same
 * distribution at ~66 ns a block); then block by block, its count of uniform rows of that block,
 * gathered into the sums. Given the counts, the draws in a block are uniform over its rows, so the
 * resample has the distribution of n uniform rows. A full block's rows are 10-bit fields of one
 * 32-bit draw, three per draw (bits 31-22, 21-12, 11-2: exactly uniform, xoshiro128** has no weak
 * bits); the last, partial block draws by Lemire's exact bounded integer (`uniformIndices`). The
 * heavy pairs' sums come first, in their order; then draw j of a block (from 0) adds into sums j &
 * 1, the block's two sums added at its end. `drawn` is scratch of one entry per category,
 * `scratch` for rows. native blockRatios (block-ratio.c) does every step in this order, several
 * replicates at a time, keeping a block in cache across them.
 */
function blockRatio(rows: BlockRows, plan: MultinomialPlan, drawn: Float64Array, rng: XoshiroState, scratch: Int32Array): number {
  const { x: numerator, y: denominator, heavyCounts } = rows;
  const light = numerator.length;
  const blocks = Math.ceil(light / BLOCK_ROWS);
  drawMultinomial(plan, rng, drawn, scratch);
  let sn = 0;
  let sd = 0;
  for (let k = 0; k < heavyCounts.length; k++) {
    sn += drawn[blocks + k] * rows.heavyX[k];
    sd += drawn[blocks + k] * rows.heavyY[k];
  }
  for (let k = 0; k < blocks; k++) {
    const count = drawn[k];
    const base = k * BLOCK_ROWS;
    const size = Math.min(BLOCK_ROWS, light - base);
    let n0 = 0;
    let n1 = 0;
    let d0 = 0;
    let d1 = 0;
    for (let j = 0; j < count; j += scratch.length) {
      const m = Math.min(count - j, scratch.length);
      if (size === BLOCK_ROWS) fieldIndices(rng, scratch, m);
      else uniformIndices(rng, size, scratch, m);
      // j is even (SCRATCH is), so draw j + i adds into sums i & 1
      let i = 0;
      for (; i + 1 < m; i += 2) {
        const even = base + scratch[i];
        const odd = base + scratch[i + 1];
        n0 += numerator[even];
        d0 += denominator[even];
        n1 += numerator[odd];
        d1 += denominator[odd];
      }
      if (i < m) {
        n0 += numerator[base + scratch[i]];
        d0 += denominator[base + scratch[i]];
      }
    }
    sn += n0 + n1;
    sd += d0 + d1;
  }
  return sn / sd;
}
