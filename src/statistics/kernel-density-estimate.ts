/**
 * `kernel_density_estimate`: per branch, a kernel density estimate evaluated on a `grid_size` grid
 * from the branch's smallest to largest value (linear, or geometric with `log_space`), plus a row
 * at 0 when the grid is geometric and the minimum is 0. Rows carry `parameter` = grid point and
 * `point` = density, with no interval and no comparison.
 *
 * Bandwidth follows scikit-learn, in data units (not scaled by the standard deviation): `scott` =
 * n^(-1/5), `silverman` = (3n/4)^(-1/5), or a positive number used as is.
 *
 * Parity: jetstream KernelDensityEstimate -> sklearn.neighbors.KernelDensity (spec 2.10).
 */
import {
  assertKnownKeys,
  ConfigError,
  readBoolean,
  readChoice,
  readNumber,
  readPositiveInteger,
} from '../config/params.js';
import { KDE_KERNELS, kernelDensitySorted, type KdeKernel } from '../kernels/kernel-density.js';
import { makeGridSorted } from '../kernels/make-grid.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic, StatisticError } from './define.js';
import { sortFloat64 } from '../kernels/sort-float64.js';

/** Validated kernel_density_estimate parameters. */
export interface KdeParams {
  readonly bandwidth: 'scott' | 'silverman' | number;
  readonly kernel: KdeKernel;
  readonly gridSize: number;
  readonly logSpace: boolean;
}

/** One branch's grid and densities, computed in the worker. */
export interface KdeSummary {
  readonly points: Float64Array;
  readonly density: Float64Array;
  /** Density at 0, when the grid is geometric and the minimum is 0. */
  readonly zeroDensity?: number;
  /** A geometric grid refused, for a WARNING record. */
  readonly message?: string;
}

/** scikit-learn's bandwidth for n values: scott n^(-1/5), silverman (3n/4)^(-1/5), or the number. */
export function kdeBandwidth(rule: KdeParams['bandwidth'], n: number): number {
  if (rule === 'scott') return n ** -0.2;
  if (rule === 'silverman') return ((n * 3) / 4) ** -0.2;
  return rule;
}

/**
 * An ascending copy of a branch's values; NaN or ±inf is an error naming the fix, as scikit-learn
 * and mozanalysis reject them.
 */
export function sortedFiniteCopy(values: Float64Array, who: string, metric: string, branch: string): Float64Array {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      throw new StatisticError(
        `${who}: metric ${metric} has null values in branch "${branch}"; add a remove_nulls or zero_fill pretreatment`,
      );
    }
    if (!Number.isFinite(v)) {
      throw new StatisticError(
        `${who}: metric ${metric} has infinite values in branch "${branch}", got ${v}; add a remove_indefinites pretreatment or censor the values`,
      );
    }
  }
  return sortFloat64(Float64Array.from(values));
}

export default defineStatistic<KdeParams, KdeSummary>({
  kind: 'per-branch',
  name: 'kernel_density_estimate',
  label: 'kernel_density_estimate',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['bandwidth', 'adjust', 'kernel', 'grid_size', 'log_space']);
    const bw = raw.bandwidth ?? 'scott';
    let bandwidth: KdeParams['bandwidth'];
    if (bw === 'scott' || bw === 'silverman') bandwidth = bw;
    else if (typeof bw === 'number' && bw > 0 && Number.isFinite(bw)) bandwidth = bw;
    else throw new ConfigError(`${owner}: bandwidth must be "scott", "silverman" or a positive number, got ${JSON.stringify(bw)}`);
    const adjust = readNumber(owner, raw, 'adjust', 1);
    // np.isclose(adjust, 1.0): Jetstream's exact message otherwise.
    if (!(Math.abs(adjust - 1) <= 1e-8 + 1e-5)) throw new ConfigError('KDE Adjust parameter no longer supported');
    return {
      bandwidth,
      kernel: readChoice(owner, raw, 'kernel', KDE_KERNELS, 'gaussian'),
      gridSize: readPositiveInteger(owner, raw, 'grid_size', 256),
      logSpace: readBoolean(owner, raw, 'log_space', false),
    };
  },
  summarize: ({ values, branch, context }, p) => {
    if (values.length === 0) return { points: new Float64Array(0), density: new Float64Array(0) };
    const sorted = sortedFiniteCopy(values, 'kernel_density_estimate', context.metric, branch);
    const h = kdeBandwidth(p.bandwidth, sorted.length);
    const grid = makeGridSorted(sorted, p.gridSize, p.logSpace);
    const withZero = grid.geometric && sorted[0] === 0;
    const at = withZero ? Float64Array.of(0, ...grid.points) : grid.points;
    const { density } = kernelDensitySorted(sorted, at, h, p.kernel);
    return {
      points: grid.points,
      density: withZero ? density.slice(1) : density,
      ...(withZero ? { zeroDensity: density[0] } : {}),
      ...(grid.message !== undefined ? { message: grid.message } : {}),
    };
  },
  compare: ({ branches, summaries, context, report }) => {
    const rows: RowDraft[] = [];
    branches.forEach((branch, b) => {
      const s = summaries[b];
      if (s.message !== undefined) report.warn(`KernelDensityEstimate for metric ${context.metric}, branch ${branch}: ${s.message}`);
      if (s.zeroDensity !== undefined) rows.push({ branch, parameter: 0, point: s.zeroDensity });
      for (let i = 0; i < s.points.length; i++) rows.push({ branch, parameter: s.points[i], point: s.density[i] });
    });
    return rows;
  },
});
