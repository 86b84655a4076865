/**
 * An experiment as Experimenter defines it (v8 / Nimbus JSON), mapped to the fields Jetstream's
 * `metric_config_parser.experiment.Experiment` keeps. Dates are UTC `YYYY-MM-DD` days.
 *
 * Parity: jetstream `experimenter.ExperimentV6.to_experiment` -> metric_config_parser `Experiment`.
 */
import type { IsoDate } from './dates.js';

/** A branch and its relative share of the population. */
export interface Branch {
  readonly slug: string;
  readonly ratio: number;
}

/** Experimenter's `bucketConfig`; kept for reference, Contrail does not randomize. */
export interface BucketConfig {
  readonly randomizationUnit?: string;
  readonly namespace?: string;
  readonly start?: number;
  readonly count?: number;
  readonly total?: number;
}

/** Jetstream's experiment status: Live while running, Complete once ended (see `experimentStatus`). */
export type ExperimentStatus = 'Live' | 'Complete';

/** One experiment definition. Parity: metric_config_parser `experiment.Experiment`. */
export interface Experiment {
  /** Experimenter slug; for Nimbus experiments it is also the Normandy slug used in table names. */
  readonly slug: string;
  /** Legacy (v1) experiments carry a separate Normandy slug; `analysisSlug()` prefers it. */
  readonly normandySlug?: string;
  /** Jetstream's experiment type: `v6` for every Nimbus (v6/v8 API) experiment. */
  readonly type: string;
  readonly branches: readonly Branch[];
  readonly startDate: IsoDate | null;
  readonly endDate: IsoDate | null;
  /** Days of proposed enrollment; null in the JSON becomes 0. */
  readonly proposedEnrollment: number;
  readonly enrollmentEndDate: IsoDate | null;
  readonly referenceBranch: string | null;
  /** Platform, e.g. `firefox_desktop` (Jetstream's default when absent). */
  readonly appName: string;
  /** Application id, e.g. `org.mozilla.firefox` (default `firefox-desktop`). */
  readonly appId: string;
  readonly outcomes: readonly string[];
  /** Segments the definition names; Experimenter gives none, `[experiment] segments` adds them. */
  readonly segments: readonly string[];
  readonly isEnrollmentPaused: boolean;
  readonly isRollout: boolean;
  /** Always false for Nimbus experiments (Jetstream sets it only for legacy ones). */
  readonly isHighPopulation: boolean;
  readonly isPrivate?: boolean;
  readonly status: ExperimentStatus;
  readonly bucketConfig?: BucketConfig;
}

/**
 * Live while the experiment has no end date or ends after `asOf`, else Complete.
 *
 * Parity: jetstream `ExperimentV6.to_experiment`: `Live if endDate is None or endDate >= now()`.
 * `endDate` is a UTC midnight, so with `now` during day `asOf` that is `endDate > asOf`; pass the
 * wall-clock UTC day for Jetstream's behaviour, or a fixed day for a reproducible run.
 */
export function experimentStatus(endDate: IsoDate | null, asOf: IsoDate): ExperimentStatus {
  return endDate === null || endDate > asOf ? 'Live' : 'Complete';
}

/** The slug analyses and table names use: the Normandy slug when there is one. */
export function analysisSlug(experiment: Pick<Experiment, 'slug' | 'normandySlug'>): string {
  return experiment.normandySlug ?? experiment.slug;
}
