import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import { createRng, mixSeed, streamRng } from '../../src/kernels/rng.js';
import { sampleBinomial } from '../../src/kernels/binomial-sample.js';
import deciles, { DECILES } from '../../src/statistics/deciles.js';
import { StatisticError } from '../../src/statistics/define.js';
import { CONTEXT, perBranch, rowOf, runPerBranch } from './run-per-branch.js';

const N = 10_000;
function uniformSample(seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: N }, () => rng.nextFloat());
}

describe('deciles', () => {
  it('puts each per-branch point close to the sample quantile, with the binomial-index interval', () => {
    const values = uniformSample(31);
    const sorted = Float64Array.from(values).sort();
    const B = 2000;
    const rows = runPerBranch(deciles, { num_samples: B }, { a: values });
    expect(rows).toHaveLength(9);
    for (const q of DECILES) {
      const row = rowOf(rows, 'a', null, null, q);
      // The replicate sd is about sqrt(q(1-q)/n) / density = 0.003..0.005 here, so the mean of 2,000
      // replicates has Monte Carlo se <= 1.2e-4; the sample quantile is numpy-linear (quantileSorted)
      expect(Math.abs(row.point! - quantileSorted(sorted, q))).toBeLessThan(1e-3);
      expect(row.ciWidth).toBe(0.95);
    }
    // The interval is the order statistics at the Binomial(n-1, q) quantiles: scipy.stats.binom.ppf(
    // [0.025, 0.975], 9999, q) = [941, 1059] (q 0.1), [4902, 5097] (0.5), [8940, 9058] (0.9). Monte Carlo
    // se of the 2.5 % quantile of 2,000 index draws: sqrt(0.025 * 0.975 / 2000) / 0.0584 * sqrt(9999 q (1-q))
    // <= 3 indices; allow 12 indices of this sample (spacing about 1e-4 each): 0.0015.
    const expected: [number, number, number][] = [[0.1, 941, 1059], [0.5, 4902, 5097], [0.9, 8940, 9058]];
    for (const [q, lo, hi] of expected) {
      const row = rowOf(rows, 'a', null, null, q);
      expect(Math.abs(row.lower! - sorted[lo])).toBeLessThan(0.0015);
      expect(Math.abs(row.upper! - sorted[hi])).toBeLessThan(0.0015);
    }
  });

  it('gives 135 rows for 3 branches: 9 deciles x (3 + 2 x 3 x 2)', () => {
    // spec 2.12 / jetstream test_pairwise_branch_comparison_row_counts: deciles 135
    const rows = runPerBranch(deciles, { num_samples: 20 }, { control: [0, 1, 1, 0, 1], a: [1, 1, 0, 1], b: [0, 0, 1, 0, 0, 1] });
    expect(rows).toHaveLength(135);
    expect(new Set(rows.map((r) => r.parameter))).toEqual(new Set([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]));
    const keys = new Set(rows.map((r) => `${r.parameter}|${r.comparisonToBranch ?? null}|${r.branch}|${r.comparison ?? null}`));
    expect(keys.size).toBe(135);
    expect(keys.has('0.3|b|a|relative_uplift')).toBe(true);
    expect(keys.has('0.9|a|control|difference')).toBe(true);
  });

  it('draws only values of the data and is reproducible from the seed', () => {
    const data = { control: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], treatment: [2, 4, 6, 8, 10, 12, 14, 16, 18, 20] };
    const rows = runPerBranch(deciles, { num_samples: 300 }, data, 8);
    expect(runPerBranch(deciles, { num_samples: 300 }, data, 8)).toEqual(rows);
    expect(runPerBranch(deciles, { num_samples: 300 }, data, 9)).not.toEqual(rows);
    // control's 0.5 decile replicates are order statistics of 1..10: its bounds are whole numbers
    const median = rowOf(rows, 'control', null, null, 0.5);
    expect(Number.isInteger(median.lower)).toBe(true);
    expect(treatmentAbove(rows)).toBe(true);
  });

  it('reports nulls and empty branches', () => {
    const statistic = perBranch(deciles);
    const params = statistic.params({}, 'deciles');
    const run = (values: number[]) =>
      statistic.summarize({ values: Float64Array.from(values), columns: {}, branch: 't', seed: 1, context: CONTEXT }, params);
    expect(() => run([1, Number.NaN, Number.NaN])).toThrow(StatisticError);
    expect(() => run([1, Number.NaN, Number.NaN])).toThrow(/^value: 2 null or NaN values reached deciles; add the remove_nulls or zero_fill pretreatment/);
    expect(() => run([])).toThrow(/^value: branch "t" has no rows to analyse$/);
  });

  it('validates its parameters', () => {
    expect(deciles.params({}, 'deciles')).toEqual({ numSamples: 10_000, method: 'monte_carlo', confidenceInterval: 0.95 });
    expect(() => deciles.params({ num_samples: 0 }, 'deciles')).toThrow(/^deciles: num_samples must be a positive integer, got 0$/);
    expect(() => deciles.params({ drop_highest: 0.1 }, 'deciles')).toThrow(/^deciles: unknown parameter "drop_highest"; known: num_samples, confidence_interval, method$/);
  });

  it('draws the same order statistics for discrete values (tallied) as from their sorted rows', () => {
    // replicate r of decile d is sorted[Binomial(n - 1, q) from streamRng(mixSeed(seed, d), r)] (header)
    const rng = createRng(8);
    const values = Float64Array.from({ length: 3_001 }, () => Math.floor(-Math.log(1 - rng.nextFloat()) * 2));
    const sorted = Float64Array.from(values).sort();
    const params = deciles.params({ num_samples: 50 }, 'deciles');
    const summary = deciles.summarize({ values, columns: {}, branch: 'a', seed: 21, context: CONTEXT }, params);
    const expected = DECILES.map((q, d) =>
      Array.from({ length: 50 }, (_, r) => sorted[sampleBinomial(values.length - 1, q, streamRng(mixSeed(21, d), r))]),
    );
    expect('replicates' in summary ? summary.replicates.map((x) => [...x]) : null).toEqual(expected);
  });
});

/** Every decile of treatment (2, 4, ..., 20) lies above control's (1, ..., 10). */
function treatmentAbove(rows: ReturnType<typeof runPerBranch>): boolean {
  return DECILES.every((q) => rowOf(rows, 'treatment', 'difference', 'control', q).point! > 0);
}
