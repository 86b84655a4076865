/**
 * The survival function of the chi-square distribution, P(X > x) for X ~ χ²(df): the upper
 * regularized incomplete gamma Q(df / 2, x / 2). Used for the p-value of a sample ratio mismatch
 * test, where small tail probabilities (1e-20 and below) must stay accurate.
 *
 * Parity: scipy.stats.chi2.sf.
 */
import { regularizedGammaQ } from './regularized-gamma.js';

export function chiSquareSf(x: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`chiSquareSf: df must be a positive finite number, got ${df}`);
  if (Number.isNaN(x)) throw new RangeError(`chiSquareSf: x must be a number, got NaN`);
  if (x <= 0) return 1;
  return regularizedGammaQ(df / 2, x / 2);
}
