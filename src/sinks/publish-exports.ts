/**
 * Jetstream's published exports under the output root, rebuilt after a run computed new windows:
 * `statistics/statistics_<nslug>_<suffix>.json` (every window of the period), the metadata and the
 * errors export. Each is rewritten only when its content changed.
 *
 * Parity: jetstream `export_json.export_statistics_tables`, `export_metadata`,
 * `export_experiment_logs`.
 */
import type { Period } from '../config/spec.js';
import { buildStatisticsExport, statisticsExportPath, type StatisticsWindow } from '../results/statistics-export.js';
import type { StatisticRow } from '../results/statistic-row.js';
import { buildErrorsExport, errorsExportPath, errorsWindowStart, type ErrorRecord } from '../results/error-record.js';
import type { OutputTarget } from './output-target.js';
import { statisticsFileStem } from './statistics-files.js';
import { writeIfChanged } from './write-if-changed.js';

const JSON_TYPE = { contentType: 'application/json' };

/** Rebuilds the statistics export of `period` from the window files 1..`lastWindow`; true if written. */
export async function publishStatisticsExport(
  target: OutputTarget,
  slug: string,
  period: Period,
  lastWindow: number,
): Promise<boolean> {
  const windows: StatisticsWindow[] = [];
  for (let w = 1; w <= lastWindow; w++) {
    const bytes = await target.read(`${statisticsFileStem(slug, period, w)}.json`);
    if (bytes === null) continue;
    windows.push({ windowIndex: w, rows: JSON.parse(new TextDecoder().decode(bytes)) as StatisticRow[] });
  }
  return writeIfChanged(target, statisticsExportPath(slug, period), buildStatisticsExport(windows), JSON_TYPE);
}

/** Appends this run's records to the experiment's log and rebuilds its errors export. */
export async function publishErrors(
  target: OutputTarget,
  slug: string,
  logPath: string,
  records: readonly ErrorRecord[],
  at: { readonly now: Date; readonly enrollmentEndDate: string | null },
): Promise<boolean> {
  const previous = await target.read(logPath);
  const log: ErrorRecord[] = previous === null ? [] : (JSON.parse(new TextDecoder().decode(previous)) as ErrorRecord[]);
  if (records.length > 0) {
    log.push(...records);
    await target.write(logPath, `${JSON.stringify(log, null, 2)}\n`, JSON_TYPE);
  }
  const since = errorsWindowStart(at.now, at.enrollmentEndDate);
  return writeIfChanged(target, errorsExportPath(slug), buildErrorsExport(log, { experiment: slug, since }), JSON_TYPE);
}
