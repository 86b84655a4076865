import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/config/params.js';
import bootstrapMean from '../../../src/statistics/bootstrap-mean.js';
import deciles from '../../../src/statistics/deciles.js';
import populationRatio from '../../../src/statistics/population-ratio.js';
import { usesExactBootstrap, withBootstrapMethod } from '../../../src/statistics/support/bootstrap-method.js';
import { CONTEXT, perBranch, rowOf, runPerBranch } from '../run-per-branch.js';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('method parameter', () => {
  it('defaults to monte_carlo and accepts exact on the three bootstrap statistics', () => {
    for (const [definition, extra] of [
      [bootstrapMean, {}],
      [deciles, {}],
      [populationRatio, { numerator: 'n', denominator: 'd' }],
    ] as const) {
      const statistic = perBranch(definition);
      expect((statistic.params({ ...extra }, definition.name) as { method: string }).method).toBe('monte_carlo');
      expect((statistic.params({ ...extra, method: 'exact' }, definition.name) as { method: string }).method).toBe('exact');
    }
  });

  it('rejects an unknown method naming the statistic, the choices and the value', () => {
    expect(() => perBranch(bootstrapMean).params({ method: 'x' }, 'bootstrap_mean')).toThrow(ConfigError);
    expect(() => perBranch(bootstrapMean).params({ method: 'x' }, 'bootstrap_mean')).toThrow(
      'bootstrap_mean: method must be one of monte_carlo, exact, got "x"',
    );
    expect(() => perBranch(deciles).params({ method: 3 }, 'deciles')).toThrow('deciles: method must be one of monte_carlo, exact, got 3');
  });
});

describe('withBootstrapMethod', () => {
  it('returns new params with the method for the bootstrap statistics, the same object for others', () => {
    const params = perBranch(bootstrapMean).params({ num_samples: 50 }, 'bootstrap_mean');
    const exact = withBootstrapMethod('bootstrap_mean', params, 'exact');
    expect(exact).toEqual({ ...(params as object), method: 'exact' });
    expect((params as { method: string }).method).toBe('monte_carlo');
    expect(usesExactBootstrap('bootstrap_mean', exact)).toBe(true);
    expect(usesExactBootstrap('bootstrap_mean', params)).toBe(false);
    const other = { confidenceInterval: 0.95 };
    expect(withBootstrapMethod('binomial', other, 'exact')).toBe(other);
    expect(usesExactBootstrap('binomial', { method: 'exact' })).toBe(false);
  });
});

describe('exact rows', () => {
  const data = { control: [0, 1, 1, 0, 1, 0, 0, 1], a: [1, 1, 0, 1, 1, 1, 0, 1], b: [0, 0, 1, 0, 0, 0, 1, 0] };

  it('bootstrap_mean: 15 rows for 3 branches, the same rows as monte_carlo, independent of num_samples and seed', () => {
    // spec 2.12: bootstrap_mean 15 rows for 3 branches
    const rows = runPerBranch(bootstrapMean, { method: 'exact', num_samples: 7 }, data, 1);
    const mc = runPerBranch(bootstrapMean, { num_samples: 50 }, data, 1);
    expect(rows).toHaveLength(15);
    expect(rows.map((r) => [r.branch, r.comparison ?? null, r.comparisonToBranch ?? null])).toEqual(
      mc.map((r) => [r.branch, r.comparison ?? null, r.comparisonToBranch ?? null]),
    );
    expect(runPerBranch(bootstrapMean, { method: 'exact', num_samples: 10_000 }, data, 99)).toEqual(rows);
    // 0/1 data, winsorized at np.quantile(x, 0.995) = 1: the point is the branch's mean (control 4/8)
    expect(rowOf(rows, 'control').point).toBeCloseTo(0.5, 14);
  });

  it('summaries survive structuredClone (they cross from worker to main thread)', () => {
    for (const [definition, raw] of [
      [bootstrapMean, { method: 'exact' }],
      [deciles, { method: 'exact' }],
    ] as const) {
      const statistic = perBranch(definition);
      const params = statistic.params(raw, definition.name);
      const values = Float64Array.from(range(0, 40));
      const summary = statistic.summarize({ values, columns: { value: values }, branch: 'a', seed: 1, context: CONTEXT }, params);
      expect(structuredClone(summary)).toEqual(summary);
    }
  });

  it('a reference whose values are all zero gives null relative rows on both paths', () => {
    const zeroData = { control: [0, 0, 0, 0], treatment: [1, 2, 3, 4] };
    for (const method of ['exact', 'monte_carlo']) {
      const rows = runPerBranch(bootstrapMean, { method, num_samples: 100 }, zeroData);
      const relative = rowOf(rows, 'treatment', 'relative_uplift', 'control');
      // the engine turns NaN and ±inf into null
      for (const v of [relative.point, relative.lower, relative.upper]) expect(Number.isFinite(v)).toBe(false);
      // numpy: np.clip([1, 2, 3, 4], 1, np.quantile([1, 2, 3, 4], 0.995)).mean() = 2.49625 (exact: the
      // mean itself; Monte Carlo: 100 replicates of sd √(1.17/5) = 0.48, 4 se = 0.2)
      const point = rowOf(rows, 'treatment', 'difference', 'control').point!;
      expect(Math.abs(point - 2.49625)).toBeLessThan(method === 'exact' ? 1e-12 : 0.2);
    }
  });

  it('deciles: 9 parameters x 6 rows for two branches, points at the exact mean of the order statistic', () => {
    const rows = runPerBranch(deciles, { method: 'exact' }, { a: range(1, 101), b: range(2, 102) });
    expect(rows).toHaveLength(54);
    // identical shapes shifted by 1: every difference is 1 exactly
    const d = rowOf(rows, 'b', 'difference', 'a', 0.5);
    expect(d.point).toBeCloseTo(1, 12);
    // median of 1..100 by Binomial(99, 1/2) index: mean of sorted[K] = 1 + 99/2 = 50.5 (analytic)
    expect(rowOf(rows, 'a', null, null, 0.5).point).toBeCloseTo(50.5, 12);
  });

  it('population_ratio: rows per present branch and every ordered pair', () => {
    const statistic = perBranch(populationRatio);
    const params = statistic.params({ numerator: 'n', denominator: 'd', method: 'exact' }, 'population_ratio');
    const names = ['control', 'treatment'];
    const summaries = names.map((branch, b) => {
      const n = Float64Array.from(range(0, 40), (i) => (i % 7) + b);
      const d = Float64Array.from(range(0, 40), (i) => 1 + (i % 3));
      return statistic.summarize({ values: n, columns: { n, d }, branch, seed: 1, context: CONTEXT }, params);
    });
    const rows = statistic.compare({ branches: names, summaries, context: CONTEXT, report: { warn() {}, error() {} } }, params);
    expect(rows).toHaveLength(6);
    const control = rowOf(rows, 'control');
    expect(control.lower!).toBeLessThan(control.point!);
    expect(control.upper!).toBeGreaterThan(control.point!);
  });
});
