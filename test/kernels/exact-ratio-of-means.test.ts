import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exactRatioOfMeans } from '../../src/kernels/exact-ratio-of-means.js';
import { ratioOfMeansTails } from '../../src/kernels/saddlepoint-ratio-cdf.js';
import populationRatio from '../../src/statistics/population-ratio.js';
import { RATIO_FIXTURES, ratioColumns, type TruthRows } from '../support/exact-fixtures.js';
import { CONTEXT, perBranch, rowOf } from '../statistics/run-per-branch.js';

/**
 * Truth: test/support/exact-bootstrap-truth.py (numpy multinomial resampling of the same rows,
 * 2,000,000 replicates for n <= 50, 200,000 above; endpoint noise at most 0.08 % and 0.18 % of the
 * width). The 0.5 % tolerance leaves at least 2.7 truth standard errors (see exact-bayesian-mean.test.ts).
 */
const truth = JSON.parse(readFileSync(new URL('../support/exact-bootstrap-truth.json', import.meta.url), 'utf8')) as {
  ratio: Record<string, TruthRows>;
};
const statistic = perBranch(populationRatio);
const report = { warn: () => undefined, error: () => undefined };

function exactRows(branches: Record<string, { num: Float64Array; den: Float64Array }>) {
  const params = statistic.params({ numerator: 'num', denominator: 'den', method: 'exact' }, 'population_ratio');
  const names = Object.keys(branches);
  const summaries = names.map((branch) => {
    const { num, den } = branches[branch];
    return statistic.summarize({ values: num, columns: { num, den }, branch, seed: 1, context: CONTEXT }, params);
  });
  return statistic.compare({ branches: names, summaries, context: CONTEXT, report }, params);
}

describe('ratioOfMeansTails', () => {
  it('is 1/2 plus the skewness term at the sample ratio, 0 and 1 beyond the per-row ratios', () => {
    // rows (1, 1), (2, 1), (6, 1): r* is the mean of a resample of 1, 2, 6; at r = 3 the a = num - 3 den
    // are -2, -1, 3 with third central moment (−8 − 1 + 27)/3 = 6 and variance 14/3, so with n = 3
    // κ2 = 14, κ3 = 18: 1/2 + 18 / (6 √(2π) 14^1.5) (Daniels' limit)
    const num = Float64Array.of(1, 2, 6);
    const den = Float64Array.of(1, 1, 1);
    const at = ratioOfMeansTails(num, den, 3);
    expect(at.lower).toBeCloseTo(0.5 + 18 / (6 * Math.sqrt(2 * Math.PI) * 14 ** 1.5), 12);
    expect(ratioOfMeansTails(num, den, 0.5).lower).toBe(0);
    expect(ratioOfMeansTails(num, den, 6).lower).toBe(1);
  });
});

describe('exactRatioOfMeans', () => {
  it('leaves its inputs unchanged and is a point mass for a constant ratio', () => {
    const num = Float64Array.of(2, 4, 6);
    const den = Float64Array.of(1, 2, 3);
    const copy = [num.slice(), den.slice()];
    expect(exactRatioOfMeans(num, den, 0.95).interval).toEqual({ point: 2, lower: 2, upper: 2 });
    expect([num, den]).toEqual(copy);
  });
});

describe('population_ratio exact against a large Monte Carlo of the same scheme', () => {
  for (const [name, [n, alpha]] of Object.entries(RATIO_FIXTURES)) {
    it(`${name}: every point and endpoint within 0.5 % of the interval width`, () => {
      const rows = exactRows({ focus: ratioColumns(n, alpha, 1.1), reference: ratioColumns(n, alpha, 1.0) });
      const t = truth.ratio[name];
      const pairs = [
        [rowOf(rows, 'focus'), t.focus],
        [rowOf(rows, 'reference'), t.reference],
        [rowOf(rows, 'focus', 'difference', 'reference'), t.difference],
        [rowOf(rows, 'focus', 'relative_uplift', 'reference'), t.relativeUplift],
      ] as const;
      for (const [row, s] of pairs) {
        const width = s.upper - s.lower;
        for (const key of ['point', 'lower', 'upper'] as const) {
          expect(Math.abs(row[key]! - s[key]) / width, key).toBeLessThan(0.005);
        }
      }
    });
  }

  it('refuses fewer than 20 rows per branch, where the bootstrap is too discrete', () => {
    // n = 5 (numpy, 2,000,000 replicates): the reference's lower bound is off by 125 % of the width
    expect(() => exactRows({ a: ratioColumns(5, 1.5, 1), b: ratioColumns(30, 1.5, 1) })).toThrow(
      /population_ratio: method "exact" needs at least 20 rows per branch, got 5 in branch "a"/,
    );
  });

  it('refuses negative denominators with the fix', () => {
    const num = Float64Array.from({ length: 30 }, (_, i) => i);
    const den = Float64Array.from({ length: 30 }, (_, i) => (i === 3 ? -1 : 1));
    expect(() => exactRows({ a: { num, den } })).toThrow(/column "den" has negative value -1 in branch "a"; method "exact" needs denominators >= 0/);
  });
});
