import { describe, expect, it } from 'vitest';
import type { AnalysisContext, Reporter } from '../../src/statistics/define.js';
import { StatisticError } from '../../src/statistics/define.js';
import populationRatio from '../../src/statistics/population-ratio.js';

const context: AnalysisContext = { metric: 'ratio', referenceBranch: 'control', periodLength: 7, period: 'week' };
const report: Reporter = { warn: () => {}, error: () => {} };
const raw = { numerator: 'ad_click', denominator: 'sap', num_samples: 10 };

function run(branches: Record<string, Record<string, Float64Array>>, rawParams: Record<string, unknown> = raw) {
  const params = populationRatio.params(rawParams, 'population_ratio');
  const names = Object.keys(branches);
  const summaries = names.map((branch, b) =>
    populationRatio.summarize(
      { values: new Float64Array(branches[branch].ad_click?.length ?? 0).fill(Number.NaN), columns: branches[branch], branch, seed: 100 + b, context },
      params,
    ),
  );
  return populationRatio.compare({ branches: names, summaries, context, report }, params);
}

const adClick = Float64Array.from({ length: 10 }, (_, i) => 10 - i);
const sap = adClick.map((v) => v * 10);

describe('population_ratio', () => {
  it("reproduces jetstream's test_population_ratio (identical branches)", () => {
    const rows = run({ control: { ad_click: adClick, sap }, treatment: { ad_click: adClick, sap } });
    // jetstream test_population_ratio [verified]: both branch points 0.1 (rel 1e-5), rel/abs ≈ 0;
    // every row has num/den = 0.1 exactly, so every resample does too (analytic)
    for (const branch of ['control', 'treatment']) {
      const row = rows.find((r) => r.branch === branch && r.comparison === undefined);
      expect(row?.point).toBeCloseTo(0.1, 12);
      expect(row?.lower).toBeCloseTo(0.1, 12);
    }
    const rel = rows.find((r) => r.branch === 'treatment' && r.comparison === 'relative_uplift');
    expect(rel?.point).toBeCloseTo(0, 12);
    expect(rows.every((r) => r.ciWidth === 0.95)).toBe(true);
    expect(adClick[0]).toBe(10); // inputs unchanged by the winsorization
  });

  it('declares its upstream columns and has 15 rows for 3 branches', () => {
    const params = populationRatio.params(raw, 'p');
    expect(populationRatio.columns?.(params, 'ratio')).toEqual({ required: ['ad_click', 'sap'], metricColumn: false });
    const rows = run({ a: { ad_click: adClick, sap }, b: { ad_click: adClick, sap: sap.map((v) => v + 1) }, c: { ad_click: adClick, sap } });
    // spec 2.12: k + 2k(k-1) = 15
    expect(rows).toHaveLength(15);
  });

  it('winsorizes each column at its own per-branch quantile', () => {
    // one outlier row: numerator 1000 is clipped to np.quantile([1]*99 + [1000], 0.9) = 1,
    // denominator stays 2: every row is then 1/2 and every replicate is 0.5 (analytic)
    const num = Float64Array.from({ length: 100 }, (_, i) => (i === 0 ? 1000 : 1));
    const den = new Float64Array(100).fill(2);
    const rows = run({ a: { ad_click: num, sap: den } }, { ...raw, drop_highest: 0.1 });
    expect(rows[0].point).toBeCloseTo(0.5, 14);
    expect(rows[0].upper).toBeCloseTo(0.5, 14);
  });

  it('reports a missing upstream column and null values', () => {
    const missing = () => run({ a: { ad_click: adClick } });
    expect(missing).toThrow(StatisticError);
    expect(missing).toThrow(/^population_ratio: column "sap" is not in the table; list it in the metric's depends_on/);
    const withNull = Float64Array.from(adClick);
    withNull[3] = Number.NaN;
    expect(() => run({ a: { ad_click: withNull, sap } })).toThrow(/column "ad_click" has null values in branch "a"; add a remove_nulls or zero_fill pretreatment/);
    expect(() => populationRatio.params({ numerator: 'x' }, 'population_ratio')).toThrow(/denominator is required/);
  });
});
