/**
 * A logged failure as Jetstream's BigQuery logs table holds it (one row per WARNING+ record), and
 * the errors export built from those rows.
 *
 * Parity: jetstream `logging.BigQueryLogHandler` rows and `export_json._get_experiment_logs_as_json`
 * / `export_experiment_logs` (spec section 5.4).
 */
import { normalizeSlug } from '../sources/locate-table.js';

/** Python logging level names. */
export type LogLevel = 'CRITICAL' | 'ERROR' | 'WARNING' | 'INFO' | 'DEBUG';
/** The logs table `source` column. */
export type LogSource = 'jetstream' | 'sizing' | 'jetstream-preview' | 'jetstream-testing';

/** One row of the logs table, fields in the table's order. */
export interface ErrorRecord {
  /** UTC, `%Y-%m-%d %H:%M:%S`. */
  readonly timestamp: string;
  readonly source: LogSource;
  readonly experiment: string | null;
  readonly metric: string | null;
  readonly statistic: string | null;
  readonly analysis_basis: string | null;
  readonly segment: string | null;
  /** e.g. `week`, or `day_3` for a per-window failure. */
  readonly analysis_period: string | null;
  readonly message: string;
  readonly log_level: LogLevel;
  readonly exception: string | null;
  readonly filename: string | null;
  readonly func_name: string | null;
  /** Class name of the exception, e.g. `StatisticComputationException`, or null. */
  readonly exception_type: string | null;
}

/** Inputs of `buildErrorRecord`, camelCase; absent fields become null. */
export interface ErrorRecordInput {
  readonly at: Date;
  readonly message: string;
  readonly experiment?: string | null;
  readonly metric?: string | null;
  readonly statistic?: string | null;
  readonly analysisBasis?: string | null;
  readonly segment?: string | null;
  readonly analysisPeriod?: string | null;
  readonly logLevel?: LogLevel;
  readonly exceptionType?: string | null;
  /** Text of the exception; default `<exceptionType>: <message>` when there is a type. */
  readonly exception?: string | null;
  readonly filename?: string | null;
  readonly funcName?: string | null;
  readonly source?: LogSource;
}

/** Jetstream's `strftime("%Y-%m-%d %H:%M:%S")` of an instant, in UTC. */
export function logTimestamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** Builds a record; level ERROR and source `jetstream` unless told. */
export function buildErrorRecord(input: ErrorRecordInput): ErrorRecord {
  if (Number.isNaN(input.at.getTime())) throw new RangeError('error record: at must be a valid Date, got Invalid Date');
  const exceptionType = input.exceptionType ?? null;
  return {
    timestamp: logTimestamp(input.at),
    source: input.source ?? 'jetstream',
    experiment: input.experiment ?? null,
    metric: input.metric ?? null,
    statistic: input.statistic ?? null,
    analysis_basis: input.analysisBasis ?? null,
    segment: input.segment ?? null,
    analysis_period: input.analysisPeriod ?? null,
    message: input.message,
    log_level: input.logLevel ?? 'ERROR',
    exception: input.exception !== undefined ? input.exception : exceptionType === null ? null : `${exceptionType}: ${input.message}`,
    filename: input.filename ?? null,
    func_name: input.funcName ?? null,
    exception_type: exceptionType,
  };
}

/** Exception types the errors export leaves out. */
export const SKIPPED_EXCEPTION_TYPES: readonly string[] = Object.freeze(['EndedException', 'EnrollmentNotCompleteException']);

/** Filters of `buildErrorsExport`, as Jetstream's logs query applies them. */
export interface ErrorsExportOptions {
  /** Only records of this experiment slug. */
  readonly experiment?: string;
  /** Only records at or after this instant, floored to the minute (see `errorsWindowStart`). */
  readonly since?: Date | null;
  /**
   * Keep records without an exception type. Default false: Jetstream's SQL `exception_type != 'X'`
   * drops NULLs too (quirk 15), so warnings without an exception never reach the export.
   */
  readonly keepWithoutExceptionType?: boolean;
}

/** `errors/errors_<nslug>.json`, relative to the output root. */
export function errorsExportPath(slug: string): string {
  return `errors/errors_${normalizeSlug(slug)}.json`;
}

/**
 * The errors export text: records filtered as Jetstream's query does, ordered by timestamp (stable),
 * serialized as `AnalysisErrors` (fields in that model's order, `analysis_period` dropped, the
 * timestamp as the ISO datetime pydantic writes, `YYYY-MM-DDTHH:MM:SS+00:00`).
 */
export function buildErrorsExport(records: readonly ErrorRecord[], options: ErrorsExportOptions = {}): string {
  const since = options.since ? logTimestamp(floorToMinute(options.since)) : null;
  const kept = records
    .filter((r) => options.experiment === undefined || r.experiment === options.experiment)
    .filter((r) => since === null || r.timestamp >= since)
    .filter((r) =>
      r.exception_type === null ? options.keepWithoutExceptionType === true : !SKIPPED_EXCEPTION_TYPES.includes(r.exception_type),
    )
    .map((r, i) => ({ r, i }))
    // `%Y-%m-%d %H:%M:%S` sorts as text in time order.
    .sort((a, b) => (a.r.timestamp < b.r.timestamp ? -1 : a.r.timestamp > b.r.timestamp ? 1 : a.i - b.i))
    .map(({ r }) => ({
      analysis_basis: r.analysis_basis,
      source: r.source,
      exception: r.exception,
      exception_type: r.exception_type,
      experiment: r.experiment,
      filename: r.filename,
      func_name: r.func_name,
      log_level: r.log_level,
      message: r.message,
      metric: r.metric,
      segment: r.segment,
      statistic: r.statistic,
      timestamp: `${r.timestamp.replace(' ', 'T')}+00:00`,
    }));
  return JSON.stringify(kept);
}

/**
 * Start of the "current weekly analysis" the export is limited to: the last of enrollment end + 1
 * day, + 1 week, ... that is before `analysisStart`; `analysisStart` itself when there is no
 * enrollment end or no such day.
 *
 * Parity: jetstream `export_experiment_logs` (`weekly_analysis_start`).
 */
export function errorsWindowStart(analysisStart: Date, enrollmentEndDate: string | null): Date {
  if (enrollmentEndDate === null) return analysisStart;
  let result = analysisStart;
  let t = Date.parse(`${enrollmentEndDate}T00:00:00Z`) + 86_400_000;
  while (t < analysisStart.getTime()) {
    result = new Date(t);
    t += 7 * 86_400_000;
  }
  return result;
}

function floorToMinute(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 60_000) * 60_000);
}
