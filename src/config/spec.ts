/**
 * The resolved analysis spec: what a jetstream-config TOML (plus defaults) asks Contrail to compute.
 * Plain data, validated once on the main thread; summaries cross to workers as they are.
 */
import type { AnalysisBasis } from '../results/statistic-row.js';
import type { RawParams } from './params.js';

/** Jetstream's AnalysisPeriod values (also the `<period>` of table names). */
export const PERIODS = ['day', 'week', 'days28', 'overall', 'preenrollment_week', 'preenrollment_days28'] as const;
export type Period = (typeof PERIODS)[number];

/** `[metrics]` list keys per period, as Jetstream's TOML spells them (`28_day`, not `days28`). */
export const PERIOD_LIST_KEYS: Readonly<Record<string, Period>> = {
  daily: 'day',
  weekly: 'week',
  '28_day': 'days28',
  overall: 'overall',
  preenrollment_weekly: 'preenrollment_week',
  preenrollment_days28: 'preenrollment_days28',
};

/** A configured pretreatment: its name and its validated parameters. */
export interface PretreatmentSpec {
  readonly name: string;
  readonly params: unknown;
}

/** One (metric, statistic, pretreatments): Jetstream's Summary. */
export interface SummarySpec {
  readonly metric: string;
  readonly statistic: string;
  /** Validated by the statistic definition's `params()`. */
  readonly params: unknown;
  readonly pretreatments: readonly PretreatmentSpec[];
}

export interface MetricSpec {
  readonly name: string;
  readonly friendlyName: string;
  readonly description: string;
  readonly biggerIsBetter: boolean;
  readonly analysisBases: readonly AnalysisBasis[];
  readonly dependsOn: readonly string[];
  /** Definitions used when the metric is computed in BigQuery; unused for local tables. */
  readonly selectExpression?: string;
  readonly dataSource?: string;
}

export interface SegmentSpec {
  readonly name: string;
  readonly friendlyName: string;
  readonly description: string;
}

/** `[experiment]` overrides of the Experimenter definition; every field optional. */
export interface ExperimentOverrides {
  readonly startDate?: string;
  readonly endDate?: string;
  readonly enrollmentPeriod?: number;
  readonly referenceBranch?: string;
  readonly segments?: readonly string[];
  readonly outcomes?: readonly string[];
  readonly skip?: boolean;
  readonly isPrivate?: boolean;
  readonly datasetId?: string;
  readonly sampleSize?: number;
  /** Keys Contrail reads but does not act on locally (enrollment_query, exposure_signal...). */
  readonly other: RawParams;
}

export interface AnalysisSpec {
  readonly experiment: ExperimentOverrides;
  /** Every metric referenced in any period list, by name. */
  readonly metrics: Readonly<Record<string, MetricSpec>>;
  /** Summaries per period, in config order; a period with no list is absent. */
  readonly periods: Readonly<Partial<Record<Period, readonly SummarySpec[]>>>;
  /** Defined `[segments.<s>]` tables, by name. */
  readonly segments: Readonly<Record<string, SegmentSpec>>;
}
