/**
 * Validates `[segments]`: each `[segments.<s>]` table is a segment definition
 * (select_expression, data_source, friendly_name, description); `[segments.data_sources.<d>]`
 * tables are the segments' data sources, checked to be tables and otherwise left to BigQuery runs.
 *
 * Parity: metric-config-parser SegmentsSpec / SegmentDefinition.
 */
import { ConfigError, assertKnownKeys } from './params.js';
import { defaultFriendlyName } from './python-title.js';
import { isTable, showValue } from './raw-config.js';
import { optionalString } from './read-field.js';
import type { AnalysisSpec, SegmentSpec } from './spec.js';

const SEGMENT_KEYS = ['select_expression', 'data_source', 'friendly_name', 'description'];

/** The defined `[segments.<s>]` tables as SegmentSpecs, by name. */
export function resolveSegments(raw: unknown): Record<string, SegmentSpec> {
  if (raw === undefined) return {};
  if (!isTable(raw)) throw new ConfigError(`segments: [segments] must be a table, got ${showValue(raw)}`);
  const segments: Record<string, SegmentSpec> = {};
  for (const [name, table] of Object.entries(raw)) {
    if (name === 'data_sources') {
      if (!isTable(table) || !Object.values(table).every(isTable)) {
        throw new ConfigError(`segments.data_sources: each entry must be a [segments.data_sources.<name>] table`);
      }
      continue;
    }
    const owner = `segments.${name}`;
    if (!isTable(table)) throw new ConfigError(`${owner}: must be a [${owner}] table, got ${showValue(table)}`);
    assertKnownKeys(owner, table, SEGMENT_KEYS);
    optionalString(owner, table, 'select_expression');
    optionalString(owner, table, 'data_source');
    segments[name] = {
      name,
      friendlyName: optionalString(owner, table, 'friendly_name') ?? defaultFriendlyName(name),
      description: optionalString(owner, table, 'description') ?? '',
    };
  }
  return segments;
}

/**
 * The `[experiment] segments` with no `[segments.<s>]` definition. Locally they are read as boolean
 * columns of the metrics table, so they are allowed here; the engine reports a missing column.
 */
export function undefinedSegments(spec: AnalysisSpec): string[] {
  return (spec.experiment.segments ?? []).filter((name) => !Object.hasOwn(spec.segments, name));
}
