/**
 * The data a results report page is rendered from: every view (period, window, segment, basis) of a
 * results directory, shaped in Node so the page only looks values up and draws them. Embedded in the
 * page as JSON; src/report/page/report-page.js reads exactly these fields.
 */
import type { AnalysisBasis } from '../results/statistic-row.js';
import type { SrmCheck } from './sample-ratio-mismatch.js';

/** How an interval of a comparison reads, given whether bigger is better for the metric. */
export type Verdict = 'better' | 'worse' | 'inconclusive';

/** One value with its interval; nulls where the statistic wrote none (NaN or infinite). */
export interface IntervalValue {
  readonly branch: string;
  readonly point: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** A comparison of `branch` against the reference the record is filed under. */
export interface ComparisonValue extends IntervalValue {
  readonly verdict: Verdict;
}

/** A curve over a grid (deciles, KDE, ECDF): parallel arrays, bands null when not written. */
export interface Series {
  readonly x: number[];
  readonly y: (number | null)[];
  readonly lower: (number | null)[] | null;
  readonly upper: (number | null)[] | null;
}

/** A statistic with one value per branch (mean, binomial, sum, count, mean_lm, ...). */
export interface PointStatisticView {
  readonly kind: 'point';
  readonly statistic: string;
  readonly absolute: IntervalValue[];
  /** Keyed by reference branch: every other branch against it. */
  readonly relative: Record<string, ComparisonValue[]>;
  readonly difference: Record<string, ComparisonValue[]>;
}

/** Deciles: per-branch quantiles and, per reference, each branch's relative uplift per decile. */
export interface DecileStatisticView {
  readonly kind: 'deciles';
  readonly statistic: string;
  readonly absolute: Record<string, Series>;
  readonly relative: Record<string, Record<string, Series>>;
}

/** KDE or ECDF curves per branch, on a linear or geometric grid. */
export interface DistributionStatisticView {
  readonly kind: 'distribution';
  readonly statistic: string;
  readonly geometric: boolean;
  readonly series: Record<string, Series>;
}

export type StatisticView = PointStatisticView | DecileStatisticView | DistributionStatisticView;

/** The statistics of one metric in one view, in the order the results list them. */
export interface MetricView {
  readonly metric: string;
  readonly statistics: StatisticView[];
}

/** One row of the summary table: a metric's relative uplift per branch against one reference. */
export interface SummaryRow {
  readonly metric: string;
  readonly friendlyName: string;
  readonly statistic: string;
  readonly cells: ComparisonValue[];
}

/** Everything shown for one (period, window, segment, basis). */
export interface ReportView {
  readonly key: string;
  readonly period: string;
  readonly window: number;
  readonly segment: string;
  readonly basis: AnalysisBasis;
  /** Client counts per branch from the `identity` / `count` rows. */
  readonly counts: Record<string, number>;
  readonly metrics: MetricView[];
  /** Keyed by reference branch. */
  readonly summary: Record<string, SummaryRow[]>;
}

/** A metric's names and direction, from Jetstream's metadata or its defaults. */
export interface MetricInfo {
  readonly friendlyName: string;
  readonly description: string;
  readonly biggerIsBetter: boolean;
}

/** An error or warning of the run, as the page lists it. */
export interface ReportProblem {
  readonly level: string;
  readonly metric: string | null;
  readonly statistic: string | null;
  readonly segment: string | null;
  readonly basis: string | null;
  readonly period: string | null;
  readonly message: string;
  readonly exceptionType: string | null;
  readonly timestamp: string | null;
}

/** The whole page: every view of the results directory, the SRM checks and the run's problems. */
export interface ReportData {
  readonly slug: string;
  readonly branches: string[];
  readonly defaultReference: string;
  readonly windows: { period: string; window: number }[];
  readonly segments: string[];
  readonly bases: string[];
  readonly metrics: Record<string, MetricInfo>;
  readonly views: Record<string, ReportView>;
  readonly srm: SrmCheck[];
  readonly srmThreshold: number;
  readonly problems: ReportProblem[];
}

/** The key of a view in `ReportData.views`. */
export function viewKey(period: string, window: number, segment: string, basis: string): string {
  return `${period}|${window}|${segment}|${basis}`;
}
