/**
 * Why an experiment cannot be analysed on a date: Jetstream's validation exceptions, by class name
 * and with their exact messages (`<slug> -> <reason>`).
 *
 * Parity: jetstream `errors.py` (`ValidationException` subclasses and
 * `UnsupportedApplicationException`, which is not a ValidationException and so fails the run).
 */

/** Each exception's default message (after `<slug> -> `), verbatim from jetstream `errors.py`. */
export const VALIDATION_MESSAGES = {
  NoSlugException: 'Experiment has no slug.',
  ExplicitSkipException: 'Experiment is configured with skip=true.',
  HighPopulationException: 'Experiment has high population.',
  NoEnrollmentPeriodException: 'Experiment has no enrollment period.',
  NoStartDateException: 'Experiment has no start date.',
  EndedException: 'Experiment has already ended.',
  RolloutSkipException: 'Experiment is a rollout and will not be analyzed.',
  UnsupportedApplicationException: 'not found in platform config:experiment will not be analyzed.',
  EnrollmentNotCompleteException: 'Experiment has not finished enrollment.',
  EnrollmentLongerThanAnalysisException: 'Enrollment period is longer than analysis dates.',
  /** Not a Jetstream class: mozanalysis asserts on an empty overall window (length 0). */
  AssertionError: 'Overall analysis window is empty: the end date leaves no day after enrollment.',
} as const;

/** Jetstream exception class names a check can report. */
export type ValidationExceptionType = keyof typeof VALIDATION_MESSAGES;

/** Jetstream's message for `type` about experiment `slug`, verbatim. */
export function validationMessage(type: ValidationExceptionType, slug: string, appName?: string): string {
  if (type === 'NoSlugException') return VALIDATION_MESSAGES.NoSlugException;
  if (type === 'UnsupportedApplicationException') return `${slug} -> ${appName} ${VALIDATION_MESSAGES.UnsupportedApplicationException}`;
  return `${slug} -> ${VALIDATION_MESSAGES[type]}`;
}

/**
 * Whether Jetstream treats the failure as a ValidationException: logged, but the run still succeeds.
 * UnsupportedApplicationException (and the assertion) make the run's exit status non-zero.
 */
export function isValidationException(type: ValidationExceptionType): boolean {
  return type !== 'UnsupportedApplicationException' && type !== 'AssertionError';
}

/** Thrown by the schedule when a period cannot be computed; runnability turns it into a result. */
export class ExperimentValidationError extends Error {
  override name = 'ExperimentValidationError';
  constructor(
    readonly exceptionType: ValidationExceptionType,
    message: string,
  ) {
    super(message);
  }
}
