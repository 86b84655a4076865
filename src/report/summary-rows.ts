/**
 * The summary table of a view against one reference branch: one row per metric and per statistic
 * that has relative-uplift comparisons, each cell a branch's relative uplift with its interval and
 * verdict, in metric order then branch order.
 *
 * Reference: the "Overview" table of Experimenter's results page (relative change per branch).
 */
import type { MetricInfo, MetricView, SummaryRow } from './report-data.js';

export function summaryRows(metrics: readonly MetricView[], info: Readonly<Record<string, MetricInfo>>, reference: string): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const metric of metrics) {
    for (const statistic of metric.statistics) {
      if (statistic.kind !== 'point') continue;
      const cells = statistic.relative[reference];
      if (cells === undefined || cells.length === 0) continue;
      rows.push({ metric: metric.metric, friendlyName: info[metric.metric]?.friendlyName ?? metric.metric, statistic: statistic.statistic, cells });
    }
  }
  return rows;
}
