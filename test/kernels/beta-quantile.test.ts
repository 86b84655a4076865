import { describe, expect, it } from 'vitest';
import { betaQuantile } from '../../src/kernels/beta-quantile.js';

describe('betaQuantile', () => {
  // [p, a, b, scipy.stats.beta.ppf(p, a, b)]: the binomial conformance posteriors (spec 2.5)
  const cases: [number, number, number, number][] = [
    [0.025, 4, 8, 0.10926344381909814],
    [0.975, 4, 8, 0.6097425595724212],
    [0.025, 6, 6, 0.23379359765934518],
    [0.975, 6, 6, 0.7662064023406548],
  ];
  it.each(cases)('p = %s of Beta(%s, %s) equals scipy beta.ppf to 1e-12', (p, a, b, expected) => {
    expect(Math.abs(betaQuantile(p, a, b) - expected)).toBeLessThan(1e-12);
  });
});
