/**
 * The published statistics JSON of one period: every window's rows in one array, as Jetstream's
 * export of its `statistics_<nslug>_<suffix>` view writes them to `statistics/<view>.json`.
 *
 * Parity: jetstream `export_json.export_statistics_tables`: BigQuery NEWLINE_DELIMITED_JSON export
 * of the view (schema-v4 columns then `window_index`, NULL fields omitted, INT64 `window_index`
 * written as a string), joined into a compact JSON array. Validates against `Statistics_v1.0.json`
 * whenever `point` is not null (the schema requires it; Jetstream exports such rows as they are).
 */
import type { Period } from '../config/spec.js';
import { normalizeSlug } from '../sources/locate-table.js';
import { STATISTIC_COLUMNS, type StatisticRow } from './statistic-row.js';

/** The view/table suffix of each period (`AnalysisPeriod.table_suffix`). */
export const PERIOD_EXPORT_SUFFIX: Readonly<Record<Period, string>> = Object.freeze({
  day: 'daily',
  week: 'weekly',
  days28: 'days28',
  overall: 'overall',
  preenrollment_week: 'preenrollment_weekly',
  preenrollment_days28: 'preenrollment_days28',
});

/** Rows of one window of a period. */
export interface StatisticsWindow {
  /** 1-based window index, the `<window>` of the statistics table name. */
  readonly windowIndex: number;
  readonly rows: readonly StatisticRow[];
}

/** `statistics/statistics_<nslug>_<suffix>.json`, relative to the output root. */
export function statisticsExportPath(slug: string, period: Period): string {
  return `statistics/statistics_${normalizeSlug(slug)}_${PERIOD_EXPORT_SUFFIX[period]}.json`;
}

/**
 * The export text: windows in ascending index, rows in their given order, keys in schema order with
 * `window_index` last as a string, null fields omitted. Same input, same bytes.
 *
 * Rows without a point (e.g. a relative uplift against a reference of zero) are left out: the
 * published schema requires `point`, and Jetstream's export test drops them too. They stay in the
 * per-window statistics files, so nothing is lost.
 */
export function buildStatisticsExport(windows: readonly StatisticsWindow[]): string {
  const sorted = [...windows].sort((a, b) => a.windowIndex - b.windowIndex);
  const parts: string[] = [];
  let previous: number | undefined;
  for (const w of sorted) {
    if (!Number.isInteger(w.windowIndex) || w.windowIndex < 1) {
      throw new RangeError(`statistics export: windowIndex must be a positive integer, got ${w.windowIndex}`);
    }
    if (w.windowIndex === previous) {
      throw new RangeError(`statistics export: window ${w.windowIndex} is given twice; pass each window once`);
    }
    previous = w.windowIndex;
    const windowIndex = String(w.windowIndex);
    for (const row of w.rows) {
      if (row.point === null || !Number.isFinite(row.point)) continue;
      parts.push(JSON.stringify(exportRow(row, windowIndex)));
    }
  }
  return `[${parts.join(',')}]`;
}

function exportRow(row: StatisticRow, windowIndex: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of STATISTIC_COLUMNS) {
    const value = row[column];
    if (value === null || value === undefined) continue;
    // NaN/±inf are null by the row contract; guard anyway so the output stays valid JSON.
    if (typeof value === 'number' && !Number.isFinite(value)) continue;
    out[column] = value;
  }
  out.window_index = windowIndex;
  return out;
}
