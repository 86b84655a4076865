/**
 * Maps (experiment slug, basis, period, window) to Jetstream's per-client table name and finds that
 * table as a file in a local directory.
 *
 * Parity: jetstream `Experiment.normalized_slug` and `AnalysisPeriod.table_suffix` naming
 * `<nslug>_<basis>_<period>_<window>` (spec, "Input: the per-client metrics table").
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from './table-reader.js';

/** Jetstream's analysis periods, spelled as its `AnalysisPeriod` values. */
export type AnalysisPeriodName =
  | 'day'
  | 'week'
  | 'days28'
  | 'overall'
  | 'preenrollment_week'
  | 'preenrollment_days28';

/** What identifies one per-client metrics table. */
export interface TableKey {
  readonly slug: string;
  readonly basis: 'enrollments' | 'exposures';
  readonly period: AnalysisPeriodName | string;
  readonly window: number;
}

/** Extensions tried, in order of preference. */
const PREFERRED_EXTENSIONS = ['.parquet', '.csv'] as const;

/** The slug with every character outside `[A-Za-z0-9_]` replaced by `_`. Parity: jetstream normalized slug */
export function normalizeSlug(slug: string): string {
  return slug.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Jetstream's table name `<nslug>_<basis>_<period>_<window>`, e.g. `my_exp_enrollments_week_1`. */
export function tableName(key: TableKey): string {
  if (!Number.isInteger(key.window) || key.window < 0) {
    throw new InputError(`table ${key.slug}: window must be a non-negative integer, got ${key.window}`);
  }
  return `${normalizeSlug(key.slug)}_${key.basis}_${key.period}_${key.window}`;
}

/** The path of `<name>.parquet` (preferred) or `<name>.csv` in `dir`, or null when neither exists. */
export async function locateTable(dir: string, key: TableKey): Promise<string | null> {
  const name = tableName(key);
  const files = new Set(await listDir(dir));
  for (const extension of PREFERRED_EXTENSIONS) {
    if (files.has(name + extension)) return join(dir, name + extension);
  }
  return null;
}

/**
 * Like `locateTable`, but a missing table rejects with an `InputError` naming the table, the
 * directory and the tables of the same experiment that are there (e.g. week_2 but not week_3).
 */
export async function requireTable(dir: string, key: TableKey): Promise<string> {
  const found = await locateTable(dir, key);
  if (found !== null) return found;
  const name = tableName(key);
  const prefix = `${normalizeSlug(key.slug)}_`;
  const present = [
    ...new Set(
      (await listDir(dir))
        .map(file => stripExtension(file))
        .filter((base): base is string => base !== null && base.startsWith(prefix)),
    ),
  ].sort();
  const hint =
    present.length > 0
      ? `tables present for this experiment: ${present.join(', ')}`
      : `no table of experiment "${key.slug}" is there (expected names start with "${prefix}")`;
  throw new InputError(
    `table ${name} not found in ${dir} (looked for ${name}.parquet and ${name}.csv); ${hint}`,
  );
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    const reason = err.code === 'ENOENT' ? 'no such directory' : err.message;
    throw new InputError(`table directory ${dir} cannot be read (${reason}); check the path`);
  }
}

function stripExtension(file: string): string | null {
  for (const extension of PREFERRED_EXTENSIONS) {
    if (file.endsWith(extension)) return file.slice(0, -extension.length);
  }
  return null;
}
