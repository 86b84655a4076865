import { describe, expect, it } from 'vitest';
import type { AnalysisContext, Reporter } from '../../src/statistics/define.js';
import ecdf, { dkwEpsilon, type EcdfSummary } from '../../src/statistics/empirical-cdf.js';
import { formatParameter } from '../../src/results/format-parameter.js';
import { wineAsh } from './wine-ash.js';

const context: AnalysisContext = { metric: 'ash', referenceBranch: '1', periodLength: 7, period: 'week' };

function runEcdf(branches: Map<string, Float64Array>, raw: Record<string, unknown> = {}) {
  const params = ecdf.params(raw, 'empirical_cdf');
  const names = [...branches.keys()];
  const summaries: EcdfSummary[] = names.map((branch) =>
    ecdf.summarize({ values: branches.get(branch) as Float64Array, columns: {}, branch, seed: 0, context }, params),
  );
  const warnings: string[] = [];
  const report: Reporter = { warn: (m) => warnings.push(m), error: () => {} };
  return { rows: ecdf.compare({ branches: names, summaries, context, report }, params), warnings };
}

describe('empirical_cdf', () => {
  it("matches jetstream's wine ash values", () => {
    const { rows } = runEcdf(wineAsh());
    const first = rows.filter((r) => r.branch === '1');
    // [verified] F(2.04) = 1/59 (spec 2.11); numpy mean(ash <= linspace(2.04, 3.22, 256)[128]) = 46/59
    expect(formatParameter(first[0].parameter)).toBe('2.04');
    expect(first[0].point).toBeCloseTo(1 / 59, 15);
    expect(first[128].point).toBeCloseTo(0.7796610169491526, 15);
    expect(first[255].point).toBe(1);
    expect(rows).toHaveLength(768);
  });

  it('carries the DKW 95 % band, clipped to [0, 1]', () => {
    const { rows } = runEcdf(new Map([['1', wineAsh().get('1') as Float64Array]]));
    // ε = sqrt(ln(2/0.05) / (2 · 59)) = 0.17680... (analytic)
    const eps = Math.sqrt(Math.log(40) / 118);
    expect(dkwEpsilon(59)).toBeCloseTo(eps, 15);
    expect(rows[0].lower).toBe(0);
    expect(rows[0].upper).toBeCloseTo(1 / 59 + eps, 15);
    expect(rows[128].lower).toBeCloseTo(46 / 59 - eps, 15);
    expect(rows[255].upper).toBe(1);
    expect(rows.every((r) => r.ciWidth === 0.95)).toBe(true);
  });

  it('is right-continuous and adds the zero point on a geometric grid', () => {
    const { rows } = runEcdf(new Map([['a', Float64Array.of(0, 0, 1, 2, 4, 8)]]), { log_space: true });
    expect(rows).toHaveLength(257);
    // F(0) = #{v <= 0}/n = 2/6; the grid starts at the second-smallest distinct value 1: F(1) = 3/6
    expect(rows[0]).toMatchObject({ parameter: 0 });
    expect(rows[0].point).toBeCloseTo(2 / 6, 15);
    expect(rows[1].parameter).toBe(1);
    expect(rows[1].point).toBeCloseTo(3 / 6, 15);
  });

  it('falls back to linear for all-negative data, with a warning', () => {
    // jetstream test_ecdf: non-empty for all-negative data
    const { rows, warnings } = runEcdf(new Map([['a', Float64Array.of(-3, -2, -1)]]), { log_space: true, grid_size: 5 });
    expect(rows.map((r) => r.parameter)).toEqual([-3, -2.5, -2, -1.5, -1]);
    expect(rows.map((r) => r.point)).toEqual([1 / 3, 1 / 3, 2 / 3, 2 / 3, 1]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^EmpiricalCDF for metric ash, branch a: Refusing to create a geometric grid/);
  });

  it('names the pretreatments that fix null values', () => {
    const params = ecdf.params({}, 'e');
    expect(() => ecdf.summarize({ values: Float64Array.of(Number.NaN), columns: {}, branch: 'b', seed: 0, context }, params)).toThrow(
      /empirical_cdf: metric ash has null values in branch "b"; add a remove_nulls or zero_fill pretreatment/,
    );
  });
});
