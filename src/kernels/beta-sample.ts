/**
 * Beta(a, b) draws as G_a / (G_a + G_b) with independent Gamma(a, 1) and Gamma(b, 1) draws: the
 * Monte Carlo posterior draws of `binomial`'s comparisons.
 *
 * Parity: jetstream Binomial -> mozanalysis `binary.compare_branches_from_agg`
 * (`np.random.beta(conversions + 1, enrollments - conversions + 1, size=num_samples)`).
 */
import type { GammaSampler } from './gamma-sample.js';

/** One Beta(a, b) draw from two Gamma draws of `gamma`. */
export function sampleBeta(a: number, b: number, gamma: GammaSampler): number {
  const x = gamma.next(a);
  const y = gamma.next(b);
  return x / (x + y);
}
