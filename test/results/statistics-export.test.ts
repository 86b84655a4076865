import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import { buildStatisticsExport, PERIOD_EXPORT_SUFFIX, statisticsExportPath } from '../../src/results/statistics-export.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { sharedData } from '../support/shared-data.js';

function row(overrides: Partial<StatisticRow> = {}): StatisticRow {
  return {
    metric: 'active_hours',
    statistic: 'mean',
    parameter: null,
    branch: 'treatment',
    comparison: null,
    comparison_to_branch: null,
    ci_width: 0.95,
    point: 1.5,
    lower: 1.2,
    upper: 1.8,
    segment: 'all',
    analysis_basis: 'enrollments',
    ...overrides,
  };
}

const windows = [
  {
    windowIndex: 2,
    rows: [row({ point: 2.5 }), row({ branch: 'treatment', comparison: 'difference', comparison_to_branch: 'control', point: 0.1, lower: -0.2, upper: 0.4 })],
  },
  {
    windowIndex: 1,
    rows: [
      row(),
      row({ statistic: 'deciles', parameter: '0.8', ci_width: 0.95 }),
      row({ metric: 'identity', statistic: 'count', ci_width: null, lower: null, upper: null, point: 20, analysis_basis: 'exposures', segment: 'regular_users_v3' }),
    ],
  },
];

describe('buildStatisticsExport (jetstream export_statistics_tables)', () => {
  const text = buildStatisticsExport(windows);
  const parsed = JSON.parse(text) as Record<string, unknown>[];

  it('validates against Statistics_v1.0.json', async () => {
    const schema = JSON.parse(await readFile(sharedData('jetstream', 'Statistics_v1.0.json'), 'utf8'));
    // draft-07 schema: Ajv's default class
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes window_index as a string, windows in ascending order', () => {
    expect(parsed.map((r) => r.window_index)).toEqual(['1', '1', '1', '2', '2']);
    expect(parsed[3].point).toBe(2.5);
  });

  it('omits null fields and keeps the schema column order with window_index last', () => {
    expect(Object.keys(parsed[0])).toEqual(['metric', 'statistic', 'branch', 'ci_width', 'point', 'lower', 'upper', 'segment', 'analysis_basis', 'window_index']);
    expect(Object.keys(parsed[2])).toEqual(['metric', 'statistic', 'branch', 'point', 'segment', 'analysis_basis', 'window_index']);
    expect(parsed[1].parameter).toBe('0.8');
    expect(parsed[4]).toMatchObject({ comparison: 'difference', comparison_to_branch: 'control' });
    expect(text).not.toContain('null');
  });

  it('is a compact JSON array and deterministic', () => {
    expect(text.startsWith('[{"metric":"active_hours"')).toBe(true);
    expect(buildStatisticsExport([...windows].reverse())).toBe(text);
    expect(buildStatisticsExport([])).toBe('[]');
  });

  it('does not accept the same window twice or a bad index', () => {
    expect(() => buildStatisticsExport([windows[0], windows[0]])).toThrow('statistics export: window 2 is given twice; pass each window once');
    expect(() => buildStatisticsExport([{ windowIndex: 0, rows: [] }])).toThrow(/windowIndex must be a positive integer, got 0/);
  });

  it('leaves out rows without a point, which the schema cannot hold (jetstream test_statistics_export drops NaNs)', async () => {
    const schema = JSON.parse(await readFile(sharedData('jetstream', 'Statistics_v1.0.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    // What such a row would look like: no point, which the schema requires.
    expect(validate([{ metric: 'm', statistic: 's', branch: 'b', segment: 'all', analysis_basis: 'enrollments', window_index: '1' }])).toBe(false);
    const exported = JSON.parse(buildStatisticsExport([{ windowIndex: 1, rows: [row({ point: null }), row({ point: 2 })] }]));
    expect(exported).toHaveLength(1);
    expect(exported[0].point).toBe(2);
    expect(validate(exported)).toBe(true);
  });
});

describe('statisticsExportPath', () => {
  it('uses the normalized slug and the period suffix', () => {
    expect(statisticsExportPath('my-slug.v2', 'week')).toBe('statistics/statistics_my_slug_v2_weekly.json');
    expect(Object.values(PERIOD_EXPORT_SUFFIX)).toEqual(['daily', 'weekly', 'days28', 'overall', 'preenrollment_weekly', 'preenrollment_days28']);
    expect(statisticsExportPath('x', 'preenrollment_days28')).toBe('statistics/statistics_x_preenrollment_days28.json');
  });
});
