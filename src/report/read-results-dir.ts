/**
 * Reads a Contrail results directory for a report: every `statistics_<nslug>_<period>_<window>.json`,
 * the run's `errors_<nslug>.json` and, when present, Jetstream's `metadata_<nslug>.json` (at the top
 * level or under `errors/` and `metadata/`, as Jetstream's bucket lays them out).
 *
 * Parity: file names of jetstream `export_json` (spec sections 5.2-5.4).
 */
import { readdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PERIODS } from '../config/spec.js';
import type { StatisticRow } from '../results/statistic-row.js';

/** The rows of one `statistics_<nslug>_<period>_<window>.json`. */
export interface ResultsWindow {
  readonly period: string;
  readonly window: number;
  readonly file: string;
  readonly rows: StatisticRow[];
}

/** The parts of a metadata metric the report uses. */
export interface MetadataMetric {
  readonly friendly_name?: string;
  readonly description?: string;
  readonly bigger_is_better?: boolean;
}

/** An entry of the errors export, fields optional (Jetstream's and Contrail's exports differ in extras). */
export interface ErrorEntry {
  readonly metric?: string | null;
  readonly statistic?: string | null;
  readonly analysis_basis?: string | null;
  readonly segment?: string | null;
  readonly analysis_period?: string | null;
  readonly log_level?: string | null;
  readonly message?: string | null;
  readonly exception_type?: string | null;
  readonly timestamp?: string | null;
}

/** Everything of one experiment in a results directory. */
export interface ResultsDirectory {
  readonly nslug: string;
  readonly windows: ResultsWindow[];
  readonly errors: ErrorEntry[];
  readonly metadata: { metrics: Record<string, MetadataMetric> } | null;
}

// Longest alternatives first, so `preenrollment_week` is not read as slug `..._preenrollment` + `week`.
const PERIOD_PATTERN = [...PERIODS].sort((a, b) => b.length - a.length).join('|');
const STATISTICS_FILE = new RegExp(`^statistics_(.+?)_(${PERIOD_PATTERN})_(\\d+)\\.json$`);

/** Reads the directory; `nslug` picks one experiment when the directory holds several. */
export async function readResultsDir(dir: string, nslug?: string): Promise<ResultsDirectory> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    throw new RangeError(`report: cannot read results directory ${dir}: ${(error as Error).message}; pass the --out directory of contrail analyze`);
  }
  const found = names.map((name) => ({ name, match: STATISTICS_FILE.exec(name) })).filter((f) => f.match !== null);
  const slugs = [...new Set(found.map((f) => f.match![1]))];
  if (found.length === 0) {
    throw new RangeError(`report: no statistics_<slug>_<period>_<window>.json file in ${dir}; run contrail analyze --out ${dir} first`);
  }
  const slug = nslug ?? (slugs.length === 1 ? slugs[0] : null);
  if (slug === null) throw new RangeError(`report: ${dir} holds results of several experiments (${slugs.join(', ')}); pass the one to report`);
  if (!slugs.includes(slug)) throw new RangeError(`report: no statistics file of "${slug}" in ${dir}; found ${slugs.join(', ')}`);

  const windows: ResultsWindow[] = [];
  for (const { name, match } of found) {
    if (match![1] !== slug) continue;
    const rows = await readJsonArray(join(dir, name));
    windows.push({ period: match![2], window: Number(match![3]), file: name, rows: rows.map((r, i) => checkRow(r, name, i)) });
  }
  windows.sort((a, b) => PERIODS.indexOf(a.period as never) - PERIODS.indexOf(b.period as never) || a.window - b.window);

  const errorsFile = firstExisting(dir, [`errors_${slug}.json`, `errors/errors_${slug}.json`]);
  const errors = errorsFile === null ? [] : ((await readJsonArray(errorsFile)) as ErrorEntry[]);
  const metadataFile = firstExisting(dir, [`metadata_${slug}.json`, `metadata/metadata_${slug}.json`]);
  let metadata: ResultsDirectory['metadata'] = null;
  if (metadataFile !== null) {
    const parsed = JSON.parse(await readFile(metadataFile, 'utf8')) as { metrics?: unknown };
    if (parsed === null || typeof parsed !== 'object' || typeof parsed.metrics !== 'object' || parsed.metrics === null) {
      throw new RangeError(`report: ${metadataFile} must be Jetstream metadata with a metrics object; fix or remove the file`);
    }
    metadata = { metrics: parsed.metrics as Record<string, MetadataMetric> };
  }
  return { nslug: slug, windows, errors, metadata };
}

function firstExisting(dir: string, candidates: string[]): string | null {
  for (const candidate of candidates) if (existsSync(join(dir, candidate))) return join(dir, candidate);
  return null;
}

async function readJsonArray(path: string): Promise<unknown[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new RangeError(`report: ${path} is not valid JSON (${(error as Error).message}); regenerate it with contrail analyze`);
  }
  if (!Array.isArray(parsed)) throw new RangeError(`report: ${path} must hold a JSON array, got ${typeof parsed}`);
  return parsed;
}

function checkRow(raw: unknown, file: string, index: number): StatisticRow {
  const row = raw as StatisticRow;
  const ok =
    row !== null &&
    typeof row === 'object' &&
    typeof row.metric === 'string' &&
    typeof row.statistic === 'string' &&
    typeof row.branch === 'string' &&
    typeof row.segment === 'string' &&
    (row.analysis_basis === 'enrollments' || row.analysis_basis === 'exposures');
  if (!ok) {
    throw new RangeError(`report: ${file}[${index}] is not a schema-v4 statistics row, got ${JSON.stringify(raw)?.slice(0, 240)}`);
  }
  return row;
}
