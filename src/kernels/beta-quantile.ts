/**
 * The p-quantile of the Beta(a, b) distribution, e.g. the bound of a binomial posterior interval.
 *
 * Parity: jetstream Binomial -> mozanalysis binary.compare_branches_from_agg (`scipy.stats.beta.ppf`).
 */
import { inverseRegularizedIncompleteBeta } from './incomplete-beta.js';

/** The x with I_x(a, b) = p, i.e. scipy.stats.beta.ppf(p, a, b); 0 and 1 at p = 0 and 1. */
export function betaQuantile(p: number, a: number, b: number): number {
  return inverseRegularizedIncompleteBeta(p, a, b);
}
