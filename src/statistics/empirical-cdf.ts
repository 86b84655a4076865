/**
 * `empirical_cdf`: per branch, the right-continuous empirical distribution function
 * F(x) = #{v <= x} / n on the same grid as `kernel_density_estimate` (plus the point 0 when the grid
 * is geometric and the minimum is 0).
 *
 * Beyond Jetstream: `lower`/`upper` carry the Dvoretzky-Kiefer-Wolfowitz 95 % simultaneous band
 * F(x) ± ε, ε = sqrt(ln(2/α) / (2n)), α = 0.05, clipped to [0, 1] (Massart 1990), with
 * ci_width 0.95; Jetstream leaves them null.
 *
 * Parity: jetstream EmpiricalCDF -> statsmodels ECDF (spec 2.11).
 */
import { assertKnownKeys, readBoolean, readPositiveInteger } from '../config/params.js';
import { makeGridSorted } from '../kernels/make-grid.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic } from './define.js';
import { sortedFiniteCopy } from './kernel-density-estimate.js';

/** Validated empirical_cdf parameters. */
export interface EcdfParams {
  readonly logSpace: boolean;
  readonly gridSize: number;
}

/** One branch's grid and F values, computed in the worker. */
export interface EcdfSummary {
  readonly n: number;
  readonly points: Float64Array;
  readonly cdf: Float64Array;
  readonly zeroCdf?: number;
  readonly message?: string;
}

const ALPHA = 0.05;

/** Half-width of the DKW band for n values at level 1 - alpha. */
export function dkwEpsilon(n: number, alpha = ALPHA): number {
  return Math.sqrt(Math.log(2 / alpha) / (2 * n));
}

/** F(x) = #{v <= x} / n for each x, by binary search in the ascending `sorted`. */
export function ecdfSorted(sorted: Float64Array, points: ArrayLike<number>): Float64Array {
  const out = new Float64Array(points.length);
  for (let p = 0; p < points.length; p++) {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid] <= points[p]) lo = mid + 1;
      else hi = mid;
    }
    out[p] = lo / sorted.length;
  }
  return out;
}

export default defineStatistic<EcdfParams, EcdfSummary>({
  kind: 'per-branch',
  name: 'empirical_cdf',
  label: 'empirical_cdf',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['log_space', 'grid_size']);
    return {
      logSpace: readBoolean(owner, raw, 'log_space', false),
      gridSize: readPositiveInteger(owner, raw, 'grid_size', 256),
    };
  },
  summarize: ({ values, branch, context }, p) => {
    if (values.length === 0) return { n: 0, points: new Float64Array(0), cdf: new Float64Array(0) };
    const sorted = sortedFiniteCopy(values, 'empirical_cdf', context.metric, branch);
    const grid = makeGridSorted(sorted, p.gridSize, p.logSpace);
    const withZero = grid.geometric && sorted[0] === 0;
    return {
      n: sorted.length,
      points: grid.points,
      cdf: ecdfSorted(sorted, grid.points),
      ...(withZero ? { zeroCdf: ecdfSorted(sorted, [0])[0] } : {}),
      ...(grid.message !== undefined ? { message: grid.message } : {}),
    };
  },
  compare: ({ branches, summaries, context, report }) => {
    const rows: RowDraft[] = [];
    branches.forEach((branch, b) => {
      const s = summaries[b];
      if (s.message !== undefined) report.warn(`EmpiricalCDF for metric ${context.metric}, branch ${branch}: ${s.message}`);
      const eps = dkwEpsilon(s.n);
      const row = (parameter: number, f: number): RowDraft => ({
        branch,
        parameter,
        ciWidth: 1 - ALPHA,
        point: f,
        lower: Math.max(0, f - eps),
        upper: Math.min(1, f + eps),
      });
      if (s.zeroCdf !== undefined) rows.push(row(0, s.zeroCdf));
      for (let i = 0; i < s.points.length; i++) rows.push(row(s.points[i], s.cdf[i]));
    });
    return rows;
  },
});
