import { describe, expect, it } from 'vitest';
import { bayesianMeanTails, saddlepoint } from '../../src/kernels/saddlepoint-mean-cdf.js';

// 0/1 data with 3 successes in 30: M ~ Beta(3, 27) exactly (Dirichlet aggregation)
const tally = { values: Float64Array.of(0, 1), counts: Float64Array.of(27, 3) };

describe('bayesianMeanTails', () => {
  it('is within 3e-4 of the exact Beta(3, 27) CDF, lower + upper = 1', () => {
    // scipy.stats.beta.cdf([0.01, 0.05, 0.1, 0.2, 0.3], 3, 27)
    const expected: [number, number][] = [[0.01, 0.0030082], [0.05, 0.17511622], [0.1, 0.56503997], [0.2, 0.94796783], [0.3, 0.99716648]];
    const copy = { values: tally.values.slice(), counts: tally.counts.slice() };
    for (const [t, p] of expected) {
      const tails = bayesianMeanTails(tally, 0.1, t);
      expect(Math.abs(tails.lower - p)).toBeLessThan(3e-4);
      expect(tails.lower + tails.upper).toBeCloseTo(1, 15);
    }
    expect(tally).toEqual(copy);
  });

  it('keeps relative precision in the far upper tail', () => {
    // scipy.stats.beta.sf(0.6, 3, 27) = 2.7612470035334025e-09 (upper tail computed directly, not as 1 - F)
    const { upper } = bayesianMeanTails(tally, 0.1, 0.6);
    expect(Math.abs(upper / 2.7612470035334025e-9 - 1)).toBeLessThan(0.01);
  });

  it('is 0 at or below the smallest value and 1 from the largest; a point mass steps at its value', () => {
    expect(bayesianMeanTails(tally, 0.1, 0).lower).toBe(0);
    expect(bayesianMeanTails(tally, 0.1, -1).lower).toBe(0);
    expect(bayesianMeanTails(tally, 0.1, 1).lower).toBe(1);
    const point = { values: Float64Array.of(2), counts: Float64Array.of(5) };
    expect(bayesianMeanTails(point, 2, 1.9).lower).toBe(0);
    expect(bayesianMeanTails(point, 2, 2).lower).toBe(1);
  });

  it("uses Daniels' limit at the mean and is continuous through it", () => {
    // at t = mean: 1/2 + κ3 / (6 √(2π) κ2^1.5), κ2 = Σ c a², κ3 = 2 Σ c a³ with a = v - 0.1:
    // κ2 = 27 (0.01) + 3 (0.81) = 2.7, κ3 = 2 (27 (-0.001) + 3 (0.729)) = 4.32
    const at = bayesianMeanTails(tally, 0.1, 0.1).lower;
    expect(at).toBeCloseTo(0.5 + 4.32 / (6 * Math.sqrt(2 * Math.PI) * 2.7 ** 1.5), 14);
    expect(Math.abs(bayesianMeanTails(tally, 0.1, 0.1 + 1e-7).lower - at)).toBeLessThan(1e-5);
    expect(Math.abs(bayesianMeanTails(tally, 0.1, 0.1 - 1e-7).lower - at)).toBeLessThan(1e-5);
  });
});

describe('saddlepoint', () => {
  it('solves K\'(s) = Σ c a / (1 - s a) = 0 inside (1/min a, 1/max a)', () => {
    for (const t of [0.001, 0.05, 0.5, 0.999]) {
      const s = saddlepoint(tally.values, tally.counts, t);
      const a0 = -t;
      const a1 = 1 - t;
      expect(s).toBeGreaterThan(1 / a0);
      expect(s).toBeLessThan(1 / a1);
      // K'(s) = 0 solved analytically for two atoms: 27 a0 (1 - s a1) + 3 a1 (1 - s a0) = 0
      const exact = (27 * a0 + 3 * a1) / (30 * a0 * a1);
      expect(s).toBeCloseTo(exact, 8);
    }
  });
});
