import { getPretreatment } from '../pretreatments/registry.js';
import { ConfigError } from './params.js';
import { isTable, showValue } from './raw-config.js';
import type { PretreatmentSpec } from './spec.js';

function lookUp(owner: string, name: string) {
  try {
    return getPretreatment(name);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(`${owner}: ${error.message}`);
    throw error;
  }
}

/**
 * Validates a statistic's `pre_treatments` list: each entry a pretreatment name, or a table with
 * `name` and the pretreatment's arguments (`{ name = "censor_highest_values", fraction = 0.999 }`),
 * checked by that pretreatment's `params()`.
 *
 * Parity: metric-config-parser PreTreatmentReference; jetstream `Could not find pre-treatment`.
 */
export function resolvePretreatments(owner: string, raw: unknown): PretreatmentSpec[] {
  if (raw === undefined) return [];
  const listOwner = `${owner}.pre_treatments`;
  if (!Array.isArray(raw)) {
    throw new ConfigError(`${listOwner}: must be a list like ["remove_nulls"], got ${showValue(raw)}`);
  }
  return raw.map((entry: unknown, i) => {
    if (typeof entry === 'string') {
      const definition = lookUp(listOwner, entry);
      return { name: entry, params: definition.params({}, `${listOwner}.${entry}`) };
    }
    if (isTable(entry) && typeof entry.name === 'string') {
      const { name, ...args } = entry;
      const definition = lookUp(listOwner, name);
      return { name, params: definition.params(args, `${listOwner}.${name}`) };
    }
    throw new ConfigError(
      `${listOwner}: entry ${i} must be a name or a table with a name like { name = "log", base = 2 }, got ${showValue(entry)}`,
    );
  });
}
