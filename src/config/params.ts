/**
 * Readers for the snake_case parameters of statistics and pretreatments, as jetstream-config TOML
 * spells them. Each converts once, in a definition's `params()`, and rejects a bad value with the
 * owner, the key, the value and what is expected.
 */

export type RawParams = Readonly<Record<string, unknown>>;

/** Thrown for a configuration value that cannot be used; always raised before any worker starts. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** Rejects keys the owner does not know, naming the known ones. */
export function assertKnownKeys(owner: string, raw: RawParams, known: readonly string[]): void {
  for (const key of Object.keys(raw)) {
    if (!known.includes(key)) {
      const list = known.length > 0 ? known.join(', ') : '(none)';
      throw new ConfigError(`${owner}: unknown parameter "${key}"; known: ${list}`);
    }
  }
}

export function readNumber(owner: string, raw: RawParams, key: string, fallback?: number): number {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'number' || Number.isNaN(value)) {
    if (value === undefined) throw new ConfigError(`${owner}: ${key} is required and must be a number`);
    throw new ConfigError(`${owner}: ${key} must be a number, got ${show(value)}`);
  }
  return value;
}

export function readPositiveInteger(owner: string, raw: RawParams, key: string, fallback?: number): number {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`${owner}: ${key} must be a positive integer, got ${show(value)}`);
  }
  return value;
}

/** A number in the closed interval [min, max]. */
export function readNumberIn(
  owner: string,
  raw: RawParams,
  key: string,
  range: { min: number; max: number; fallback?: number },
): number {
  const value = raw[key] ?? range.fallback;
  if (typeof value !== 'number' || Number.isNaN(value) || value < range.min || value > range.max) {
    throw new ConfigError(
      `${owner}: ${key} must be a number between ${range.min} and ${range.max}, got ${show(value)}`,
    );
  }
  return value;
}

/** A confidence level strictly between 0 and 1, e.g. 0.95. */
export function readConfidence(owner: string, raw: RawParams, key = 'confidence_interval', fallback = 0.95): number {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    throw new ConfigError(`${owner}: ${key} must be a number strictly between 0 and 1 (e.g. 0.95), got ${show(value)}`);
  }
  return value;
}

export function readBoolean(owner: string, raw: RawParams, key: string, fallback: boolean): boolean {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'boolean') throw new ConfigError(`${owner}: ${key} must be true or false, got ${show(value)}`);
  return value;
}

export function readString(owner: string, raw: RawParams, key: string, fallback?: string): string {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'string') {
    if (value === undefined) throw new ConfigError(`${owner}: ${key} is required and must be a string`);
    throw new ConfigError(`${owner}: ${key} must be a string, got ${show(value)}`);
  }
  return value;
}

/** One of a fixed set of strings. */
export function readChoice<T extends string>(
  owner: string,
  raw: RawParams,
  key: string,
  choices: readonly T[],
  fallback: T,
): T {
  const value = raw[key] ?? fallback;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw new ConfigError(`${owner}: ${key} must be one of ${choices.join(', ')}, got ${show(value)}`);
  }
  return value as T;
}
