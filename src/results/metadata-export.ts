/**
 * The metadata JSON dashboards read next to the statistics: metric names and descriptions, outcomes,
 * the config's overrides of Experimenter, and when the analysis started.
 *
 * Parity: jetstream `metadata.ExperimentMetadata.from_config` / `export_metadata` (spec section 5.3):
 * schema_version 4, `friendly_name` default `name.replace("_", " ").title()`, `description`
 * default "", `external_config` only when `has_external_config_overrides()`, nothing for private
 * experiments.
 */
import { PERIODS, type AnalysisSpec } from '../config/spec.js';
import { hasExternalConfigOverrides, type ConfiguredExperiment } from '../experiment/apply-overrides.js';
import { analysisSlug } from '../experiment/experiment.js';
import { normalizeSlug } from '../sources/locate-table.js';
import { SCHEMA_VERSION } from './statistic-row.js';
import { defaultFriendlyName } from '../config/python-title.js';

/** Jetstream's `METRIC_HUB_REPO`; external config URLs point into it. */
export const METRIC_HUB_REPO = 'https://github.com/mozilla/metric-hub';

/** Metadata of one metric. Parity: mozilla_nimbus_schemas `jetstream.Metric`. */
export interface MetricMetadata {
  readonly friendly_name: string;
  readonly description: string;
  readonly bigger_is_better: boolean;
  readonly analysis_bases: readonly string[];
}

/** Metadata of one outcome. Parity: mozilla_nimbus_schemas `jetstream.Outcome`. */
export interface OutcomeMetadata {
  readonly slug: string;
  readonly friendly_name: string;
  readonly description: string;
  readonly metrics: readonly string[];
  readonly default_metrics: readonly string[];
  /** Git commit of the outcome file; omitted when unknown (a local outcome directory). */
  readonly commit_hash?: string;
}

/** What the config overrides; a field is null when it equals Experimenter. Parity: `jetstream.ExternalConfig`. */
export interface ExternalConfigMetadata {
  readonly reference_branch: string | null;
  readonly end_date: string | null;
  readonly start_date: string | null;
  readonly enrollment_period: number | null;
  readonly skip: boolean;
  readonly url: string;
}

/** The metadata document, keys in the pydantic model's order. Parity: `jetstream.Metadata`. */
export interface Metadata {
  readonly analysis_start_time: string | null;
  readonly external_config: ExternalConfigMetadata | null;
  readonly metrics: Readonly<Record<string, MetricMetadata>>;
  readonly outcomes: Readonly<Record<string, OutcomeMetadata>>;
  readonly version_info: null;
  readonly version_date: null;
  readonly schema_version: number;
}

/** An outcome definition (`outcomes/<app>/<slug>.toml`) as metadata needs it. */
export interface OutcomeInput {
  readonly slug: string;
  readonly friendlyName: string;
  readonly description: string;
  /** Metrics the outcome defines, in file order. */
  readonly metrics: readonly string[];
  /** Metrics it references without defining (`default_metrics`). */
  readonly defaultMetrics: readonly string[];
  readonly commitHash?: string | null;
}

/** Inputs of `buildMetadata`. */
export interface BuildMetadataInput {
  readonly experiment: ConfiguredExperiment;
  readonly spec: AnalysisSpec;
  /** Outcome definitions available; those the experiment names are reported, others ignored. */
  readonly outcomes?: readonly OutcomeInput[];
  readonly analysisStartTime?: Date | null;
  /** Repository the external config URL points into; default metric-hub. */
  readonly configRepo?: string;
}

/** `metadata/metadata_<nslug>.json`, relative to the output root. */
export function metadataExportPath(slug: string): string {
  return `metadata/metadata_${normalizeSlug(slug)}.json`;
}

/** The metadata of one analysed experiment, or null for a private one (Jetstream exports none). */
export function buildMetadata(input: BuildMetadataInput): Metadata | null {
  const { experiment, spec } = input;
  if (experiment.isPrivate) return null;
  const slug = analysisSlug(experiment);

  const metrics = metricsMetadata(spec, slug);

  const outcomes: Record<string, OutcomeMetadata> = {};
  for (const name of experiment.outcomes) {
    const outcome = input.outcomes?.find((o) => o.slug === name);
    if (outcome === undefined) continue; // Parity: get_outcome -> None is skipped.
    outcomes[outcome.slug] = {
      slug: outcome.slug,
      friendly_name: outcome.friendlyName,
      description: outcome.description,
      metrics: [...outcome.metrics],
      default_metrics: [...outcome.defaultMetrics],
      ...(outcome.commitHash ? { commit_hash: outcome.commitHash } : {}),
    };
  }

  return {
    analysis_start_time: input.analysisStartTime ? pythonDatetimeStr(input.analysisStartTime) : null,
    external_config: hasExternalConfigOverrides(experiment) ? externalConfig(experiment, input.configRepo ?? METRIC_HUB_REPO) : null,
    metrics,
    outcomes,
    version_info: null,
    version_date: null,
    schema_version: SCHEMA_VERSION,
  };
}

/** The `metrics` map of the metadata: every metric of every period list of `spec`. */
export function metricsMetadata(spec: AnalysisSpec, slug: string): Record<string, MetricMetadata> {
  const metrics: Record<string, MetricMetadata> = {};
  for (const period of PERIODS) {
    for (const summary of spec.periods[period] ?? []) {
      const metric = spec.metrics[summary.metric];
      if (metric === undefined) {
        throw new RangeError(`metadata ${slug}: metric "${summary.metric}" of the ${period} list has no definition in the resolved spec`);
      }
      metrics[metric.name] = {
        friendly_name: metric.friendlyName || defaultFriendlyName(metric.name),
        description: metric.description || '',
        bigger_is_better: metric.biggerIsBetter,
        analysis_bases: [...metric.analysisBases],
      };
    }
  }
  return metrics;
}

/**
 * Metadata of an analysis run without an Experimenter definition (`contrail analyze`): the metrics
 * of its config, no outcomes, no external config.
 */
export function buildSpecMetadata(spec: AnalysisSpec, slug: string, analysisStartTime: Date | null): Metadata {
  return {
    analysis_start_time: analysisStartTime ? pythonDatetimeStr(analysisStartTime) : null,
    external_config: null,
    metrics: metricsMetadata(spec, slug),
    outcomes: {},
    version_info: null,
    version_date: null,
    schema_version: SCHEMA_VERSION,
  };
}

/** The metadata file text (compact JSON, keys in the model's order). */
export function serializeMetadata(metadata: Metadata): string {
  return JSON.stringify(metadata);
}

function externalConfig(experiment: ConfiguredExperiment, repo: string): ExternalConfigMetadata {
  const original = experiment.experimenter;
  return {
    reference_branch: experiment.referenceBranch !== original.referenceBranch ? experiment.referenceBranch : null,
    end_date: experiment.endDate !== null && experiment.endDate !== original.endDate ? experiment.endDate : null,
    start_date: experiment.startDate !== null && experiment.startDate !== original.startDate ? experiment.startDate : null,
    enrollment_period: experiment.enrollmentPeriod !== original.proposedEnrollment ? experiment.enrollmentPeriod : null,
    skip: experiment.skip,
    url: `${repo}/blob/main/jetstream/${analysisSlug(experiment)}.toml`,
  };
}


/**
 * Python's `str(datetime)` of a UTC instant: `2026-07-01 03:04:05.123456+00:00`, the fraction
 * omitted when it is zero. JS dates hold milliseconds, so the last three digits are 000.
 */
export function pythonDatetimeStr(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('analysis_start_time must be a valid Date, got Invalid Date');
  const iso = at.toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const ms = at.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}000`;
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction}+00:00`;
}
