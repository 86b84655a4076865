/**
 * The checks every sampling statistic makes on one branch's values before drawing: the branch has
 * rows, and no null (NaN) reached it. Both raise StatisticError, which the engine records for this
 * branch while the other branches go on.
 *
 * Parity: mozanalysis `get_bootstrap_samples` (`'data' contains null values`), with a message that
 * names the metric, the count and the fix.
 */
import { StatisticError } from '../define.js';

/** Throws unless `values` is non-empty and free of NaN. */
export function requireAnalysableValues(values: Float64Array, metric: string, branch: string, statistic: string): void {
  if (values.length === 0) {
    throw new StatisticError(`${metric}: branch ${JSON.stringify(branch)} has no rows to analyse`);
  }
  let nulls = 0;
  for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) nulls++;
  if (nulls > 0) {
    throw new StatisticError(
      `${metric}: ${nulls} null or NaN values reached ${statistic}; add the remove_nulls or zero_fill pretreatment (remove_indefinites also drops NaN and infinities)`,
    );
  }
}
