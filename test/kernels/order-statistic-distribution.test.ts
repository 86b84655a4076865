import { describe, expect, it } from 'vitest';
import { discreteMean, discreteQuantile } from '../../src/kernels/discrete-distribution.js';
import { regularizedIncompleteBeta } from '../../src/kernels/incomplete-beta.js';
import { binomialPmf, orderStatisticDistribution } from '../../src/kernels/order-statistic-distribution.js';
import { exponential } from '../support/exact-fixtures.js';

describe('binomialPmf', () => {
  it('matches scipy.stats.binom.pmf(k, 9, 0.3)', () => {
    // scipy.stats.binom.pmf(np.arange(10), 9, 0.3)
    const expected = [4.03536070e-2, 1.55649627e-1, 2.66827932e-1, 2.66827932e-1, 1.71532242e-1, 7.35138180e-2, 2.10039480e-2, 3.85786800e-3, 4.13343000e-4, 1.96830000e-5];
    const { first, probabilities } = binomialPmf(9, 0.3);
    expect(first).toBe(0);
    expected.forEach((p, k) => expect(probabilities[k]).toBeCloseTo(p, 9));
  });

  it('keeps the mass within 1e-12 of the incomplete-beta CDF at n = 1e6', () => {
    // P(K <= k) = I_{1-q}(N - k, k + 1) (analytic; regularizedIncompleteBeta is within 5e-14 of scipy)
    const trials = 999_999;
    const q = 0.1;
    const { first, probabilities } = binomialPmf(trials, q);
    let cumulative = 0;
    for (let i = 0; i < probabilities.length; i++) {
      cumulative += probabilities[i];
      const k = first + i;
      if (k % 97 === 0) expect(Math.abs(cumulative - regularizedIncompleteBeta(1 - q, trials - k, k + 1))).toBeLessThan(1e-12);
    }
  });
});

describe('orderStatisticDistribution', () => {
  it('gives the exact mean and the scipy.stats.binom.ppf order statistics for the deciles', () => {
    // numpy/scipy on x = np.sort(-np.log(1 - (np.arange(2000) + 0.5) / 2000)):
    // (binom.pmf(k, 1999, q) @ x, x[binom.ppf(0.025, 1999, q)], x[binom.ppf(0.975, 1999, q)])
    const expected: [number, number, number, number][] = [
      [0.1, 0.10561054935910429, 0.09129325844639086, 0.12075620113579982],
      [0.5, 0.6933972431225629, 0.650566733024827, 0.7376216706617749],
      [0.9, 2.3028361655220135, 2.173752221151077, 2.4389777178995997],
    ];
    const sorted = exponential(2000, 1, 0);
    const copy = sorted.slice();
    for (const [q, mean, lower, upper] of expected) {
      const d = orderStatisticDistribution(sorted, q);
      expect(discreteMean(d)).toBeCloseTo(mean, 12);
      expect(discreteQuantile(d, 0.025)).toBe(lower);
      expect(discreteQuantile(d, 0.975)).toBe(upper);
    }
    expect(sorted).toEqual(copy);
  });

  it('merges tied values and is a point mass for one row', () => {
    const d = orderStatisticDistribution(Float64Array.of(0, 0, 0, 1), 0.5);
    // Binomial(3, 0.5): P(K <= 2) = 7/8 on value 0, 1/8 on value 1
    expect(Array.from(d.values)).toEqual([0, 1]);
    expect(d.probabilities[0]).toBeCloseTo(7 / 8, 15);
    expect(orderStatisticDistribution(Float64Array.of(5), 0.3)).toEqual({ values: Float64Array.of(5), probabilities: Float64Array.of(1) });
  });
});

describe('discreteQuantile', () => {
  it('takes the midpoint where the CDF equals the level exactly, as np.quantile of many draws averages', () => {
    // Binomial(3, 1/2) over 10, 20, 30, 40: F = 1/8, 1/2, 7/8, 1. At p = 1/8 the draws at or below 10
    // number R/8 ± O(√R): np.quantile jumps between 10 and 20, mean 15; at p = 0.3 it converges to 20
    const d = orderStatisticDistribution(Float64Array.of(10, 20, 30, 40), 0.5);
    expect(discreteQuantile(d, 0.125)).toBe(15);
    expect(discreteQuantile(d, 0.3)).toBe(20);
    expect(discreteQuantile(d, 0.9)).toBe(40);
  });
});
