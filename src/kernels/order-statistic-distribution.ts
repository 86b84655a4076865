/**
 * The exact distribution of the quantile bootstrap's replicate: sorted[K] with K ~ Binomial(n - 1, q),
 * as a discrete distribution over the distinct sorted values (equal values merged). The pmf is the
 * binomial's, started at its mode from log-gamma and extended outwards by the ratio
 * pmf(k + 1) / pmf(k) = (N - k) q / ((k + 1)(1 - q)) until a term falls below 1e-18 of the mode's;
 * the omitted tails then hold less than about 1e-17 of the mass (the ratios keep shrinking), and the
 * kept terms are normalised to sum 1, which also cancels any rounding of the log-gamma start.
 *
 * Reference: Schultzberg & Ankargren (2022), arXiv 2202.10992. Parity: the limit of mozanalysis
 * `get_quantile_bootstrap_samples` (`np.random.binomial(n - 1, q)` indices) as num_samples grows.
 */
import type { DiscreteDistribution } from './discrete-distribution.js';
import { logGamma } from './log-gamma.js';

const CUTOFF = 1e-18;

/** Binomial(N, q) pmf over [first, first + probabilities.length), truncated where negligible, summing to 1. */
export function binomialPmf(trials: number, q: number): { first: number; probabilities: Float64Array } {
  if (trials === 0 || q <= 0) return { first: 0, probabilities: Float64Array.of(1) };
  if (q >= 1) return { first: trials, probabilities: Float64Array.of(1) };
  const mode = Math.min(trials, Math.floor((trials + 1) * q));
  const odds = q / (1 - q);
  const logMode =
    logGamma(trials + 1) - logGamma(mode + 1) - logGamma(trials - mode + 1) + mode * Math.log(q) + (trials - mode) * Math.log1p(-q);
  const top = Math.exp(logMode);
  const up: number[] = [];
  for (let k = mode, p = top; k < trials; k++) {
    p *= ((trials - k) / (k + 1)) * odds;
    if (p < CUTOFF * top) break;
    up.push(p);
  }
  const down: number[] = [];
  for (let k = mode, p = top; k > 0; k--) {
    p *= k / ((trials - k + 1) * odds);
    if (p < CUTOFF * top) break;
    down.push(p);
  }
  const probabilities = new Float64Array(down.length + 1 + up.length);
  for (let i = 0; i < down.length; i++) probabilities[down.length - 1 - i] = down[i];
  probabilities[down.length] = top;
  for (let i = 0; i < up.length; i++) probabilities[down.length + 1 + i] = up[i];
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) total += probabilities[i];
  for (let i = 0; i < probabilities.length; i++) probabilities[i] /= total;
  return { first: mode - down.length, probabilities };
}

/** The distribution of sorted[K], K ~ Binomial(n - 1, q), over distinct values (ascending). */
export function orderStatisticDistribution(sorted: Float64Array, q: number): DiscreteDistribution {
  const n = sorted.length;
  if (n === 0) throw new RangeError('orderStatisticDistribution: the sample is empty; pass at least one value');
  const { first, probabilities } = binomialPmf(n - 1, q);
  const values: number[] = [];
  const mass: number[] = [];
  for (let i = 0; i < probabilities.length; i++) {
    const v = sorted[first + i];
    if (values.length > 0 && values[values.length - 1] === v) mass[mass.length - 1] += probabilities[i];
    else {
      values.push(v);
      mass.push(probabilities[i]);
    }
  }
  return { values: Float64Array.from(values), probabilities: Float64Array.from(mass) };
}
