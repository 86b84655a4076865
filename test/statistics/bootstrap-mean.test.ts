import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/params.js';
import { NormalSampler } from '../../src/kernels/normal-sample.js';
import { createRng } from '../../src/kernels/rng.js';
import bootstrapMean from '../../src/statistics/bootstrap-mean.js';
import { StatisticError } from '../../src/statistics/define.js';
import { CONTEXT, perBranch, rowOf, runPerBranch } from './run-per-branch.js';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** n draws of N(mean, sd) from a fixed stream, optionally rounded to `step`. */
function normalSample(n: number, mean: number, sd: number, seed: number, step = 0): Float64Array {
  const sampler = new NormalSampler(createRng(seed));
  return Float64Array.from({ length: n }, () => {
    const x = mean + sd * sampler.next();
    return step > 0 ? Math.round(x / step) * step : x;
  });
}

/**
 * The large-sample check: the Bayesian bootstrap interval of the mean is mean ± z s/√n (z = 1.959964,
 * scipy.stats.norm.ppf(0.975)). Tolerance from the Monte Carlo error of B replicates: the 2.5 %
 * quantile of B draws from N(μ, σ_m²) has se sqrt(0.025 · 0.975 / B) / φ(1.959964) · σ_m
 * (φ(1.959964) = 0.058445, scipy.stats.norm.pdf) and the replicate mean has se σ_m / √B; we allow 4 se.
 */
function expectNormalInterval(values: Float64Array, numSamples: number): void {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1));
  const sigmaMean = sd / Math.sqrt(n);
  const quantileSe = (Math.sqrt((0.025 * 0.975) / numSamples) / 0.058445) * sigmaMean;
  const rows = runPerBranch(bootstrapMean, { num_samples: numSamples, drop_highest: 0 }, { a: values }, 99);
  const row = rowOf(rows, 'a');
  expect(Math.abs(row.point! - mean)).toBeLessThan((4 * sigmaMean) / Math.sqrt(numSamples));
  expect(Math.abs(row.lower! - (mean - 1.959964 * sigmaMean))).toBeLessThan(4 * quantileSe);
  expect(Math.abs(row.upper! - (mean + 1.959964 * sigmaMean))).toBeLessThan(4 * quantileSe);
}

describe('bootstrap_mean', () => {
  it('gives mean ± 1.96 s/√n on a large normal sample (n = 200k, all values distinct)', () => {
    // 400 replicates: 4 se = 0.53 standard errors of the mean (a wrong weight law, e.g. uniform
    // weights, would shrink the interval by 42 % = 0.83 of them)
    expectNormalInterval(normalSample(200_000, 10, 2, 2026), 400);
  });

  it('gives mean ± 1.96 s/√n on a large sample of repeated values (Gamma weights over counts)', () => {
    // rounded to 0.01: 1,453 distinct values, counts up to 434; 4,000 replicates, 4 se = 0.17
    expectNormalInterval(normalSample(200_000, 10, 2, 7, 0.01), 4000);
  });

  it('orders the branches as in jetstream test_bootstrap_means', () => {
    // jetstream test_bootstrap_means: num_samples 10, treatment 0..9, control 10..19
    const rows = runPerBranch(bootstrapMean, { num_samples: 10 }, { treatment: range(0, 10), control: range(10, 20) });
    const t = rowOf(rows, 'treatment');
    const c = rowOf(rows, 'control');
    expect(t.point!).toBeLessThan(c.point!);
    for (const row of [t, c]) {
      expect(row.lower).toBeTruthy();
      expect(row.upper).toBeTruthy();
    }
    const d = rowOf(rows, 'treatment', 'difference', 'control');
    expect(d.point!).toBeLessThan(0);
    expect(rowOf(rows, 'control', 'difference', 'treatment').point!).toBeCloseTo(-d.point!, 12);
  });

  it('winsorizes each branch at its own 1 - drop_highest quantile', () => {
    // numpy: d = np.arange(1, 11.); np.quantile(d, 0.9) = 9.1; np.clip(d, 1, 9.1).mean() = 5.41
    const rows = runPerBranch(bootstrapMean, { drop_highest: 0.1 }, { a: range(1, 11), b: range(1, 11).map((v) => v * 100) });
    const a = rowOf(rows, 'a');
    // Bayesian bootstrap sd of the mean = sqrt(np.var(d) / 11) = sqrt(0.75) = 0.87; 10,000 replicates: se 0.0087
    expect(Math.abs(a.point! - 5.41)).toBeLessThan(0.04);
    expect(a.upper!).toBeLessThanOrEqual(9.1);
    // branch b is clipped at its own quantile 910 (numpy: np.clip(100 d, 100, 910).mean() = 541)
    expect(Math.abs(rowOf(rows, 'b').point! - 541)).toBeLessThan(4);
  });

  it('gives 15 rows for 3 branches, every ordered pair both ways, ci_width on every row', () => {
    // spec 2.12: bootstrap_mean 15 for 3 branches of boolean data
    const rows = runPerBranch(bootstrapMean, { num_samples: 50 }, { control: [0, 1, 1, 0], a: [1, 1, 0, 1], b: [0, 0, 1, 0] });
    expect(rows).toHaveLength(15);
    const keys = new Set(rows.map((r) => `${r.comparisonToBranch ?? null}|${r.branch}|${r.comparison ?? null}`));
    expect(keys.size).toBe(15);
    for (const ref of ['control', 'a', 'b']) {
      for (const branch of ['control', 'a', 'b']) {
        if (branch !== ref) {
          expect(keys.has(`${ref}|${branch}|difference`)).toBe(true);
          expect(keys.has(`${ref}|${branch}|relative_uplift`)).toBe(true);
        }
      }
    }
    expect(rows.every((r) => r.ciWidth === 0.95)).toBe(true);
  });

  it('honours any confidence level in comparisons (deliberate fix)', () => {
    const rows = runPerBranch(bootstrapMean, { confidence_interval: 0.8, num_samples: 200 }, { treatment: range(0, 10), control: range(10, 20) });
    const u = rowOf(rows, 'treatment', 'relative_uplift', 'control');
    expect(u.lower!).toBeLessThan(u.point!);
    expect(u.upper!).toBeGreaterThan(u.point!);
    expect(u.ciWidth).toBe(0.8);
  });

  it('is reproducible from the seed and changes with it', () => {
    const data = { treatment: range(0, 10), control: range(10, 20) };
    expect(runPerBranch(bootstrapMean, { num_samples: 100 }, data, 3)).toEqual(runPerBranch(bootstrapMean, { num_samples: 100 }, data, 3));
    expect(rowOf(runPerBranch(bootstrapMean, { num_samples: 100 }, data, 4), 'treatment').point).not.toBe(
      rowOf(runPerBranch(bootstrapMean, { num_samples: 100 }, data, 3), 'treatment').point,
    );
  });

  it('reports nulls and empty branches with the fix', () => {
    const statistic = perBranch(bootstrapMean);
    const params = statistic.params({}, 'bootstrap_mean');
    const values = Float64Array.from([1, ...new Array<number>(12).fill(Number.NaN), 2]);
    const run = (v: Float64Array) => statistic.summarize({ values: v, columns: {}, branch: 'control', seed: 1, context: CONTEXT }, params);
    expect(() => run(values)).toThrow(StatisticError);
    expect(() => run(values)).toThrow(
      /^value: 12 null or NaN values reached bootstrap_mean; add the remove_nulls or zero_fill pretreatment \(remove_indefinites also drops NaN and infinities\)$/,
    );
    expect(values.length).toBe(14);
    expect(() => run(new Float64Array(0))).toThrow(/^value: branch "control" has no rows to analyse$/);
  });

  it('validates its parameters', () => {
    expect(bootstrapMean.params({}, 'bootstrap_mean')).toEqual({ numSamples: 10_000, method: 'monte_carlo', dropHighest: 0.005, confidenceInterval: 0.95 });
    expect(bootstrapMean.params({ drop_highest: 0 }, 'bootstrap_mean').dropHighest).toBe(0);
    expect(() => bootstrapMean.params({ num_samples: -3 }, 'bootstrap_mean')).toThrow(/^bootstrap_mean: num_samples must be a positive integer, got -3$/);
    expect(() => bootstrapMean.params({ num_samples: 2.5 }, 'bootstrap_mean')).toThrow(ConfigError);
    expect(() => bootstrapMean.params({ drop_highest: 0.7 }, 'bootstrap_mean')).toThrow(/^bootstrap_mean: drop_highest must be a number between 0 and 0.5, got 0.7$/);
    expect(() => bootstrapMean.params({ confidence_interval: 10 }, 'bootstrap_mean')).toThrow(/confidence_interval must be a number strictly between 0 and 1/);
    expect(() => bootstrapMean.params({ num_sample: 5 }, 'bootstrap_mean')).toThrow(/^bootstrap_mean: unknown parameter "num_sample"; known: num_samples, drop_highest, confidence_interval, method$/);
  });
});
