/**
 * Jetstream's statistics row, schema version 4 (`StatisticResult`): declared once here and used by
 * every statistic, sink and test.
 */

export const SCHEMA_VERSION = 4;

export type Comparison = 'difference' | 'relative_uplift';
export type AnalysisBasis = 'enrollments' | 'exposures';

/** A results row as written: NaN and ±inf already null, `parameter` a 6-decimal string. */
export interface StatisticRow {
  metric: string;
  statistic: string;
  parameter: string | null;
  branch: string;
  comparison: Comparison | null;
  comparison_to_branch: string | null;
  ci_width: number | null;
  point: number | null;
  lower: number | null;
  upper: number | null;
  segment: string;
  analysis_basis: AnalysisBasis;
}

/** The column order of the schema, for sinks. */
export const STATISTIC_COLUMNS = [
  'metric',
  'statistic',
  'parameter',
  'branch',
  'comparison',
  'comparison_to_branch',
  'ci_width',
  'point',
  'lower',
  'upper',
  'segment',
  'analysis_basis',
] as const satisfies readonly (keyof StatisticRow)[];

/** What a statistic produces: the engine adds metric, statistic label, segment and basis. */
export interface RowDraft {
  branch: string;
  parameter?: number | string | null;
  comparison?: Comparison | null;
  comparisonToBranch?: string | null;
  ciWidth?: number | null;
  point: number | null;
  lower?: number | null;
  upper?: number | null;
}
