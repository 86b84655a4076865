import { isTable, type RawConfig } from './raw-config.js';
import { PERIOD_LIST_KEYS } from './spec.js';

type Table = Readonly<Record<string, unknown>>;

/** Field-by-field merge of two tables, the override winning; `merge` decides per key when given. */
function mergeTables(base: unknown, override: unknown, merge?: (key: string, a: unknown, b: unknown) => unknown): unknown {
  if (!isTable(base) || !isTable(override)) return override;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    out[key] = merge !== undefined && Object.hasOwn(base, key) ? merge(key, base[key], value) : value;
  }
  return out;
}

/** Tables of named definitions: each definition merged field by field. */
function mergeByName(base: unknown, override: unknown): unknown {
  return mergeTables(base, override, (_key, a, b) => mergeTables(a, b));
}

function concatUnique(base: unknown, override: unknown): unknown {
  if (!Array.isArray(base) || !Array.isArray(override)) return override;
  return [...new Set([...base, ...override])];
}

function mergeMetric(base: unknown, override: unknown): unknown {
  // An empty later `statistics = {}` keeps the earlier statistics (Python: `{} or self.statistics`).
  return mergeTables(base, override, (key, a, b) =>
    key === 'statistics' && isTable(b) && Object.keys(b).length === 0 ? a : b,
  );
}

function mergeMetrics(base: unknown, override: unknown): unknown {
  return mergeTables(base, override, (key, a, b) =>
    key in PERIOD_LIST_KEYS ? concatUnique(a, b) : mergeMetric(a, b),
  );
}

function mergeSegments(base: unknown, override: unknown): unknown {
  return mergeTables(base, override, (key, a, b) => (key === 'data_sources' ? mergeByName(a, b) : mergeTables(a, b)));
}

const SECTION_MERGERS: Readonly<Record<string, (a: unknown, b: unknown) => unknown>> = {
  metrics: mergeMetrics,
  experiment: (a, b) => mergeTables(a, b),
  segments: mergeSegments,
  data_sources: mergeByName,
  parameters: mergeByName,
};

/**
 * Merges two raw configs, `override` (an experiment's config) on top of `base` (a platform default
 * or an earlier file), by Jetstream's rules:
 * - `[metrics]` period lists are concatenated, base first, and de-duplicated by name
 *   (metric-config-parser puts the later list first and de-duplicates summaries from the end: the
 *   same summaries, in another order);
 * - metric definitions are merged field by field, the later one winning; a later non-empty
 *   `statistics` table replaces the earlier one whole, as in metric-config-parser (its
 *   `MetricDefinition.merge` sets each field to `other.field or self.field`), so an experiment
 *   config that gives a metric statistics drops the default's statistics of that metric;
 * - `[experiment]` fields: the later one wins;
 * - `[segments]`, `[segments.data_sources]`, `[data_sources]`, `[parameters]`: merged by name,
 *   each definition field by field.
 * Neither input is written; values that are not tables where tables are expected are replaced by
 * the override (validation reports them later).
 *
 * Parity: metric-config-parser `AnalysisSpec.merge` (ExperimentSpec / MetricsSpec / SegmentsSpec).
 */
export function mergeConfigs(base: RawConfig, override: RawConfig): RawConfig {
  return mergeTables(base, override, (key, a, b) => {
    const merge = SECTION_MERGERS[key];
    return merge === undefined ? b : merge(a, b);
  }) as Table;
}
