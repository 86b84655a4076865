/**
 * A deterministic Contrail results directory built from synthetic schema-v4 rows, for report tests:
 * 3 branches, every ordered branch pair as comparison, segments `all` and `new_users`, both analysis
 * bases, identity counts, and the statistics a report draws (mean, binomial, deciles, KDE on a
 * geometric grid, ECDF with a band). Values follow from fixed per-branch effects, no randomness.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatParameter } from '../../src/results/format-parameter.js';
import type { AnalysisBasis, Comparison, StatisticRow } from '../../src/results/statistic-row.js';
import { statisticsJson } from '../../src/sinks/statistics-files.js';

export const SYNTHETIC_BRANCHES = ['control', 'treatment-a', 'treatment-b'] as const;
export const SYNTHETIC_SEGMENTS = ['all', 'new_users'] as const;
export const SYNTHETIC_BASES: readonly AnalysisBasis[] = ['enrollments', 'exposures'];
/** Relative effect of each branch on every metric (segment `new_users` doubles it). */
const EFFECT: Record<string, number> = { control: 0, 'treatment-a': 0.06, 'treatment-b': -0.01 };
const HALF_WIDTH = 0.03;

export interface SyntheticOptions {
  readonly nslug?: string;
  /** Extra `mean` metrics `metric_01`.. beyond the 3 fixed ones (for a 20-metric page: 17). */
  readonly extraMetrics?: number;
  /** Clients per branch in segment `all`, enrollments; default 5000 each (no SRM). */
  readonly counts?: Readonly<Record<string, number>>;
  /** (period, window) pairs, default overall 1 and week 1. */
  readonly windows?: readonly { period: string; window: number }[];
  readonly withMetadata?: boolean;
}

export interface SyntheticResults {
  readonly nslug: string;
  readonly files: Record<string, StatisticRow[]>;
  readonly errors: object[];
  readonly metadata: object;
}

function row(fields: Partial<StatisticRow> & Pick<StatisticRow, 'metric' | 'statistic' | 'branch' | 'segment' | 'analysis_basis'>): StatisticRow {
  return { parameter: null, comparison: null, comparison_to_branch: null, ci_width: 0.95, point: null, lower: null, upper: null, ...fields };
}

/** Absolute value of a branch for a metric whose control value is `base`. */
function level(base: number, branch: string, segment: string): number {
  return base * (1 + EFFECT[branch] * (segment === 'all' ? 1 : 2));
}

function pointRows(metric: string, statistic: string, base: number, segment: string, basis: AnalysisBasis): StatisticRow[] {
  const rows: StatisticRow[] = [];
  const at = { metric, statistic, segment, analysis_basis: basis };
  for (const branch of SYNTHETIC_BRANCHES) {
    const v = level(base, branch, segment);
    rows.push(row({ ...at, branch, point: v, lower: v * (1 - HALF_WIDTH), upper: v * (1 + HALF_WIDTH) }));
  }
  for (const reference of SYNTHETIC_BRANCHES) {
    for (const branch of SYNTHETIC_BRANCHES) {
      if (branch === reference) continue;
      const a = level(base, branch, segment);
      const b = level(base, reference, segment);
      const uplift = a / b - 1;
      const compare = (comparison: Comparison, point: number, half: number) =>
        row({ ...at, branch, comparison, comparison_to_branch: reference, point, lower: point - half, upper: point + half });
      rows.push(compare('difference', a - b, base * HALF_WIDTH), compare('relative_uplift', uplift, HALF_WIDTH));
    }
  }
  return rows;
}

function decileRows(metric: string, base: number, segment: string, basis: AnalysisBasis): StatisticRow[] {
  const rows: StatisticRow[] = [];
  const at = { metric, statistic: 'deciles', segment, analysis_basis: basis };
  for (let d = 1; d <= 9; d++) {
    const parameter = formatParameter(d / 10);
    for (const branch of SYNTHETIC_BRANCHES) {
      const v = level(base * d, branch, segment);
      rows.push(row({ ...at, branch, parameter, point: v, lower: v * 0.97, upper: v * 1.03 }));
    }
    for (const reference of SYNTHETIC_BRANCHES) {
      for (const branch of SYNTHETIC_BRANCHES) {
        if (branch === reference) continue;
        // The uplift grows with the decile so the curve is not flat.
        const uplift = (level(1, branch, segment) / level(1, reference, segment) - 1) * (0.5 + d / 10);
        rows.push(row({ ...at, branch, parameter, comparison: 'relative_uplift', comparison_to_branch: reference, point: uplift, lower: uplift - 0.02, upper: uplift + 0.02 }));
        rows.push(row({ ...at, branch, parameter, comparison: 'difference', comparison_to_branch: reference, point: uplift * base * d, lower: (uplift - 0.02) * base * d, upper: (uplift + 0.02) * base * d }));
      }
    }
  }
  return rows;
}

/** KDE on a geometric grid 0.1 .. 100 (32 points) and ECDF with a band on a linear grid 0 .. 10. */
function distributionRows(metric: string, segment: string, basis: AnalysisBasis): StatisticRow[] {
  const rows: StatisticRow[] = [];
  for (const branch of SYNTHETIC_BRANCHES) {
    const shift = 1 + 3 * EFFECT[branch];
    for (let i = 0; i < 32; i++) {
      const x = 0.1 * 1000 ** (i / 31);
      const z = (Math.log(x) - Math.log(3 * shift)) / 0.8;
      const density = Math.exp(-0.5 * z * z) / (x * 0.8 * Math.sqrt(2 * Math.PI));
      rows.push(row({ metric, statistic: 'kernel_density_estimate', branch, segment, analysis_basis: basis, parameter: formatParameter(x), point: density }));
    }
    for (let i = 0; i <= 20; i++) {
      const x = i / 2;
      const f = 1 - Math.exp(-x / (2 * shift));
      rows.push(row({ metric, statistic: 'empirical_cdf', branch, segment, analysis_basis: basis, parameter: formatParameter(x), point: f, lower: Math.max(0, f - 0.02), upper: Math.min(1, f + 0.02) }));
    }
  }
  return rows;
}

function identityRows(counts: Readonly<Record<string, number>>, segment: string, basis: AnalysisBasis): StatisticRow[] {
  // Segment new_users holds 40 % of the clients, exposures 80 % of the enrolled (rounded).
  const share = (segment === 'all' ? 1 : 0.4) * (basis === 'enrollments' ? 1 : 0.8);
  return SYNTHETIC_BRANCHES.map((branch) =>
    row({ metric: 'identity', statistic: 'count', branch, segment, analysis_basis: basis, ci_width: null, point: Math.round(counts[branch] * share) }),
  );
}

export function syntheticResults(options: SyntheticOptions = {}): SyntheticResults {
  const nslug = options.nslug ?? 'synthetic_experiment';
  const counts = options.counts ?? { control: 5000, 'treatment-a': 5000, 'treatment-b': 5000 };
  const windows = options.windows ?? [{ period: 'overall', window: 1 }, { period: 'week', window: 1 }];
  const extra = Array.from({ length: options.extraMetrics ?? 0 }, (_, i) => `metric_${String(i + 1).padStart(2, '0')}`);
  const files: Record<string, StatisticRow[]> = {};
  for (const { period, window } of windows) {
    const rows: StatisticRow[] = [];
    for (const segment of SYNTHETIC_SEGMENTS) {
      for (const basis of SYNTHETIC_BASES) {
        rows.push(...identityRows(counts, segment, basis));
        rows.push(...pointRows('retained', 'binomial', 0.4, segment, basis));
        rows.push(...pointRows('active_hours', 'mean', 5 * window, segment, basis));
        rows.push(...decileRows('active_hours', 1.5, segment, basis));
        rows.push(...distributionRows('active_hours', segment, basis));
        rows.push(...pointRows('crash_count', 'mean', 0.2, segment, basis));
        extra.forEach((metric, k) => rows.push(...pointRows(metric, 'mean', 10 + k, segment, basis)));
      }
    }
    files[`statistics_${nslug}_${period}_${window}.json`] = rows;
  }
  const errors = [
    {
      experiment: nslug, metric: 'active_hours', statistic: 'kernel_density_estimate', analysis_basis: 'exposures', segment: 'new_users',
      analysis_period: 'week', log_level: 'WARNING', message: 'Refusing to create a geometric grid for a series with negative or all-zero values',
      exception_type: null, timestamp: '2026-11-22T04:00:00+00:00',
    },
    {
      experiment: nslug, metric: 'crash_count', statistic: 'deciles', analysis_basis: 'enrollments', segment: 'all',
      analysis_period: 'overall', log_level: 'ERROR', message: 'crash_count: deciles needs at least 2 values per branch, got 1',
      exception_type: 'StatisticComputationException', timestamp: '2026-11-22T04:00:01+00:00',
    },
  ];
  const metadata = {
    analysis_start_time: null, external_config: null, outcomes: {}, version_info: null, version_date: null, schema_version: 4,
    metrics: {
      retained: { friendly_name: 'Retained', description: 'Client active in the last week of the window', bigger_is_better: true, analysis_bases: ['enrollments', 'exposures'] },
      active_hours: { friendly_name: 'Active Hours', description: 'Hours of active use', bigger_is_better: true, analysis_bases: ['enrollments', 'exposures'] },
      crash_count: { friendly_name: 'Crashes', description: 'Crash reports per client', bigger_is_better: false, analysis_bases: ['enrollments', 'exposures'] },
    },
  };
  return { nslug, files, errors, metadata };
}

/** Writes the synthetic results into `dir` (created), as Contrail lays them out; returns the content. */
export async function writeSyntheticResults(dir: string, options: SyntheticOptions = {}): Promise<SyntheticResults> {
  const results = syntheticResults(options);
  await mkdir(dir, { recursive: true });
  for (const [name, rows] of Object.entries(results.files)) await writeFile(join(dir, name), statisticsJson(rows));
  await writeFile(join(dir, `errors_${results.nslug}.json`), JSON.stringify(results.errors));
  if (options.withMetadata !== false) await writeFile(join(dir, `metadata_${results.nslug}.json`), JSON.stringify(results.metadata));
  return results;
}
