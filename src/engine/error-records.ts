/**
 * Analysis problems as Jetstream's error records (the logs table rows exported to
 * `errors_<nslug>.json`): experiment, metric, statistic, analysis_basis, segment, analysis_period,
 * log_level, message, exception_type, timestamp.
 */
import type { LocatedProblem } from './analyze-window.js';

export interface ErrorRecord {
  experiment: string;
  metric: string | null;
  statistic: string | null;
  analysis_basis: string | null;
  segment: string | null;
  analysis_period: string;
  log_level: 'ERROR' | 'WARNING';
  message: string;
  exception_type: string | null;
  timestamp: string;
}

/** `%Y-%m-%d %H:%M:%S` in UTC, as Jetstream's log handler writes it. */
export function formatLogTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

export function errorRecordsJson(
  problems: readonly LocatedProblem[],
  at: { readonly experiment: string; readonly period: string; readonly now: Date },
): string {
  const timestamp = formatLogTimestamp(at.now);
  const records: ErrorRecord[] = problems.map((p) => ({
    experiment: at.experiment,
    metric: p.metric,
    statistic: p.statistic,
    analysis_basis: p.analysisBasis,
    segment: p.segment,
    analysis_period: at.period,
    log_level: p.level,
    message: p.message,
    exception_type: p.exceptionType,
    timestamp,
  }));
  return `${JSON.stringify(records, null, 2)}\n`;
}
