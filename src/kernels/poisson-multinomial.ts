/**
 * Multinomial(n, rows / n) over categories of rows (positive integers summing to n), as independent
 * Poisson(t x rows) counts (`poissonScale`, a table per distinct number of rows) drawn again while
 * their total T exceeds n, then the n - T draws left each a uniform row of all n, counted in its
 * category (found through a guide of slots). Given T, the Poisson counts are Multinomial(T, rows /
 * n), and the rows left add Multinomial(n - T, rows / n): together Multinomial(n, rows / n),
 * exactly. ~6-10 ns a category and ~4 ns a row left (~sqrt(n)) in C, where sequential conditional
 * binomials took ~66 ns a category. population_ratio's schemes draw their multiplicities so
 * (counts-ratio.ts: distinct pairs; block-ratio.ts: blocks of rows and heavy pairs); C:
 * poisson-multinomial.c, the same bits.
 */
import { drawPoisson, poissonTable, type PoissonTable } from './poisson-table.js';
import { uniformIndices } from './uniform-indices.js';
import type { XoshiroState } from './xoshiro-state.js';

/** The categories of one multinomial, with what its draws need. */
export interface MultinomialPlan {
  /** Category k's rows are [start[k], start[k + 1]) of all n (start[count] = n). */
  readonly start: Float64Array;
  readonly tables: PoissonTable[];
  /** Category k's table (categories of one number of rows in a row share one). */
  readonly tableOf: Int32Array;
  /** guide[b]: the first category with a row r of floor(r G / n) >= b (b <= G, G = guide.length - 1). */
  readonly guide: Int32Array;
}

/**
 * The Poisson scale: t = (n - sqrt(n)) / n, so that T ~ Poisson(n - sqrt(n)) exceeds n (the counts
 * drawn again) with probability ~16 % and ~sqrt(n) rows are left over (2 sqrt(n): 2.3 % and twice
 * the rows, 0.596-0.604 against 0.587-0.597 ns a draw in the blocks scheme).
 */
export function poissonScale(n: number): number {
  return Math.max(0, n - Math.sqrt(n)) / n;
}

/** Guide slots per category: small categories share a slot of n / count rows with big ones by dozens. */
const GUIDE_SLOTS = 16;

/** The plan of Multinomial(n, rows / n): rows[k] >= 1 integers summing to n < 2^31. */
export function multinomialPlan(rows: ArrayLike<number>, n: number): MultinomialPlan {
  const count = rows.length;
  const start = new Float64Array(count + 1);
  for (let k = 0; k < count; k++) start[k + 1] = start[k] + rows[k];
  if (start[count] !== n) throw new RangeError(`multinomialPlan: the rows must sum to n = ${n}, got ${start[count]}`);
  const scale = poissonScale(n);
  const tables: PoissonTable[] = [];
  const tableOf = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    if (k === 0 || rows[k] !== rows[k - 1]) tables.push(poissonTable(scale * rows[k]));
    tableOf[k] = tables.length - 1;
  }
  const slots = Math.min(GUIDE_SLOTS * count, n);
  const guide = new Int32Array(slots + 1);
  for (let b = 0, k = 0; b <= slots; b++) {
    while (k < count - 1 && Math.floor(((start[k + 1] - 1) * slots) / n) < b) k++;
    guide[b] = k;
  }
  return { start, tables, tableOf, guide };
}

/** drawn[0 .. categories) = one Multinomial(n, rows / n) draw from rng's stream; `scratch` holds some rows left at a time. */
export function drawMultinomial(plan: MultinomialPlan, rng: XoshiroState, drawn: Float64Array, scratch: Int32Array): void {
  const { start, tables, tableOf } = plan;
  const count = tableOf.length;
  const n = start[count];
  let total = n + 1;
  while (total > n) {
    total = 0;
    for (let k = 0; k < count; k++) {
      drawn[k] = drawPoisson(tables[tableOf[k]], rng);
      total += drawn[k];
    }
  }
  for (let left = n - total; left > 0; left -= scratch.length) {
    const m = Math.min(left, scratch.length);
    uniformIndices(rng, n, scratch, m);
    for (let i = 0; i < m; i++) drawn[categoryOf(plan, scratch[i])]++;
  }
}

/** The category of row `row` (0 <= row < n), searched from its guide slot. */
export function categoryOf(plan: MultinomialPlan, row: number): number {
  const { start, guide } = plan;
  const n = start[start.length - 1];
  let k = guide[Math.floor((row * (guide.length - 1)) / n)];
  while (row >= start[k + 1]) k++;
  return k;
}
