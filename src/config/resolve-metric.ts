import type { AnalysisBasis } from '../results/statistic-row.js';
import { getStatistic } from '../statistics/registry.js';
import { ConfigError, assertKnownKeys } from './params.js';
import { defaultFriendlyName } from './python-title.js';
import { isTable, showValue } from './raw-config.js';
import { optionalBoolean, optionalChoiceList, optionalString, optionalStringList } from './read-field.js';
import { resolvePretreatments } from './resolve-pretreatments.js';
import type { MetricSpec, SummarySpec } from './spec.js';

const METRIC_KEYS = [
  'select_expression',
  'data_source',
  'friendly_name',
  'description',
  'bigger_is_better',
  'analysis_bases',
  'depends_on',
  'type',
  'category',
  'owner',
  'deprecated',
  'level',
  'analysis_units',
  'statistics',
];
const BASES: readonly AnalysisBasis[] = ['enrollments', 'exposures'];
const LEVELS = ['gold', 'silver', 'bronze'];
const ANALYSIS_UNITS = ['client_id', 'profile_group_id'];

/** A validated metric definition and its summaries (before any `--statistics` filter). */
export interface ResolvedMetric {
  readonly metric: MetricSpec;
  /** One per statistics table, in config order. */
  readonly summaries: readonly SummarySpec[];
}

function lookUpStatistic(owner: string, name: string) {
  try {
    return getStatistic(name);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${owner}: ${error.message}`);
    throw error;
  }
}

function resolveSummaries(name: string, raw: unknown): SummarySpec[] {
  const owner = `metrics.${name}.statistics`;
  if (raw !== undefined && !isTable(raw)) {
    throw new ConfigError(`${owner}: must be a table of statistics like { bootstrap_mean = {} }, got ${showValue(raw)}`);
  }
  const entries = Object.entries(raw ?? {});
  if (entries.length === 0) {
    throw new ConfigError(
      `metric "${name}" has no statistics; add a [metrics.${name}.statistics.<name>] table ` +
        '(Jetstream silently drops such a metric)',
    );
  }
  return entries.map(([statistic, table]) => {
    const statisticOwner = `${owner}.${statistic}`;
    const definition = lookUpStatistic(owner, statistic);
    if (!isTable(table)) {
      throw new ConfigError(`${statisticOwner}: must be a table (possibly empty), got ${showValue(table)}`);
    }
    const { pre_treatments: pretreatments, ...rest } = table;
    return {
      metric: name,
      statistic,
      pretreatments: resolvePretreatments(statisticOwner, pretreatments),
      params: definition.params(rest, statisticOwner),
    };
  });
}

/**
 * Validates one `[metrics.<m>]` definition and its statistics tables. Every field is optional (a
 * local table already holds the metric column); defaults follow Jetstream: friendly_name
 * `name.replace("_", " ").title()`, description "", bigger_is_better true, analysis_bases
 * enrollments and exposures. Each `[metrics.<m>.statistics.<s>]` table (or inline `statistics = {}`)
 * becomes one summary: its `pre_treatments` checked against the pretreatment registry, every
 * other key by the statistic's `params()`.
 *
 * Parity: metric-config-parser MetricDefinition / Summary; Jetstream drops a metric without
 * statistics silently, Contrail rejects it.
 */
export function resolveMetric(name: string, raw: unknown): ResolvedMetric {
  const owner = `metrics.${name}`;
  if (!isTable(raw)) throw new ConfigError(`${owner}: must be a [${owner}] table, got ${showValue(raw)}`);
  assertKnownKeys(owner, raw, METRIC_KEYS);
  for (const key of ['type', 'category']) optionalString(owner, raw, key);
  const level = optionalString(owner, raw, 'level');
  if (level !== undefined && !LEVELS.includes(level)) {
    throw new ConfigError(`${owner}: level must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  }
  optionalBoolean(owner, raw, 'deprecated');
  optionalChoiceList(owner, raw, 'analysis_units', ANALYSIS_UNITS);
  if (raw.owner !== undefined && typeof raw.owner !== 'string') optionalStringList(owner, raw, 'owner');
  const analysisBases = optionalChoiceList(owner, raw, 'analysis_bases', BASES) ?? [...BASES];
  if (analysisBases.length === 0) {
    throw new ConfigError(`${owner}: analysis_bases must not be empty; use ["enrollments"], ["exposures"] or both`);
  }
  const selectExpression = optionalString(owner, raw, 'select_expression');
  const dataSource = optionalString(owner, raw, 'data_source');
  const metric: MetricSpec = {
    name,
    friendlyName: optionalString(owner, raw, 'friendly_name') ?? defaultFriendlyName(name),
    description: optionalString(owner, raw, 'description') ?? '',
    biggerIsBetter: optionalBoolean(owner, raw, 'bigger_is_better') ?? true,
    analysisBases: [...new Set(analysisBases)],
    dependsOn: optionalStringList(owner, raw, 'depends_on') ?? [],
    ...(selectExpression === undefined ? {} : { selectExpression }),
    ...(dataSource === undefined ? {} : { dataSource }),
  };
  return { metric, summaries: resolveSummaries(name, raw.statistics) };
}
