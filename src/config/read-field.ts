/**
 * Readers for the fields of config tables (`[experiment]`, `[metrics.<m>]`, `[segments.<s>]`): each
 * returns the value or `undefined` when absent, and rejects a wrong type naming the owner, the key,
 * the value and what is expected.
 */
import { ConfigError } from './params.js';
import { showValue } from './raw-config.js';

type Table = Readonly<Record<string, unknown>>;

/** A string field, or undefined when absent. */
export function optionalString(owner: string, table: Table, key: string): string | undefined {
  const value = table[key];
  if (value === undefined || typeof value === 'string') return value;
  throw new ConfigError(`${owner}: ${key} must be a string, got ${showValue(value)}`);
}

/** A boolean field, or undefined when absent. */
export function optionalBoolean(owner: string, table: Table, key: string): boolean | undefined {
  const value = table[key];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new ConfigError(`${owner}: ${key} must be true or false, got ${showValue(value)}`);
}

/** A list-of-strings field, or undefined when absent. */
export function optionalStringList(owner: string, table: Table, key: string): string[] | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ConfigError(`${owner}: ${key} must be a list of strings like ["a", "b"], got ${showValue(value)}`);
  }
  return value as string[];
}

/** A list whose every entry is one of `choices`. */
export function optionalChoiceList<T extends string>(
  owner: string,
  table: Table,
  key: string,
  choices: readonly T[],
): T[] | undefined {
  const values = optionalStringList(owner, table, key);
  for (const value of values ?? []) {
    if (!(choices as readonly string[]).includes(value)) {
      throw new ConfigError(`${owner}: ${key} entries must be among ${choices.join(', ')}, got ${JSON.stringify(value)}`);
    }
  }
  return values as T[] | undefined;
}

/** A `YYYY-MM-DD` string or a TOML local date, normalised to `YYYY-MM-DD`. */
export function optionalDate(owner: string, table: Table, key: string): string | undefined {
  const value = table[key];
  if (value === undefined) return undefined;
  let text: string | undefined;
  if (value instanceof Date) {
    const iso = value.toISOString();
    if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) text = iso;
  } else if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    // Reject 2026-02-30 and the like: the date must survive a round trip.
    if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value) text = value;
  }
  if (text === undefined) {
    throw new ConfigError(`${owner}: ${key} must be a date written YYYY-MM-DD (e.g. 2026-10-01), got ${showValue(value)}`);
  }
  return text;
}
