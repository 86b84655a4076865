/**
 * Reads a censoring `fraction`: a number strictly between 0 and 1 (the quantile kept below or above).
 */
import { ConfigError, assertKnownKeys, type RawParams } from './params.js';

export function readFraction(owner: string, raw: RawParams, fallback: number): number {
  assertKnownKeys(owner, raw, ['fraction']);
  const value = raw.fraction ?? fallback;
  if (typeof value !== 'number' || !(value > 0 && value < 1)) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : String(value);
    throw new ConfigError(`${owner}: fraction must be a number strictly between 0 and 1 (e.g. 0.999), got ${shown}`);
  }
  return value;
}
