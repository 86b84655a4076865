/**
 * Multinomials from Poisson counts (src/kernels/poisson-multinomial.ts): every draw sums to n; each
 * category's count is Binomial(n, rows / n) (chi-square against the analytic pmf) and two
 * categories' counts have the multinomial's covariance -n p_i p_j; the guide finds every row's
 * category as a plain search does.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareSf } from '../../src/kernels/chi-square-sf.js';
import { logGamma } from '../../src/kernels/log-gamma.js';
import { categoryOf, drawMultinomial, multinomialPlan } from '../../src/kernels/poisson-multinomial.js';
import { XoshiroState } from '../../src/kernels/xoshiro-state.js';

describe('multinomialPlan', () => {
  it("finds every row's category as a plain search does, big categories among small ones", () => {
    const rows = [700, 1, 1, 2, 30, 1, 1, 1, 500, 3, 1, 1024, 1024, 17];
    const n = rows.reduce((a, r) => a + r, 0);
    const plan = multinomialPlan(rows, n);
    for (let row = 0, k = 0, end = rows[0]; row < n; row++) {
      while (row >= end) end += rows[++k];
      expect(categoryOf(plan, row)).toBe(k);
    }
    // categories of one size in a row share a table: 14 categories, 10 tables
    expect(plan.tables.length).toBe(10);
  });

  it('names rows that do not sum to n', () => {
    expect(() => multinomialPlan([3, 4], 8)).toThrow('multinomialPlan: the rows must sum to n = 8, got 7');
  });
});

describe('drawMultinomial', () => {
  it('draws Multinomial(n, rows / n): totals n, marginals Binomial(n, p) by chi-square, covariance -n p_i p_j', () => {
    const rows = [40, 3, 3, 1, 250, 7, 1, 95];
    const n = rows.reduce((a, r) => a + r, 0); // 400
    const plan = multinomialPlan(rows, n);
    const rng = new XoshiroState(21);
    const B = 40_000;
    const drawn = new Float64Array(rows.length);
    const scratch = new Int32Array(64);
    const counts = rows.map(() => new Float64Array(B));
    for (let b = 0; b < B; b++) {
      drawMultinomial(plan, rng, drawn, scratch);
      expect(drawn.reduce((a, v) => a + v, 0)).toBe(n);
      for (let k = 0; k < rows.length; k++) counts[k][b] = drawn[k];
    }
    for (const k of [0, 1, 3, 4, 7]) {
      const p = rows[k] / n;
      const pmf = (x: number) => Math.exp(logGamma(n + 1) - logGamma(x + 1) - logGamma(n - x + 1) + x * Math.log(p) + (n - x) * Math.log1p(-p));
      const seen = new Map<number, number>();
      for (const v of counts[k]) seen.set(v, (seen.get(v) ?? 0) + 1);
      let chi2 = 0;
      let bins = 0;
      let expected = 0;
      let observed = 0;
      for (let x = 0; x <= n; x++) {
        expected += B * pmf(x);
        observed += seen.get(x) ?? 0;
        if (expected >= 20) {
          chi2 += (observed - expected) ** 2 / expected;
          bins++;
          expected = 0;
          observed = 0;
        }
      }
      chi2 += (observed - expected) ** 2 / expected; // the right tail's rest, its own bin
      bins++;
      expect(chiSquareSf(chi2, bins - 1)).toBeGreaterThan(1e-4);
    }
    // Cov(N_0, N_4) = -n p_0 p_4 = -25; the sample covariance's standard error is
    // sqrt(Var N_0 Var N_4 (1 + rho^2) / B) = sqrt(36 x 93.75 x 1.185 / 40,000) = 0.32: within 4 of them
    const mean = (v: Float64Array) => v.reduce((a, x) => a + x, 0) / B;
    const m0 = mean(counts[0]);
    const m4 = mean(counts[4]);
    let cov = 0;
    for (let b = 0; b < B; b++) cov += (counts[0][b] - m0) * (counts[4][b] - m4);
    cov /= B - 1;
    expect(Math.abs(cov - -n * (rows[0] / n) * (rows[4] / n))).toBeLessThan(1.3);
  });
});
