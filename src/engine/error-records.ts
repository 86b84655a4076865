/**
 * A run's problems as Jetstream's logs-table rows (`errors_<nslug>.json` beside the statistics):
 * experiment, metric, statistic, analysis_basis, segment, analysis_period, log_level, message,
 * exception_type, timestamp, ...
 */
import { buildErrorRecord, type ErrorRecord } from '../results/error-record.js';
import type { LocatedProblem } from './analyze-window.js';

export function errorRecordsOf(
  problems: readonly LocatedProblem[],
  at: { readonly experiment: string; readonly period: string; readonly now: Date },
): ErrorRecord[] {
  return problems.map((p) =>
    buildErrorRecord({
      at: at.now,
      message: p.message,
      experiment: at.experiment,
      metric: p.metric,
      statistic: p.statistic,
      analysisBasis: p.analysisBasis,
      segment: p.segment,
      analysisPeriod: at.period,
      logLevel: p.level,
      exceptionType: p.exceptionType,
    }),
  );
}

export function errorRecordsJson(
  problems: readonly LocatedProblem[],
  at: { readonly experiment: string; readonly period: string; readonly now: Date },
): string {
  return `${JSON.stringify(errorRecordsOf(problems, at), null, 2)}\n`;
}
