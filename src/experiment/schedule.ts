/**
 * Which analysis periods are due on a date and which window each computes.
 *
 * Parity: jetstream `Analysis._get_timelimits_if_ready` -> mozanalysis `TimeLimits.for_ts` /
 * `TimeLimits.for_single_analysis_window` (spec section 4). With S the start date and E the
 * enrollment period, enrollments run S..S+E (`num_dates_enrollment = E + 1`):
 * - day / week / days28 (L = 1 / 7 / 28): due when a window just completed, D = S + E + kL - 1; the
 *   window index is the number of complete windows and only that newest window is computed;
 * - preenrollment_week / preenrollment_days28: due only on D = S + E + 1, window [-7,-1] / [-28,-1];
 * - overall: due only on the end date of a Complete experiment, window [0, (end - S) - (E + 1)].
 */
import { PERIODS, type Period } from '../config/spec.js';
import { addDays, diffDays, type IsoDate } from './dates.js';
import { analysisSlug } from './experiment.js';
import type { ConfiguredExperiment } from './apply-overrides.js';
import { ExperimentValidationError, validationMessage } from './validation-error.js';

/** Days since each client's enrollment, both bounds included. */
export interface AnalysisWindow {
  readonly start: number;
  readonly end: number;
}

/** What one due (period, window) computes: mozanalysis TimeLimits restricted to the newest window. */
export interface TimeLimits {
  readonly period: Period;
  /** 1-based; the `<window>` of the table name `<nslug>_<basis>_<period>_<window>`. */
  readonly windowIndex: number;
  readonly window: AnalysisWindow;
  /** Days in the window: the length `normalize_over_analysis_period` divides by. */
  readonly analysisLengthDates: number;
  readonly firstEnrollmentDate: IsoDate;
  /** S + E. */
  readonly lastEnrollmentDate: IsoDate;
  /** S + window.start. */
  readonly firstDateDataRequired: IsoDate;
  /** S + E + window.end. */
  readonly lastDateDataRequired: IsoDate;
  /** The last day with complete data: D, or D - 1 for the single-window periods. */
  readonly lastDateFullData: IsoDate;
}

type Schedulable = Pick<
  ConfiguredExperiment,
  'slug' | 'normandySlug' | 'startDate' | 'endDate' | 'status' | 'enrollmentPeriod'
>;

const SERIES_LENGTH: Partial<Record<Period, number>> = { day: 1, week: 7, days28: 28 };
const PREENROLLMENT_LENGTH: Partial<Record<Period, number>> = { preenrollment_week: 7, preenrollment_days28: 28 };

/** Days in a window of every period but `overall` (whose length depends on the experiment). */
export const FIXED_PERIOD_LENGTH: Partial<Record<Period, number>> = { ...SERIES_LENGTH, ...PREENROLLMENT_LENGTH };

/**
 * Days in the overall window: (end - start) - (E + 1) + 1, the end date itself excluded.
 * Parity: jetstream `_get_timelimits_if_ready` (overall `analysis_length_dates`).
 */
export function overallLength(start: IsoDate, end: IsoDate, enrollmentPeriod: number): number {
  return diffDays(end, start) - (enrollmentPeriod + 1) + 1;
}

/**
 * The time limits of `period` if it is due on `date`, else null. Throws an
 * `ExperimentValidationError` (EnrollmentLongerThanAnalysisException) when the overall period is due
 * but enrollment outlasts the analysis, as Jetstream raises from `_get_timelimits_if_ready`.
 */
export function timeLimitsIfReady(experiment: Schedulable, period: Period, date: IsoDate): TimeLimits | null {
  const start = experiment.startDate;
  if (start === null) return null;
  const e = experiment.enrollmentPeriod;
  const lastEnrollment = addDays(start, e);
  const base = { period, firstEnrollmentDate: start, lastEnrollmentDate: lastEnrollment };

  const seriesLength = SERIES_LENGTH[period];
  if (seriesLength !== undefined) {
    const windows = completeWindows(diffDays(date, lastEnrollment) + 1, seriesLength);
    if (windows <= 0 || windows === completeWindows(diffDays(date, lastEnrollment), seriesLength)) return null;
    const window = { start: (windows - 1) * seriesLength, end: windows * seriesLength - 1 };
    return {
      ...base,
      windowIndex: windows,
      window,
      analysisLengthDates: seriesLength,
      firstDateDataRequired: addDays(start, window.start),
      lastDateDataRequired: addDays(lastEnrollment, window.end),
      lastDateFullData: date,
    };
  }

  const preLength = PREENROLLMENT_LENGTH[period];
  if (preLength !== undefined) {
    if (date !== addDays(start, e + 1)) return null;
    return singleWindow({ base, start, lastEnrollment, window: { start: -preLength, end: -1 }, lastDateFullData: addDays(date, -1) });
  }

  // overall
  if (experiment.endDate === null || experiment.endDate !== date || experiment.status !== 'Complete') return null;
  const length = overallLength(start, experiment.endDate, e);
  const slug = analysisSlug(experiment);
  if (length < 0) {
    throw new ExperimentValidationError(
      'EnrollmentLongerThanAnalysisException',
      validationMessage('EnrollmentLongerThanAnalysisException', slug),
    );
  }
  if (length === 0) throw new ExperimentValidationError('AssertionError', validationMessage('AssertionError', slug));
  return singleWindow({ base, start, lastEnrollment, window: { start: 0, end: length - 1 }, lastDateFullData: addDays(date, -1) });
}

/** Number of complete windows of `length` days in `maxDates` days of post-enrollment data. */
function completeWindows(maxDates: number, length: number): number {
  return Math.floor(maxDates / length);
}

/** mozanalysis `TimeLimits.for_single_analysis_window`: one window, index 1. */
function singleWindow({ base, start, lastEnrollment, window, lastDateFullData }: {
  base: Pick<TimeLimits, 'period' | 'firstEnrollmentDate' | 'lastEnrollmentDate'>;
  start: IsoDate;
  lastEnrollment: IsoDate;
  window: AnalysisWindow;
  lastDateFullData: IsoDate;
}): TimeLimits {
  return {
    ...base,
    windowIndex: 1,
    window,
    analysisLengthDates: window.end - window.start + 1,
    firstDateDataRequired: addDays(start, window.start),
    lastDateDataRequired: addDays(lastEnrollment, window.end),
    lastDateFullData,
  };
}

/**
 * Every period of `periods` (default all, in Jetstream's AnalysisPeriod order) due on `date`, with
 * its window. Throws like `timeLimitsIfReady` for the overall period; `checkRunnable` reports that
 * as a result instead.
 */
export function duePeriods(experiment: Schedulable, date: IsoDate, periods: readonly Period[] = PERIODS): TimeLimits[] {
  const due: TimeLimits[] = [];
  for (const period of periods) {
    const limits = timeLimitsIfReady(experiment, period, date);
    if (limits !== null) due.push(limits);
  }
  return due;
}

/**
 * The window length `normalize_over_analysis_period` uses for `limits`: 1, 7, 28, the overall
 * length, 7 or 28.
 *
 * Parity: jetstream `Analysis.run` passes `analysis_length_dates` of the period's window to
 * `Summary.from_config` (test_run_derives_analysis_length_dates: overall of 30 days -> 30, days28 -> 28).
 */
export function normalizationLength(limits: TimeLimits): number {
  return limits.analysisLengthDates;
}
