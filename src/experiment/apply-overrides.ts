/**
 * An Experimenter definition with the config's `[experiment]` overrides applied: the experiment an
 * analysis actually runs on, still holding the original definition for the checks that compare the
 * two (enrollment completeness, metadata `external_config`).
 *
 * Parity: metric_config_parser `ExperimentConfiguration` (`start_date`, `end_date`,
 * `reference_branch`, `proposed_enrollment` are `spec or experimenter`; `status` is Complete when the
 * config sets `end_date`; `enrollment_period` rule; `has_external_config_overrides`).
 */
import type { ExperimentOverrides } from '../config/spec.js';
import { diffDays, isIsoDate } from './dates.js';
import type { Experiment } from './experiment.js';

/** The experiment an analysis runs on: Experimenter values with `[experiment]` overrides applied. */
export interface ConfiguredExperiment extends Experiment {
  /** E: days of enrollment the analysis assumes (enrollments run from S to S + E). */
  readonly enrollmentPeriod: number;
  readonly skip: boolean;
  readonly isPrivate: boolean;
  /** `[experiment] dataset_id`; required for private experiments. */
  readonly datasetId: string | null;
  readonly sampleSize: number | null;
  /** The Experimenter definition before overrides. */
  readonly experimenter: Experiment;
  /** The overrides applied (empty when the experiment has no config). */
  readonly overrides: ExperimentOverrides;
}

/** No overrides: what an experiment without a custom config resolves with. */
export const NO_OVERRIDES: ExperimentOverrides = Object.freeze({ other: Object.freeze({}) });

/**
 * Applies `[experiment]` overrides. Python `or` semantics are kept: an empty string or a 0
 * `enrollment_period` counts as unset, as in metric_config_parser.
 */
export function applyOverrides(experiment: Experiment, overrides: ExperimentOverrides = NO_OVERRIDES): ConfiguredExperiment {
  const who = `experiment ${experiment.slug}: [experiment]`;
  for (const key of ['startDate', 'endDate'] as const) {
    const value = overrides[key];
    if (value !== undefined && !isIsoDate(value)) {
      const field = key === 'startDate' ? 'start_date' : 'end_date';
      throw new RangeError(`${who} ${field} must be a YYYY-MM-DD date, got ${JSON.stringify(value)}`);
    }
  }
  const reference = overrides.referenceBranch || experiment.referenceBranch;
  if (overrides.referenceBranch && experiment.branches.length > 0 && !experiment.branches.some((b) => b.slug === overrides.referenceBranch)) {
    const known = experiment.branches.map((b) => b.slug).join(', ');
    throw new RangeError(`${who} reference_branch "${overrides.referenceBranch}" is not a branch of the experiment; known: ${known}`);
  }
  const startDate = overrides.startDate || experiment.startDate;
  const endDate = overrides.endDate || experiment.endDate;
  const proposedEnrollment = overrides.enrollmentPeriod || experiment.proposedEnrollment || 0;
  const outcomes = [...experiment.outcomes];
  for (const o of overrides.outcomes ?? []) if (!outcomes.includes(o)) outcomes.push(o);

  const configured: ConfiguredExperiment = {
    ...experiment,
    startDate,
    endDate,
    referenceBranch: reference ?? null,
    proposedEnrollment,
    outcomes,
    segments: overrides.segments && overrides.segments.length > 0 ? [...overrides.segments] : [...experiment.segments],
    // Parity: "Complete" if experiment_spec.end_date else experimenter status.
    status: overrides.endDate ? 'Complete' : experiment.status,
    enrollmentPeriod: 0,
    skip: overrides.skip ?? false,
    isPrivate: overrides.isPrivate ?? experiment.isPrivate ?? false,
    datasetId: overrides.datasetId ?? null,
    sampleSize: overrides.sampleSize ?? null,
    experimenter: experiment,
    overrides,
  };
  return { ...configured, enrollmentPeriod: enrollmentPeriod(configured) };
}

/**
 * E, Jetstream's enrollment period: the config's `enrollment_period` if set; else
 * `(enrollmentEndDate - startDate) + 1` days when Experimenter gives an enrollment end; else the
 * proposed enrollment (config or Experimenter), else 0.
 *
 * Parity: metric_config_parser `ExperimentConfiguration.enrollment_period` (spec section 4).
 */
export function enrollmentPeriod(
  experiment: Pick<ConfiguredExperiment, 'overrides' | 'enrollmentEndDate' | 'startDate' | 'proposedEnrollment'>,
): number {
  if (experiment.overrides.enrollmentPeriod) return experiment.overrides.enrollmentPeriod;
  if (experiment.enrollmentEndDate !== null && experiment.startDate !== null) {
    return diffDays(experiment.enrollmentEndDate, experiment.startDate) + 1;
  }
  return experiment.proposedEnrollment || 0;
}

/**
 * Whether the config changes what Experimenter says: reference branch, start or end date, proposed
 * enrollment or enrollment end date. Decides whether metadata carries `external_config`.
 *
 * Parity: metric_config_parser `ExperimentConfiguration.has_external_config_overrides`.
 */
export function hasExternalConfigOverrides(experiment: ConfiguredExperiment): boolean {
  const original = experiment.experimenter;
  return (
    experiment.referenceBranch !== original.referenceBranch ||
    experiment.startDate !== original.startDate ||
    experiment.endDate !== original.endDate ||
    experiment.proposedEnrollment !== original.proposedEnrollment ||
    experiment.enrollmentEndDate !== original.enrollmentEndDate
  );
}
