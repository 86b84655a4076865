import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { locateTable, normalizeSlug, requireTable, tableName } from '../../src/sources/locate-table.js';
import { InputError } from '../../src/sources/table-reader.js';

const dir = mkdtempSync(join(tmpdir(), 'contrail-locate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
for (const file of [
  'my_exp_enrollments_week_1.parquet',
  'my_exp_enrollments_week_1.csv',
  'my_exp_enrollments_week_2.csv',
  'my_exp_exposures_week_1.parquet',
  'other_enrollments_week_3.parquet',
  'notes.txt',
]) {
  writeFileSync(join(dir, file), '');
}

describe('normalizeSlug and tableName', () => {
  it('replaces every character outside [A-Za-z0-9_] with _', () => {
    // spec vocabulary: normalized slug
    expect(normalizeSlug('my-exp.v2 (beta)')).toBe('my_exp_v2__beta_');
    expect(normalizeSlug('Ok_123')).toBe('Ok_123');
  });

  it('builds <nslug>_<basis>_<period>_<window>', () => {
    // spec: e.g. my_exp_enrollments_week_1
    expect(tableName({ slug: 'my-exp', basis: 'enrollments', period: 'week', window: 1 })).toBe(
      'my_exp_enrollments_week_1',
    );
    expect(
      tableName({ slug: 'a-b', basis: 'enrollments', period: 'preenrollment_days28', window: 1 }),
    ).toBe('a_b_enrollments_preenrollment_days28_1');
    expect(() => tableName({ slug: 'x', basis: 'exposures', period: 'day', window: 1.5 })).toThrow(
      /window must be a non-negative integer, got 1.5/,
    );
  });
});

describe('locateTable and requireTable', () => {
  it('prefers Parquet, falls back to CSV, answers null when absent', async () => {
    const key = { slug: 'my-exp', basis: 'enrollments', period: 'week', window: 1 } as const;
    expect(await locateTable(dir, key)).toBe(join(dir, 'my_exp_enrollments_week_1.parquet'));
    expect(await locateTable(dir, { ...key, window: 2 })).toBe(join(dir, 'my_exp_enrollments_week_2.csv'));
    expect(await locateTable(dir, { ...key, window: 3 })).toBeNull();
  });

  it('names the table, the directory and the tables of the same experiment present', async () => {
    const key = { slug: 'my-exp', basis: 'enrollments', period: 'week', window: 3 } as const;
    await expect(requireTable(dir, key)).rejects.toThrow(InputError);
    await expect(requireTable(dir, key)).rejects.toThrow(
      `table my_exp_enrollments_week_3 not found in ${dir} (looked for my_exp_enrollments_week_3.parquet and ` +
        'my_exp_enrollments_week_3.csv); tables present for this experiment: my_exp_enrollments_week_1, ' +
        'my_exp_enrollments_week_2, my_exp_exposures_week_1',
    );
    await expect(requireTable(dir, { ...key, slug: 'nobody' })).rejects.toThrow(
      /no table of experiment "nobody" is there/,
    );
    await expect(requireTable(join(dir, 'missing'), key)).rejects.toThrow(/cannot be read \(no such directory\)/);
    expect(await requireTable(dir, { ...key, basis: 'exposures', window: 1 })).toBe(
      join(dir, 'my_exp_exposures_week_1.parquet'),
    );
  });
});
