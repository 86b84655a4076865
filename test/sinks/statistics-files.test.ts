import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { statisticsFileStem, statisticsJson, writeStatisticsFiles } from '../../src/sinks/statistics-files.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { tempDir } from '../support/temp-dir.js';

const rows: StatisticRow[] = [
  { metric: 'active_hours', statistic: 'mean', parameter: null, branch: 'control', comparison: null, comparison_to_branch: null, ci_width: 0.95, point: 2.5, lower: 2.25, upper: 2.75, segment: 'all', analysis_basis: 'enrollments' },
  { metric: 'active_hours', statistic: 'deciles', parameter: '0.1', branch: 'treatment', comparison: 'relative_uplift', comparison_to_branch: 'control', ci_width: 0.95, point: null, lower: null, upper: null, segment: 'regular_users_v3', analysis_basis: 'exposures' },
];

describe('statistics files', () => {
  it('names files as Jetstream names its statistics tables', () => {
    expect(statisticsFileStem('my-exp.v2', 'week', 3)).toBe('statistics_my_exp_v2_week_3');
  });

  it('writes Parquet that an independent reader (DuckDB) reads back row for row', async () => {
    const dir = tempDir('stats');
    const files = await writeStatisticsFiles(new LocalTarget(dir), 'statistics_x_week_1', rows);
    expect(files).toEqual(['statistics_x_week_1.parquet', 'statistics_x_week_1.json']);
    const duck = await (await DuckDBInstance.create()).connect();
    const reader = await duck.runAndReadAll(`select * from read_parquet('${join(dir, 'statistics_x_week_1.parquet')}')`);
    expect(reader.columnNames()).toEqual(['metric', 'statistic', 'parameter', 'branch', 'comparison', 'comparison_to_branch', 'ci_width', 'point', 'lower', 'upper', 'segment', 'analysis_basis']);
    expect(reader.getRowObjectsJson()).toEqual(rows);
    // No temporary files are left behind by the atomic writes.
    expect((await readdir(dir)).sort()).toEqual(['statistics_x_week_1.json', 'statistics_x_week_1.parquet']);
  });

  it('writes JSON with every schema field, nulls included, one row per line', async () => {
    const text = statisticsJson(rows);
    expect(JSON.parse(text)).toEqual(rows);
    expect(text.split('\n')).toHaveLength(rows.length + 3);
    const dir = tempDir('stats');
    await writeStatisticsFiles(new LocalTarget(dir), 's', rows);
    expect(await readFile(join(dir, 's.json'), 'utf8')).toBe(text);
  });
});
