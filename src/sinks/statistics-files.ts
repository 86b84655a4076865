/**
 * The per-window statistics files, as Jetstream names its statistics tables:
 * `statistics_<nslug>_<period>_<window>.json` (one row per line, every schema field, nulls written)
 * and `.parquet` (the same rows, schema v4 column order, ZSTD), each written atomically.
 */
import * as arrow from 'apache-arrow';
import { parquetWasm } from '../sources/parquet-wasm.js';
import { normalizeSlug } from '../sources/locate-table.js';
import { STATISTIC_COLUMNS, type StatisticRow } from '../results/statistic-row.js';
import type { OutputTarget } from './output-target.js';
import { writeIfChanged } from './write-if-changed.js';

const FLOAT_COLUMNS = new Set<string>(['ci_width', 'point', 'lower', 'upper']);

export function statisticsFileStem(slug: string, period: string, window: number): string {
  return `statistics_${normalizeSlug(slug)}_${period}_${window}`;
}

/** Rows as a JSON array, one row per line, keys in schema order: stable bytes for a stable input. */
export function statisticsJson(rows: readonly StatisticRow[]): string {
  if (rows.length === 0) return '[]\n';
  const lines = rows.map((row) => JSON.stringify(Object.fromEntries(STATISTIC_COLUMNS.map((c) => [c, row[c]]))));
  return `[\n${lines.join(',\n')}\n]\n`;
}

/** Rows as a Parquet file (nullable STRING and DOUBLE columns, as Jetstream's BigQuery schema). */
export function statisticsParquet(rows: readonly StatisticRow[]): Uint8Array {
  const columns: Record<string, arrow.Vector> = {};
  for (const name of STATISTIC_COLUMNS) {
    const values = rows.map((row) => row[name]);
    columns[name] = FLOAT_COLUMNS.has(name)
      ? arrow.vectorFromArray(values as (number | null)[], new arrow.Float64())
      : arrow.vectorFromArray(values as (string | null)[], new arrow.Utf8());
  }
  const table = new arrow.Table(columns);
  const pw = parquetWasm();
  const wasmTable = pw.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
  const properties = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.ZSTD).build();
  return pw.writeParquet(wasmTable, properties);
}

/**
 * Loads the Parquet writer (parquet-wasm) ahead of statisticsParquet, for a thread that would
 * otherwise wait: compiling its module takes ~70-100 ms of the thread that first writes, which
 * reads no longer pay (src/sources/footer-schema.ts). Called while the summary tasks run, it took
 * that time off the end of a linear_model_mean run at 10M clients (bench/RESULTS.md, fifteenth
 * session).
 */
export function prepareStatisticsWriter(): void {
  parquetWasm();
}

/** A row with every column set, for warmStatisticsWriter. */
const WARM_ROW: StatisticRow = {
  metric: 'm', statistic: 's', parameter: 'p', branch: 'b', comparison: 'difference', comparison_to_branch: 'c',
  ci_width: 0.95, point: 1, lower: 0, upper: 2, segment: 'all', analysis_basis: 'enrollments',
};

/**
 * Writes a one-row table and drops it, so that V8 compiles the writer's WebAssembly functions (it
 * compiles each at its first call: 99-119 ms of the first write of a run against 23-37 ms after
 * this, nineteenth session). Run where a core would otherwise wait (SummaryPool.whenWorkerIdle):
 * run while every core was busy, it cost as much as it saved (bench/RESULTS.md, nineteenth and
 * twentieth sessions).
 */
export function warmStatisticsWriter(): void {
  statisticsParquet([WARM_ROW]);
}

/** Writes both files and returns the paths written (with `onlyIfChanged`, those whose bytes changed). */
export async function writeStatisticsFiles(
  target: OutputTarget,
  stem: string,
  rows: readonly StatisticRow[],
  options: { readonly onlyIfChanged?: boolean } = {},
): Promise<string[]> {
  const files: [string, Uint8Array | string, string][] = [
    [`${stem}.parquet`, statisticsParquet(rows), 'application/vnd.apache.parquet'],
    [`${stem}.json`, statisticsJson(rows), 'application/json'],
  ];
  const written: string[] = [];
  for (const [path, data, contentType] of files) {
    if (options.onlyIfChanged === true) {
      if (await writeIfChanged(target, path, data, { contentType })) written.push(path);
    } else {
      await target.write(path, data, { contentType });
      written.push(path);
    }
  }
  return written;
}
