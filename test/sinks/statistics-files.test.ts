import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { statisticsFileStem, statisticsJson, writeStatisticsFiles } from '../../src/sinks/statistics-files.js';
import { STATISTIC_COLUMNS, type StatisticRow } from '../../src/results/statistic-row.js';
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

  it('writes each JSON line as JSON.stringify writes the row\'s object, byte for byte', () => {
    // numbers as ToString (-0 as 0, 1e21 and 5e-324 in exponent form), NaN and infinities as null,
    // strings escaped (quotes, backslashes, control characters, lone surrogates), repeats included
    const odd: StatisticRow[] = [-0, Number.NaN, Number.POSITIVE_INFINITY, 1e21, 5e-324, 0.1 + 0.2].map((point, i) => ({
      ...rows[i % 2],
      point,
      lower: -point,
      parameter: ['"quoted"', 'back\\slash', 'tab\there', '\u0001', 'ä🚀', '\ud800'][i],
    }));
    const expected = `[\n${[...odd, ...odd].map((row) => JSON.stringify(Object.fromEntries(STATISTIC_COLUMNS.map((c) => [c, row[c]])))).join(',\n')}\n]\n`;
    expect(statisticsJson([...odd, ...odd])).toBe(expected);
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
