import { getStatistic } from '../statistics/registry.js';
import { ConfigError } from './params.js';
import { isTable, showValue, type RawConfig } from './raw-config.js';
import { resolveExperiment } from './resolve-experiment.js';
import { resolveMetric, type ResolvedMetric } from './resolve-metric.js';
import { resolveSegments } from './resolve-segments.js';
import { PERIOD_LIST_KEYS, type AnalysisSpec, type MetricSpec, type Period, type SummarySpec } from './spec.js';

/** The top-level tables of a jetstream-config file. */
/** The top-level tables of a jetstream-config file (spec section 6.2). */
export const TOP_LEVEL_KEYS = ['experiment', 'metrics', 'segments', 'data_sources', 'parameters'] as const;

/** Options of `resolveSpec`. */
export interface ResolveOptions {
  /** Keep only these statistics (config names); each must be a known statistic. */
  readonly statistics?: readonly string[];
}

function periodLists(metrics: Readonly<Record<string, unknown>>): Array<[Period, string[]]> {
  const lists: Array<[Period, string[]]> = [];
  const listKeys = Object.keys(PERIOD_LIST_KEYS).join(', ');
  for (const [key, value] of Object.entries(metrics)) {
    const period = PERIOD_LIST_KEYS[key];
    if (period === undefined) {
      if (key === 'days28' && Array.isArray(value)) {
        throw new ConfigError(
          'metrics: "days28" is not a period list (Jetstream silently ignores it); rename it to 28_day',
        );
      }
      if (Array.isArray(value)) {
        throw new ConfigError(`metrics: unknown period list "${key}"; known: ${listKeys}`);
      }
      if (!isTable(value)) {
        throw new ConfigError(
          `metrics: "${key}" must be a period list (${listKeys}) or a [metrics.${key}] table, got ${showValue(value)}`,
        );
      }
      continue;
    }
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new ConfigError(`metrics.${key}: must be a list of metric names like ["active_hours"], got ${showValue(value)}`);
    }
    lists.push([period, [...new Set(value as string[])]]);
  }
  return lists;
}

function checkTopLevel(config: RawConfig): void {
  for (const key of Object.keys(config)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      throw new ConfigError(`config: unknown top-level key "${key}"; known: ${TOP_LEVEL_KEYS.join(', ')}`);
    }
  }
  for (const key of ['data_sources', 'parameters']) {
    const value = config[key];
    if (value !== undefined && (!isTable(value) || !Object.values(value).every(isTable))) {
      throw new ConfigError(`${key}: each entry must be a [${key}.<name>] table, got ${showValue(value)}`);
    }
  }
}

/**
 * Validates a merged raw config and resolves it into an AnalysisSpec: the `[experiment]` overrides,
 * the metrics of every period list with their summaries, and the segment definitions. Throws a
 * ConfigError naming the offending key, its value and the fix; nothing is computed before this
 * succeeds.
 *
 * `options.statistics` keeps only summaries of those statistics (`--statistics bootstrap_mean,deciles`).
 *
 * Parity: metric-config-parser `AnalysisSpec.resolve`, stricter: an unknown top-level key, a
 * `days28` list (Jetstream ignores it; the key is `28_day`) and a metric without statistics are
 * errors here.
 */
export function resolveSpec(config: RawConfig, options: ResolveOptions = {}): AnalysisSpec {
  checkTopLevel(config);
  const experiment = resolveExperiment(config.experiment);
  const segments = resolveSegments(config.segments);
  const rawMetrics = config.metrics ?? {};
  if (!isTable(rawMetrics)) throw new ConfigError(`metrics: [metrics] must be a table, got ${showValue(rawMetrics)}`);

  const keep = options.statistics === undefined ? undefined : new Set(options.statistics);
  for (const name of keep ?? []) {
    try {
      getStatistic(name);
    } catch (error) {
      if (error instanceof ConfigError) throw new ConfigError(`--statistics: ${error.message}`);
      throw error;
    }
  }

  const resolved = new Map<string, ResolvedMetric>();
  const periods: Partial<Record<Period, SummarySpec[]>> = {};
  const metrics: Record<string, MetricSpec> = {};
  for (const [period, names] of periodLists(rawMetrics)) {
    const summaries: SummarySpec[] = [];
    for (const name of names) {
      if (!Object.hasOwn(rawMetrics, name) || PERIOD_LIST_KEYS[name] !== undefined) {
        throw new ConfigError(
          `metrics: metric "${name}" is listed for ${period} but not defined; add a [metrics.${name}] table ` +
            '(it may be empty when the table already holds the column)',
        );
      }
      let metric = resolved.get(name);
      if (metric === undefined) {
        metric = resolveMetric(name, rawMetrics[name]);
        resolved.set(name, metric);
      }
      const kept = metric.summaries.filter((s) => keep === undefined || keep.has(s.statistic));
      if (kept.length > 0) metrics[name] = metric.metric;
      summaries.push(...kept);
    }
    periods[period] = summaries;
  }
  if (keep !== undefined && Object.keys(metrics).length === 0) {
    throw new ConfigError(
      `--statistics: no configured metric uses ${[...keep].join(', ')}; ` +
        `the config's statistics are ${[...new Set([...resolved.values()].flatMap((m) => m.summaries.map((s) => s.statistic)))].join(', ') || '(none)'}`,
    );
  }
  return { experiment, metrics, periods, segments };
}
