/**
 * Days in an analysis window, the length `normalize_over_analysis_period` divides by.
 *
 * Parity: jetstream analysis period lengths (day 1, week 7, days28 28, preenrollment_week 7,
 * preenrollment_days28 28; overall = (end - start) - (enrollment + 1) + 1 days).
 */
import type { Period } from '../config/spec.js';
import { ConfigError } from '../config/params.js';
import { FIXED_PERIOD_LENGTH, overallLength } from '../experiment/schedule.js';


export function windowLength(
  period: Period,
  experiment: { readonly startDate?: string; readonly endDate?: string; readonly enrollmentPeriod?: number },
): number {
  const fixed = FIXED_PERIOD_LENGTH[period];
  if (fixed !== undefined) return fixed;
  const { startDate, endDate, enrollmentPeriod } = experiment;
  if (startDate === undefined || endDate === undefined || enrollmentPeriod === undefined) {
    throw new ConfigError(
      'overall: the window length needs [experiment] start_date, end_date and enrollment_period in the config, or pass --window-length',
    );
  }
  const length = overallLength(startDate, endDate, enrollmentPeriod);
  if (!(length > 0)) {
    throw new ConfigError(`overall: enrollment period is longer than analysis dates (start ${startDate}, end ${endDate}, enrollment ${enrollmentPeriod} days)`);
  }
  return length;
}
