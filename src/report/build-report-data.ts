/**
 * Shapes a results directory into the data of a report page: metric descriptions (from Jetstream's
 * metadata, or its defaults), branch order and default reference, one view per (period, window,
 * segment, basis) with its statistics and summary tables, the sample ratio mismatch checks and the
 * run's errors and warnings.
 *
 * Parity: metadata defaults of jetstream `ExperimentMetadata.from_config` (friendly name
 * `name.replace("_", " ").title()`, bigger_is_better true) when the metadata file is absent.
 */
import { defaultFriendlyName } from '../config/python-title.js';
import { orderBranches } from '../engine/order-branches.js';
import type { StatisticRow } from '../results/statistic-row.js';
import type { BranchPlan } from './branch-ratios.js';
import type { ResultsDirectory } from './read-results-dir.js';
import { viewKey, type MetricInfo, type MetricView, type ReportData, type ReportProblem, type ReportView } from './report-data.js';
import { sampleRatioMismatch, SRM_THRESHOLD, type SrmCheck } from './sample-ratio-mismatch.js';
import { shapeStatistic } from './shape-statistic.js';
import { summaryRows } from './summary-rows.js';

const IDENTITY = 'identity';

export function buildReportData(results: ResultsDirectory, plan: BranchPlan | null = null): ReportData {
  const allRows = results.windows.flatMap((w) => w.rows);
  const found = unique(allRows.map((r) => r.branch));
  const branches = orderBranches(found, plan?.branches.map((b) => b.branch), plan?.referenceBranch ?? undefined);
  const defaultReference = plan?.referenceBranch ?? (branches.includes('control') ? 'control' : branches[0]);

  const metrics: Record<string, MetricInfo> = {};
  for (const name of unique(allRows.filter((r) => r.metric !== IDENTITY).map((r) => r.metric))) {
    const meta = results.metadata?.metrics[name];
    metrics[name] = {
      friendlyName: meta?.friendly_name || defaultFriendlyName(name),
      description: meta?.description ?? '',
      biggerIsBetter: meta?.bigger_is_better ?? true,
    };
  }

  const segments = unique(['all', ...allRows.map((r) => r.segment)]).filter((s) => allRows.some((r) => r.segment === s));
  const bases = (['enrollments', 'exposures'] as const).filter((b) => allRows.some((r) => r.analysis_basis === b));
  const ratios = plan?.branches ?? found.map((branch) => ({ branch, ratio: 1 }));

  const views: Record<string, ReportView> = {};
  const srm: SrmCheck[] = [];
  for (const { period, window, rows } of results.windows) {
    for (const segment of segments) {
      for (const basis of bases) {
        const own = rows.filter((r) => r.segment === segment && r.analysis_basis === basis);
        if (own.length === 0) continue;
        const view = buildView({ period, window, segment, basis, rows: own, branches, metrics });
        views[view.key] = view;
        const check = sampleRatioMismatch({ period, window, segment, basis, counts: view.counts, ratios });
        if (check !== null) srm.push(check);
      }
    }
  }

  return {
    slug: results.nslug,
    branches,
    defaultReference,
    windows: results.windows.map((w) => ({ period: w.period, window: w.window })),
    segments,
    bases: [...bases],
    metrics,
    views,
    srm,
    srmThreshold: SRM_THRESHOLD,
    problems: results.errors.map(
      (e): ReportProblem => ({
        level: e.log_level ?? 'ERROR',
        metric: e.metric ?? null,
        statistic: e.statistic ?? null,
        segment: e.segment ?? null,
        basis: e.analysis_basis ?? null,
        period: e.analysis_period ?? null,
        message: e.message ?? '',
        exceptionType: e.exception_type ?? null,
        timestamp: e.timestamp ?? null,
      }),
    ),
  };
}

interface ViewInput {
  readonly period: string;
  readonly window: number;
  readonly segment: string;
  readonly basis: 'enrollments' | 'exposures';
  readonly rows: readonly StatisticRow[];
  readonly branches: readonly string[];
  readonly metrics: Readonly<Record<string, MetricInfo>>;
}

function buildView(input: ViewInput): ReportView {
  const counts: Record<string, number> = {};
  for (const r of input.rows) {
    if (r.metric === IDENTITY && r.statistic === 'count' && r.comparison === null && r.point !== null) counts[r.branch] = r.point;
  }
  const byMetric = new Map<string, Map<string, StatisticRow[]>>();
  for (const r of input.rows) {
    if (r.metric === IDENTITY) continue;
    let statistics = byMetric.get(r.metric);
    if (statistics === undefined) byMetric.set(r.metric, (statistics = new Map()));
    let list = statistics.get(r.statistic);
    if (list === undefined) statistics.set(r.statistic, (list = []));
    list.push(r);
  }
  const metrics: MetricView[] = [...byMetric].map(([metric, statistics]) => ({
    metric,
    statistics: [...statistics].map(([statistic, rows]) =>
      shapeStatistic({ statistic, rows, branches: input.branches, biggerIsBetter: input.metrics[metric].biggerIsBetter }),
    ),
  }));
  const summary: ReportView['summary'] = {};
  for (const reference of input.branches) summary[reference] = summaryRows(metrics, input.metrics, reference);
  return {
    key: viewKey(input.period, input.window, input.segment, input.basis),
    period: input.period,
    window: input.window,
    segment: input.segment,
    basis: input.basis,
    counts,
    metrics,
    summary,
  };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
