/**
 * Seeded synthetic columns for the kernel benchmarks, shaped like the cases: a heavy-tailed
 * float metric (~75 % distinct values), a 0/1 metric, a count metric (~27 distinct values), integer
 * (numerator, denominator) pairs for population_ratio, and a correlated pre-period covariate.
 */
import { createRng } from '../src/kernels/rng.js';

/** One branch's columns at `n` rows. */
export interface BenchColumns {
  readonly heavy: Float64Array;
  readonly binary: Float64Array;
  readonly counts: Float64Array;
  readonly numerator: Float64Array;
  readonly denominator: Float64Array;
  readonly covariate: Float64Array;
}

/** Columns of `n` rows from `seed`: heavy = lognormal(0, 1.5) hours rounded to 1e-4, so ties exist. */
export function benchColumns(n: number, seed: number): BenchColumns {
  const rng = createRng(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  const heavy = new Float64Array(n);
  const covariate = new Float64Array(n);
  const binary = new Float64Array(n);
  const counts = new Float64Array(n);
  const numerator = new Float64Array(n);
  const denominator = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = normal();
    heavy[i] = Math.round(Math.exp(1.5 * z) * 1e4) / 1e4;
    covariate[i] = Math.round(Math.exp(1.5 * (0.8 * z + 0.6 * normal())) * 1e4) / 1e4;
    binary[i] = rng.nextFloat() < 0.3 ? 1 : 0;
    counts[i] = Math.min(26, Math.floor(-Math.log(1 - rng.nextFloat()) * 4));
    denominator[i] = 1 + Math.floor(rng.nextFloat() * 7);
    numerator[i] = Math.floor(denominator[i] * rng.nextFloat() * 3);
  }
  return { heavy, binary, counts, numerator, denominator, covariate };
}

/** Parses `10k`, `1m`, `2.5M`, `100000` into a row count. */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.trim());
  if (match === null) throw new Error(`bench: size must look like 10k, 1m or 100000, got "${text}"`);
  const scale = match[2] === '' ? 1 : match[2].toLowerCase() === 'k' ? 1e3 : 1e6;
  return Math.round(Number(match[1]) * scale);
}

/** `1000000` as `1M`, `10000` as `10k`. */
export function formatSize(n: number): string {
  if (n >= 1e6 && n % 1e5 === 0) return `${n / 1e6}M`;
  if (n >= 1e3 && n % 100 === 0) return `${n / 1e3}k`;
  return String(n);
}
