/**
 * Turns the rows of one metric's statistic in one view (period, window, segment, basis) into what
 * its chart draws: per-branch values, comparisons filed under the branch they compare against (so
 * switching the reference branch is a lookup), curves for deciles, KDE and ECDF.
 *
 * Parity: the row layout of jetstream `Statistic.apply` / `StatisticResult` (schema v4): absolute
 * rows have `comparison` null; comparison rows name `comparison_to_branch`; grid statistics carry
 * the grid point (or decile) in `parameter`.
 */
import type { StatisticRow } from '../results/statistic-row.js';
import { classifyInterval } from './classify-interval.js';
import { isGeometricGrid } from './grid-scale.js';
import type { ComparisonValue, IntervalValue, Series, StatisticView } from './report-data.js';

/** One statistic of one metric in one view. */
export interface ShapeInput {
  readonly statistic: string;
  /** Rows of this metric, statistic, segment and basis only. */
  readonly rows: readonly StatisticRow[];
  /** Branch display order. */
  readonly branches: readonly string[];
  readonly biggerIsBetter: boolean;
}

export function shapeStatistic(input: ShapeInput): StatisticView {
  const { statistic, rows } = input;
  const absolute = rows.filter((r) => r.comparison === null);
  if (statistic === 'deciles') {
    return {
      kind: 'deciles',
      statistic,
      absolute: seriesByBranch(absolute, input.branches),
      relative: mapRecord(groupByReference(rows, 'relative_uplift', input.branches), (refRows) => seriesByBranch(refRows, input.branches)),
    };
  }
  if (rows.some((r) => r.parameter !== null)) {
    const series = seriesByBranch(absolute, input.branches);
    // Each branch has its own grid (from its own minimum to maximum): log axis only if all are geometric.
    const grids = Object.values(series);
    return { kind: 'distribution', statistic, geometric: grids.length > 0 && grids.every((s) => isGeometricGrid(s.x)), series };
  }
  const compare = (comparison: 'relative_uplift' | 'difference') =>
    mapRecord(groupByReference(rows, comparison, input.branches), (refRows) =>
      sortByBranch(refRows, input.branches).map((r): ComparisonValue => ({ ...interval(r), verdict: classifyInterval(r.lower, r.upper, input.biggerIsBetter) })),
    );
  return {
    kind: 'point',
    statistic,
    absolute: sortByBranch(absolute, input.branches).map(interval),
    relative: compare('relative_uplift'),
    difference: compare('difference'),
  };
}

function interval(row: StatisticRow): IntervalValue {
  return { branch: row.branch, point: row.point, lower: row.lower, upper: row.upper };
}

function groupByReference(rows: readonly StatisticRow[], comparison: string, branches: readonly string[]): Record<string, StatisticRow[]> {
  const out: Record<string, StatisticRow[]> = {};
  for (const reference of branches) {
    const matching = rows.filter((r) => r.comparison === comparison && r.comparison_to_branch === reference && r.branch !== reference);
    if (matching.length > 0) out[reference] = matching;
  }
  return out;
}

function seriesByBranch(rows: readonly StatisticRow[], branches: readonly string[]): Record<string, Series> {
  const out: Record<string, Series> = {};
  for (const branch of branches) {
    const own = rows.filter((r) => r.branch === branch && r.parameter !== null);
    if (own.length === 0) continue;
    const sorted = own.map((r) => ({ x: Number(r.parameter), r })).sort((a, b) => a.x - b.x);
    const banded = sorted.some(({ r }) => r.lower !== null || r.upper !== null);
    out[branch] = {
      x: sorted.map((p) => p.x),
      y: sorted.map((p) => p.r.point),
      lower: banded ? sorted.map((p) => p.r.lower) : null,
      upper: banded ? sorted.map((p) => p.r.upper) : null,
    };
  }
  return out;
}

function sortByBranch(rows: readonly StatisticRow[], branches: readonly string[]): StatisticRow[] {
  return [...rows].sort((a, b) => branches.indexOf(a.branch) - branches.indexOf(b.branch));
}

function mapRecord<T, U>(record: Record<string, T>, f: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, f(v)]));
}
