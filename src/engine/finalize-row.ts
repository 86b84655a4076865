/**
 * Turns a statistic's row draft into a schema-v4 row: coordinates added, NaN and ±inf as null,
 * `parameter` as Jetstream's decimal string.
 *
 * Parity: jetstream StatisticResult validators (suppress_infinites, parameter rounding).
 */
import { formatParameter } from '../results/format-parameter.js';
import type { AnalysisBasis, RowDraft, StatisticRow } from '../results/statistic-row.js';

export interface RowCoordinates {
  readonly metric: string;
  readonly statistic: string;
  readonly segment: string;
  readonly basis: AnalysisBasis;
}

function finite(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

export function finalizeRow(draft: RowDraft, at: RowCoordinates): StatisticRow {
  return {
    metric: at.metric,
    statistic: at.statistic,
    parameter: formatParameter(draft.parameter),
    branch: draft.branch,
    comparison: draft.comparison ?? null,
    comparison_to_branch: draft.comparisonToBranch ?? null,
    ci_width: finite(draft.ciWidth),
    point: finite(draft.point),
    lower: finite(draft.lower),
    upper: finite(draft.upper),
    segment: at.segment,
    analysis_basis: at.basis,
  };
}
