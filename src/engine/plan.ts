/**
 * The plan of one analysis window: which columns each table must yield, and one task per
 * (summary, basis, segment), in the order results are written.
 */
import type { AnalysisSpec, Period, SummarySpec } from '../config/spec.js';
import type { AnalysisBasis } from '../results/statistic-row.js';
import { getStatistic } from '../statistics/registry.js';

export interface PlannedSummary {
  readonly summary: SummarySpec;
  readonly label: string;
  /** Columns of the frame (metric unless it has depends_on, upstream columns, statistic columns). */
  readonly columns: readonly string[];
  /** Columns the pretreatments apply to. */
  readonly pretreatedColumns: readonly string[];
  readonly bases: readonly AnalysisBasis[];
}

/** Resolves each summary of `period` to the columns it reads and the bases it runs on. */
export function planSummaries(spec: AnalysisSpec, period: Period): PlannedSummary[] {
  return (spec.periods[period] ?? []).map((summary) => {
    const metric = spec.metrics[summary.metric];
    const statistic = getStatistic(summary.statistic);
    const own = statistic.columns?.(summary.params, summary.metric);
    const upstream = metric?.dependsOn ?? [];
    const columns = new Set<string>();
    if (own === undefined || own.metricColumn) {
      if (upstream.length === 0) columns.add(summary.metric);
    }
    for (const c of own?.required ?? []) columns.add(c);
    for (const c of upstream) columns.add(c);
    const pretreated = upstream.length > 0 ? [...upstream] : [...columns];
    return {
      summary,
      label: statistic.label,
      columns: [...columns],
      pretreatedColumns: pretreated,
      bases: metric?.analysisBases ?? ['enrollments', 'exposures'],
    };
  });
}
