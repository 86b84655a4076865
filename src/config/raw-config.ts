/**
 * A parsed jetstream-config TOML document before validation: nested plain tables, arrays, strings,
 * numbers, booleans and TOML dates, as smol-toml returns them.
 */
export type RawConfig = Readonly<Record<string, unknown>>;

/** True for a TOML table (a plain object; not an array, not a TOML date). */
export function isTable(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** A value as it appears in an error message: strings quoted, tables and arrays as JSON. */
export function showValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}
