/**
 * Whether an experiment can be analysed, with Jetstream's checks in Jetstream's order and its exact
 * messages. A failure is returned as data, never thrown: one experiment that cannot run does not
 * stop a multi-experiment run.
 *
 * Parity: jetstream `Analysis.check_runnable` (no slug, skip, high population, no enrollment period,
 * no start date, ended, rollout, unsupported app) and the checks `Analysis.run` adds before computing
 * (enrollment not complete; enrollment longer than analysis, raised while scheduling `overall`).
 */
import { PERIODS, type Period } from '../config/spec.js';
import type { IsoDate } from './dates.js';
import { analysisSlug } from './experiment.js';
import type { ConfiguredExperiment } from './apply-overrides.js';
import { isSupportedApp } from './platforms.js';
import { timeLimitsIfReady } from './schedule.js';
import {
  ExperimentValidationError,
  isValidationException,
  validationMessage,
  type ValidationExceptionType,
} from './validation-error.js';

/** Runnable, or the Jetstream exception that stops the analysis, as data. */
export type RunnabilityResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Jetstream's exception class name, e.g. `EndedException`. */
      readonly exceptionType: ValidationExceptionType;
      /** Jetstream's message, e.g. `my-slug -> Experiment has already ended.` */
      readonly message: string;
      /** True for ValidationExceptions (logged, the run still succeeds). */
      readonly isValidation: boolean;
    };

const OK: RunnabilityResult = Object.freeze({ ok: true });

function failure(type: ValidationExceptionType, experiment: ConfiguredExperiment): RunnabilityResult {
  return {
    ok: false,
    exceptionType: type,
    message: validationMessage(type, analysisSlug(experiment), experiment.appName),
    isValidation: isValidationException(type),
  };
}

/**
 * Jetstream's `check_runnable(current_date)`. Without `date` the ended check is skipped, as in
 * Jetstream's `validate()` (config validation).
 */
export function checkRunnable(experiment: ConfiguredExperiment, date?: IsoDate): RunnabilityResult {
  if (!analysisSlug(experiment)) return failure('NoSlugException', experiment);
  if (experiment.skip) return failure('ExplicitSkipException', experiment);
  if (experiment.isHighPopulation) return failure('HighPopulationException', experiment);
  if (!experiment.enrollmentPeriod) return failure('NoEnrollmentPeriodException', experiment);
  if (experiment.startDate === null) return failure('NoStartDateException', experiment);
  // Parity: `end_date < current_date` on UTC midnights; the end date itself still runs.
  if (date !== undefined && experiment.endDate !== null && experiment.endDate < date) {
    return failure('EndedException', experiment);
  }
  if (experiment.isRollout) return failure('RolloutSkipException', experiment);
  if (!isSupportedApp(experiment.appName)) return failure('UnsupportedApplicationException', experiment);
  return OK;
}

/**
 * Whether enrollment is still running: Experimenter has not paused enrollment and the config does
 * not override the enrollment period (a config `enrollment_period` bypasses the check).
 *
 * Parity: jetstream `Analysis.run`: `is_enrollment_paused is False` and proposed enrollment,
 * enrollment end date unchanged and `experiment_spec.enrollment_period is None`.
 */
export function isEnrollmentIncomplete(experiment: ConfiguredExperiment): boolean {
  const original = experiment.experimenter;
  return (
    experiment.isEnrollmentPaused === false &&
    experiment.proposedEnrollment === original.proposedEnrollment &&
    experiment.enrollmentEndDate === original.enrollmentEndDate &&
    experiment.overrides.enrollmentPeriod === undefined
  );
}

/**
 * Every check Jetstream makes before computing anything for `date`: `checkRunnable(date)`, then
 * enrollment not complete, then (when `overall` is among `periods` and due) enrollment longer than
 * the analysis. In Jetstream the last one aborts the whole date, so no period runs.
 */
export function checkBeforeRun(
  experiment: ConfiguredExperiment,
  date: IsoDate,
  periods: readonly Period[] = PERIODS,
): RunnabilityResult {
  const runnable = checkRunnable(experiment, date);
  if (!runnable.ok) return runnable;
  if (isEnrollmentIncomplete(experiment)) return failure('EnrollmentNotCompleteException', experiment);
  if (periods.includes('overall')) {
    try {
      timeLimitsIfReady(experiment, 'overall', date);
    } catch (e) {
      if (e instanceof ExperimentValidationError) return failure(e.exceptionType, experiment);
      throw e;
    }
  }
  return OK;
}
