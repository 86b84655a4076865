import { ConfigError } from './params.js';
import { isTable, showValue } from './raw-config.js';
import { optionalBoolean, optionalDate, optionalString, optionalStringList } from './read-field.js';
import type { ExperimentOverrides } from './spec.js';

const KNOWN = [
  'start_date',
  'end_date',
  'enrollment_period',
  'reference_branch',
  'segments',
  'outcomes',
  'skip',
  'is_private',
  'dataset_id',
  'sample_size',
];

function optionalNumber(table: Readonly<Record<string, unknown>>, key: string, ok: (x: number) => boolean, expected: string): number | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !ok(value)) {
    throw new ConfigError(`experiment: ${key} must be ${expected}, got ${showValue(value)}`);
  }
  return value;
}

/**
 * Validates `[experiment]`, the overrides of the Experimenter definition: dates normalised to
 * `YYYY-MM-DD`, every known field type-checked, every other key kept as is in `other`.
 *
 * Parity: metric-config-parser ExperimentSpec (`dataset_id needs to be explicitly set for private
 * experiments`).
 */
export function resolveExperiment(raw: unknown): ExperimentOverrides {
  if (raw === undefined) return { other: {} };
  if (!isTable(raw)) throw new ConfigError(`experiment: [experiment] must be a table, got ${showValue(raw)}`);
  const owner = 'experiment';
  const other: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) if (!KNOWN.includes(key)) other[key] = value;
  const overrides: ExperimentOverrides = {
    startDate: optionalDate(owner, raw, 'start_date'),
    endDate: optionalDate(owner, raw, 'end_date'),
    enrollmentPeriod: optionalNumber(raw, 'enrollment_period', (x) => Number.isInteger(x) && x >= 0, 'a whole number of days (e.g. 7)'),
    referenceBranch: optionalString(owner, raw, 'reference_branch'),
    segments: optionalStringList(owner, raw, 'segments'),
    outcomes: optionalStringList(owner, raw, 'outcomes'),
    skip: optionalBoolean(owner, raw, 'skip'),
    isPrivate: optionalBoolean(owner, raw, 'is_private'),
    datasetId: optionalString(owner, raw, 'dataset_id'),
    sampleSize: optionalNumber(raw, 'sample_size', (x) => x > 0 && x <= 100, 'a percentage of clients in (0, 100]'),
    other,
  };
  if (overrides.startDate !== undefined && overrides.endDate !== undefined && overrides.endDate < overrides.startDate) {
    throw new ConfigError(
      `experiment: end_date ${overrides.endDate} is before start_date ${overrides.startDate}; fix one of the dates`,
    );
  }
  if (overrides.isPrivate === true && overrides.datasetId === undefined) {
    throw new ConfigError('experiment: dataset_id needs to be explicitly set for private experiments; add dataset_id = "..."');
  }
  // Drop absent fields so the spec holds only what the config said.
  return Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)) as unknown as ExperimentOverrides;
}
