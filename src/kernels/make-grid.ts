/**
 * The evaluation grid of a distribution statistic: `size` points from the smallest to the largest
 * value, linear, or geometric when asked and possible. A geometric grid needs positive values: with
 * a negative minimum or an all-zero (or negative) maximum it falls back to linear with a message;
 * with a zero minimum it starts at the second-smallest distinct value (the statistic then adds a
 * separate point at 0).
 *
 * Parity: jetstream `_make_grid` (np.linspace / np.geomspace, numpy's endpoint handling).
 */
export interface Grid {
  readonly points: Float64Array;
  readonly geometric: boolean;
  /** Why a geometric grid was refused, for a WARNING record. */
  readonly message?: string;
}

/** Jetstream's message when a geometric grid is refused. */
export const GEOMETRIC_REFUSED =
  'Refusing to create a geometric grid for a series with negative or all-zero values';

/** Grid over an ascending, NaN-free, non-empty array. */
export function makeGridSorted(sorted: ArrayLike<number>, size: number, attemptGeometric: boolean): Grid {
  let start = sorted[0];
  const stop = sorted[sorted.length - 1];
  if (attemptGeometric && (start < 0 || stop <= 0)) {
    return { points: linspace(start, stop, size), geometric: false, message: GEOMETRIC_REFUSED };
  }
  if (!attemptGeometric) return { points: linspace(start, stop, size), geometric: false };
  if (start === 0) {
    let i = 1;
    while (sorted[i] === 0) i++;
    start = sorted[i]; // exists: stop > 0
  }
  return { points: geomspace(start, stop, size), geometric: true };
}

/** numpy.linspace(start, stop, num): i * step + start, last point exactly stop. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  if (num > 1) out[num - 1] = stop;
  if (num === 1) out[0] = start;
  return out;
}

/** numpy.geomspace(start, stop, num) for positive bounds: 10 ** linspace(log10 a, log10 b), exact ends. */
export function geomspace(start: number, stop: number, num: number): Float64Array {
  const exponents = linspace(Math.log10(start), Math.log10(stop), num);
  const out = new Float64Array(num);
  for (let i = 0; i < num; i++) out[i] = 10 ** exponents[i];
  if (num > 0) out[0] = start;
  if (num > 1) out[num - 1] = stop;
  return out;
}
