import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/params.js';
import type { AnalysisContext, Reporter } from '../../src/statistics/define.js';
import { StatisticError } from '../../src/statistics/define.js';
import kde, { type KdeSummary } from '../../src/statistics/kernel-density-estimate.js';
import { formatParameter } from '../../src/results/format-parameter.js';
import { wineAsh } from './wine-ash.js';

const context: AnalysisContext = { metric: 'ash', referenceBranch: '1', periodLength: 7, period: 'week' };

function runKde(branches: Map<string, Float64Array>, raw: Record<string, unknown> = {}) {
  const params = kde.params(raw, 'kernel_density_estimate');
  const names = [...branches.keys()];
  const summaries: KdeSummary[] = names.map((branch) =>
    kde.summarize({ values: branches.get(branch) as Float64Array, columns: {}, branch, seed: 0, context }, params),
  );
  const warnings: string[] = [];
  const report: Reporter = { warn: (m) => warnings.push(m), error: () => {} };
  return { rows: kde.compare({ branches: names, summaries, context, report }, params), warnings };
}

describe('kernel_density_estimate', () => {
  it("matches jetstream's wine ash test (scikit-learn values)", () => {
    const wine = wineAsh();
    expect(wine.get('1')).toHaveLength(59);
    const { rows } = runKde(wine);
    const first = rows.filter((r) => r.branch === '1');
    expect(first).toHaveLength(256);
    // jetstream test_kde: first parameter "2.04"; [verified] density 0.57347 (sklearn, spec 2.10)
    expect(formatParameter(first[0].parameter)).toBe('2.04');
    expect(formatParameter(first[255].parameter)).toBe('3.22');
    expect(first[0].point).toBeCloseTo(0.57347, 4);
    // numpy direct gaussian sum, h = 59 ** -0.2 = 0.4424147498587236 (scott, data units):
    // density at 2.04 = 0.5734703068189586, at linspace(2.04, 3.22, 256)[128] = 0.7509565659820499
    expect(first[0].point).toBeCloseTo(0.5734703068189586, 12);
    expect(first[128].point).toBeCloseTo(0.7509565659820499, 12);
    expect(first.every((r) => r.lower === undefined && r.ciWidth === undefined && r.comparison === undefined)).toBe(true);
    // 3 cultivars -> 768 rows (spec 2.12)
    expect(rows).toHaveLength(768);
  });

  it.each([
    ['tophat', 0.6512793556551842, 0.9577637583164473],
    ['epanechnikov', 0.5642255119860924, 1.0917735011609861],
    ['exponential', 0.4977652756293304, 0.7129313135230935],
    ['linear', 0.5362000613053884, 1.133568327631025],
    ['cosine', 0.5553819338995251, 1.1014844601410878],
  ])('uses scikit-learn\'s %s kernel', (kernel, at0, at128) => {
    // numpy direct sums with sklearn's 1-D normalisations (tophat 1/2h, epanechnikov 3/4h,
    // exponential 1/2h, linear 1/h, cosine π/4h), cultivar 1, scott bandwidth
    const { rows } = runKde(new Map([['1', wineAsh().get('1') as Float64Array]]), { kernel });
    expect(rows[0].point).toBeCloseTo(at0, 12);
    expect(rows[128].point).toBeCloseTo(at128, 12);
  });

  it('takes silverman and numeric bandwidths', () => {
    const values = new Map([['a', Float64Array.of(0, 1)]]);
    // silverman (3n/4)^(-1/5) at n = 2: 1.5^-0.2; density at 0 = (φ(0) + φ(1/h)) / (2h) (analytic)
    const h = 1.5 ** -0.2;
    const phi = (u: number) => Math.exp(-0.5 * u * u) / Math.sqrt(2 * Math.PI);
    expect(runKde(values, { bandwidth: 'silverman' }).rows[0].point).toBeCloseTo((phi(0) + phi(1 / h)) / (2 * h), 14);
    expect(runKde(values, { bandwidth: 2 }).rows[0].point).toBeCloseTo((phi(0) + phi(0.5)) / 4, 14);
  });

  it('adds the zero point on a geometric grid when the minimum is 0', () => {
    // jetstream test_kde_with_geom_zero: all points floats, min parameter 0.0
    const { rows } = runKde(new Map([['a', Float64Array.of(0, 0, 1, 2, 4, 8)], ['b', Float64Array.of(1, 2, 3)]]), { log_space: true });
    expect(rows).toHaveLength(256 + 1 + 256);
    expect(rows[0].parameter).toBe(0);
    expect(rows[1].parameter).toBe(1);
    expect(rows.every((r) => typeof r.point === 'number' && Number.isFinite(r.point))).toBe(true);
  });

  it('warns and goes linear for negative values', () => {
    const { rows, warnings } = runKde(new Map([['a', Float64Array.of(-2, 0, 3)]]), { log_space: true });
    expect(rows).toHaveLength(256);
    expect(rows[0].parameter).toBe(-2);
    expect(warnings).toEqual([
      'KernelDensityEstimate for metric ash, branch a: Refusing to create a geometric grid for a series with negative or all-zero values',
    ]);
  });

  it('rejects adjust and bad bandwidths', () => {
    // jetstream: ValueError("KDE Adjust parameter no longer supported")
    expect(() => kde.params({ adjust: 2 }, 'k')).toThrow(new ConfigError('KDE Adjust parameter no longer supported'));
    expect(kde.params({ adjust: 1.0 }, 'k').bandwidth).toBe('scott');
    expect(() => kde.params({ bandwidth: 'normal_reference' }, 'k')).toThrow(/bandwidth must be "scott", "silverman" or a positive number/);
    expect(() => kde.params({ kernel: 'gau' }, 'k')).toThrow(/kernel must be one of gaussian/);
  });

  it('names the pretreatments that fix null values', () => {
    const params = kde.params({}, 'k');
    const call = () => kde.summarize({ values: Float64Array.of(1, Number.NaN), columns: {}, branch: 'a', seed: 0, context }, params);
    expect(call).toThrow(StatisticError);
    expect(call).toThrow(/metric ash has null values in branch "a"; add a remove_nulls or zero_fill pretreatment/);
  });
});
