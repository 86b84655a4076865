import { describe, it, expect } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readResultsDir } from '../../src/report/read-results-dir.js';
import { tempDir } from '../support/temp-dir.js';

const ROW = { metric: 'm', statistic: 'mean', parameter: null, branch: 'control', comparison: null, comparison_to_branch: null, ci_width: 0.95, point: 1, lower: 0, upper: 2, segment: 'all', analysis_basis: 'enrollments' };

async function dirWith(files: Record<string, unknown>): Promise<string> {
  const dir = tempDir('report');
  for (const [name, content] of Object.entries(files)) {
    await mkdir(join(dir, name, '..'), { recursive: true });
    await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

describe('readResultsDir', () => {
  it('reads every period and window in period order, and errors and metadata from Jetstream subfolders', async () => {
    const dir = await dirWith({
      'statistics_my_week_exp_preenrollment_week_1.json': [ROW],
      'statistics_my_week_exp_overall_1.json': [ROW, ROW],
      'statistics_my_week_exp_week_2.json': [ROW],
      'statistics_my_week_exp_week_1.json': [],
      'statistics_my_week_exp_week_1.parquet': 'not read',
      'errors/errors_my_week_exp.json': [{ metric: 'm', log_level: 'ERROR', message: 'boom' }],
      'metadata/metadata_my_week_exp.json': { metrics: { m: { friendly_name: 'M', bigger_is_better: false } } },
    });
    const results = await readResultsDir(dir);
    expect(results.nslug).toBe('my_week_exp');
    expect(results.windows.map((w) => [w.period, w.window, w.rows.length])).toEqual([
      ['week', 1, 0], ['week', 2, 1], ['overall', 1, 2], ['preenrollment_week', 1, 1],
    ]);
    expect(results.errors).toEqual([{ metric: 'm', log_level: 'ERROR', message: 'boom' }]);
    expect(results.metadata?.metrics.m.bigger_is_better).toBe(false);
  });

  it('top-level errors file, no metadata', async () => {
    const dir = await dirWith({ 'statistics_e_day_3.json': [ROW], 'errors_e.json': [] });
    const results = await readResultsDir(dir);
    expect(results.windows.map((w) => [w.period, w.window])).toEqual([['day', 3]]);
    expect(results.errors).toEqual([]);
    expect(results.metadata).toBeNull();
  });

  it('several experiments need a slug; unknown slugs and empty directories are refused', async () => {
    const dir = await dirWith({ 'statistics_a_week_1.json': [ROW], 'statistics_b_week_1.json': [ROW] });
    await expect(readResultsDir(dir)).rejects.toThrow(/holds results of several experiments \(a, b\); pass the one to report/);
    expect((await readResultsDir(dir, 'b')).nslug).toBe('b');
    await expect(readResultsDir(dir, 'c')).rejects.toThrow(/no statistics file of "c" in .*; found a, b/);
    await expect(readResultsDir(await dirWith({}))).rejects.toThrow(/no statistics_<slug>_<period>_<window>.json file in .*; run contrail analyze/);
    await expect(readResultsDir(join(dir, 'missing'))).rejects.toThrow(/cannot read results directory/);
  });

  it('names the file and row of a malformed row, and a file that is not an array', async () => {
    const bad = await dirWith({ 'statistics_e_week_1.json': [ROW, { ...ROW, analysis_basis: 'clients' }] });
    await expect(readResultsDir(bad)).rejects.toThrow(/statistics_e_week_1.json\[1\] is not a schema-v4 statistics row, got .*clients/);
    const notArray = await dirWith({ 'statistics_e_week_1.json': { rows: [] } });
    await expect(readResultsDir(notArray)).rejects.toThrow(/statistics_e_week_1.json must hold a JSON array, got object/);
    const notJson = await dirWith({ 'statistics_e_week_1.json': '[{' });
    await expect(readResultsDir(notJson)).rejects.toThrow(/is not valid JSON .*; regenerate it with contrail analyze/);
  });
});
