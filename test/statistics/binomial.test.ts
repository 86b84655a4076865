import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/params.js';
import { StatisticError } from '../../src/statistics/define.js';
import binomial from '../../src/statistics/binomial.js';
import { CONTEXT, perBranch, repeat, rowOf, runPerBranch } from './run-per-branch.js';

// jetstream test_binomial: treatment 3 of 10 true, control 5 of 10 true
const TREATMENT = [...repeat(1, 3), ...repeat(0, 7)];
const CONTROL = [...repeat(1, 5), ...repeat(0, 5)];

describe('binomial', () => {
  it('matches the Jetstream conformance numbers per branch', () => {
    const rows = runPerBranch(binomial, {}, { treatment: TREATMENT, control: CONTROL });
    const t = rowOf(rows, 'treatment');
    const c = rowOf(rows, 'control');
    // spec 2.5 [verified]: treatment 0.333333 [0.109263, 0.609743]; control 0.5 [0.233794, 0.766206]
    expect(t.point).toBeCloseTo(0.333333, 6);
    expect(t.lower).toBeCloseTo(0.109263, 6);
    expect(t.upper).toBeCloseTo(0.609743, 6);
    expect(c.point).toBeCloseTo(0.5, 12);
    expect(c.lower).toBeCloseTo(0.233794, 6);
    expect(c.upper).toBeCloseTo(0.766206, 6);
    expect(t.point!).toBeLessThan(c.point!); // jetstream test_binomial
    expect(t.ciWidth).toBe(0.95);
  });

  // [successes, n, confidence, scipy.stats.beta.ppf((1-c)/2, s+1, n-s+1), scipy.stats.beta.ppf(1-(1-c)/2, s+1, n-s+1)]
  const bounds: [number, number, number, number, number][] = [
    [3, 10, 0.95, 0.10926344381909814, 0.6097425595724212],
    [3, 10, 0.8, 0.16923334198206869, 0.510761037406572],
    [3, 10, 0.99, 0.06883932973248438, 0.6932827052098085],
    [5, 10, 0.8, 0.31771881893959947, 0.6822811810604006],
    [37, 120, 0.95, 0.2327445058402446, 0.3960609192981045],
    [37, 120, 0.8, 0.2585284557443528, 0.3657614087199219],
    [37, 120, 0.99, 0.21048195662390318, 0.4239871046849908],
  ];
  it.each(bounds)('%s of %s at confidence %s: bounds equal scipy beta.ppf to 1e-9', (s, n, c, lower, upper) => {
    const rows = runPerBranch(binomial, { confidence_interval: c, num_samples: 10 }, { a: [...repeat(1, s), ...repeat(0, n - s)] });
    const row = rowOf(rows, 'a');
    expect(Math.abs(row.lower! - lower)).toBeLessThan(1e-9);
    expect(Math.abs(row.upper! - upper)).toBeLessThan(1e-9);
    expect(row.point).toBeCloseTo((s + 1) / (n + 2), 15); // posterior mean (spec 2.5)
    expect(row.ciWidth).toBe(c);
  });

  it('compares by seeded posterior draws', () => {
    const rows = runPerBranch(binomial, {}, { treatment: TREATMENT, control: CONTROL }, 42);
    const d = rowOf(rows, 'treatment', 'difference', 'control');
    // analytic: E[Beta(4,8)] - E[Beta(6,6)] = 1/3 - 1/2; per-draw sd sqrt(32/1872 + 36/1872) = 0.1906,
    // so the mean of 10,000 draws has Monte Carlo se 0.0019: tolerance 0.01 (> 5 se)
    expect(Math.abs(d.point! + 1 / 6)).toBeLessThan(0.01);
    expect(d.lower!).toBeLessThan(d.point!);
    expect(d.upper!).toBeGreaterThan(d.point!);
    const u = rowOf(rows, 'treatment', 'relative_uplift', 'control');
    // analytic: E[X] E[1/Y] - 1 = (1/3)(11/5) - 1 = -0.266667; sd of X/Y = sqrt((20/156)(110/20) - 0.7333^2) = 0.409,
    // Monte Carlo se 0.0041: tolerance 0.02
    expect(Math.abs(u.point! + 0.2666667)).toBeLessThan(0.02);
    // both directions are present and mirror each other
    const back = rowOf(rows, 'control', 'difference', 'treatment');
    expect(back.point!).toBeCloseTo(-d.point!, 12);
  });

  it('gives 15 rows over every ordered pair of 3 branches', () => {
    // jetstream test_binomial_pairwise_branch_comparisons / spec 2.12: binomial 15
    const rows = runPerBranch(binomial, {}, { control: CONTROL, a: TREATMENT, b: [1, 0, 1, 1] });
    expect(rows).toHaveLength(15);
    const keys = rows.map((r) => `${r.comparisonToBranch ?? null}|${r.branch}|${r.comparison ?? null}`).sort();
    const expected: string[] = [];
    for (const branch of ['control', 'a', 'b']) expected.push(`null|${branch}|null`);
    for (const ref of ['control', 'a', 'b']) {
      for (const branch of ['control', 'a', 'b']) {
        if (branch === ref) continue;
        expected.push(`${ref}|${branch}|difference`, `${ref}|${branch}|relative_uplift`);
      }
    }
    expect(keys).toEqual(expected.sort());
    expect(rows.every((r) => r.ciWidth === 0.95)).toBe(true);
  });

  it('is reproducible from the seed', () => {
    const data = { treatment: TREATMENT, control: CONTROL };
    expect(runPerBranch(binomial, {}, data, 5)).toEqual(runPerBranch(binomial, {}, data, 5));
    const a = rowOf(runPerBranch(binomial, {}, data, 5), 'treatment', 'difference', 'control');
    const b = rowOf(runPerBranch(binomial, {}, data, 6), 'treatment', 'difference', 'control');
    expect(a.point).not.toBe(b.point);
  });

  it('rejects values other than 0 and 1, nulls and empty branches', () => {
    const statistic = perBranch(binomial);
    const params = statistic.params({}, 'binomial');
    const run = (values: number[]) =>
      statistic.summarize({ values: Float64Array.from(values), columns: {}, branch: 'b', seed: 1, context: CONTEXT }, params);
    expect(() => run([0, 1, 3])).toThrow(StatisticError);
    expect(() => run([0, 1, 3])).toThrow(/^binomial: every value of "value" must be 0 or 1 \(or a boolean\), got 3 in branch "b"$/);
    expect(() => run([0, Number.NaN, 1])).toThrow(/^value: 1 null or NaN values reached binomial; add the remove_nulls or zero_fill pretreatment/);
    expect(() => run([])).toThrow(/^value: branch "b" has no rows to analyse$/);
  });

  it('validates its parameters', () => {
    expect(() => binomial.params({ confidence_interval: 10 }, 'binomial')).toThrow(ConfigError);
    expect(() => binomial.params({ confidence_interval: 10 }, 'binomial')).toThrow(/^binomial: confidence_interval must be a number strictly between 0 and 1/);
    expect(() => binomial.params({ num_samples: -3 }, 'binomial')).toThrow(/^binomial: num_samples must be a positive integer, got -3$/);
    expect(() => binomial.params({ ci_width: 0.9 }, 'binomial')).toThrow(/^binomial: unknown parameter "ci_width"; known: confidence_interval, num_samples$/);
    expect(binomial.params({}, 'binomial')).toEqual({ confidenceInterval: 0.95, numSamples: 10_000 });
  });
});
