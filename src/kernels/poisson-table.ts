/**
 * Poisson(λ) draws by inversion of a table: the distribution function over the support that holds
 * all but < 1e-20 of the mass (relative to the mode's), found from a 53-bit uniform through a guide
 * table (Chen and Asau, 1974), ~1-2 comparisons a draw. For many draws of one λ: the multinomials of
 * population_ratio's schemes draw their categories' counts from them (poisson-multinomial.ts), where
 * a conditional binomial took ~66 ns. poisson-table.c builds the same table (every step an IEEE
 * multiplication, division or addition in this order) and draws from it the same way.
 *
 * The weights are the pmf's ratios from the mode, w(k + 1) = w(k) λ / (k + 1), normalized by their
 * sum, so no log-gamma enters; their relative error after k steps is ~k ulps.
 */
import type { XoshiroState } from './xoshiro-state.js';

/** A Poisson(λ) table: draw lo + j with probability cdf[j] - cdf[j - 1]; guide[g] the first j a uniform in [g/G, (g+1)/G) can take. */
export interface PoissonTable {
  readonly lo: number;
  readonly cdf: Float64Array;
  readonly guide: Int32Array;
}

/** Weights below this (the mode's is 1) end the support. */
const NEGLIGIBLE = 1e-20;

/** The table of Poisson(lambda), lambda >= 0 and finite. */
export function poissonTable(lambda: number): PoissonTable {
  if (!(lambda >= 0 && lambda < 2 ** 31)) throw new RangeError(`poissonTable: lambda must be in [0, 2^31), got ${lambda}`);
  const mode = Math.floor(lambda);
  let lo = mode;
  let hi = mode;
  for (let w = 1; lo > 0; lo--) {
    w = (w * lo) / lambda;
    if (w < NEGLIGIBLE) break;
  }
  for (let w = 1; ; hi++) {
    w = (w * lambda) / (hi + 1);
    if (w < NEGLIGIBLE) break;
  }
  // the weights lo .. hi from the mode outwards, then their running sums from lo
  const size = hi - lo + 1;
  const cdf = new Float64Array(size);
  cdf[mode - lo] = 1;
  for (let k = mode; k > lo; k--) cdf[k - 1 - lo] = (cdf[k - lo] * k) / lambda;
  for (let k = mode; k < hi; k++) cdf[k + 1 - lo] = (cdf[k - lo] * lambda) / (k + 1);
  for (let j = 1; j < size; j++) cdf[j] += cdf[j - 1];
  const total = cdf[size - 1];
  for (let j = 0; j < size; j++) cdf[j] /= total;
  cdf[size - 1] = 1;
  // guide[g]: the first j with floor(cdf[j] G) >= g, so that any u with floor(u G) = g (rounded as
  // drawn) has its answer at or after it; one spare entry for u G rounding up to G
  const guide = new Int32Array(size + 1);
  for (let g = 0, j = 0; g <= size; g++) {
    while (j < size - 1 && Math.floor(cdf[j] * size) < g) j++;
    guide[g] = j;
  }
  return { lo, cdf, guide };
}

/** One Poisson draw from the table, taking one 53-bit uniform (two 32-bit draws) of rng's stream. */
export function drawPoisson(table: PoissonTable, rng: XoshiroState): number {
  return poissonInverse(table, rng.nextFloat());
}

/** The table's value at u in [0, 1): the least lo + j with u < cdf[j], searched from guide[floor(u size)]. */
export function poissonInverse(table: PoissonTable, u: number): number {
  const { cdf, guide } = table;
  let j = guide[Math.floor(u * cdf.length)];
  while (u >= cdf[j]) j++;
  return table.lo + j;
}
