import { describe, it, expect } from 'vitest';
import { shapeStatistic } from '../../src/report/shape-statistic.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';

const BRANCHES = ['control', 'a', 'b'];

function row(fields: Partial<StatisticRow>): StatisticRow {
  return {
    metric: 'm', statistic: 'mean', parameter: null, branch: 'control', comparison: null, comparison_to_branch: null,
    ci_width: 0.95, point: 1, lower: 0.9, upper: 1.1, segment: 'all', analysis_basis: 'enrollments', ...fields,
  };
}

describe('shapeStatistic', () => {
  it('point statistic: absolute values in branch order, comparisons filed under their reference', () => {
    const rows = [
      row({ branch: 'b', point: 3 }),
      row({ branch: 'control', point: 1 }),
      row({ branch: 'a', point: 2 }),
      row({ branch: 'b', comparison: 'relative_uplift', comparison_to_branch: 'control', point: 2, lower: 1.5, upper: 2.5 }),
      row({ branch: 'a', comparison: 'relative_uplift', comparison_to_branch: 'control', point: 1, lower: -0.1, upper: 2 }),
      row({ branch: 'control', comparison: 'relative_uplift', comparison_to_branch: 'b', point: -0.66, lower: -0.7, upper: -0.6 }),
      row({ branch: 'a', comparison: 'difference', comparison_to_branch: 'b', point: -1, lower: -1.2, upper: -0.8 }),
    ];
    const copy = structuredClone(rows);
    const view = shapeStatistic({ statistic: 'mean', rows, branches: BRANCHES, biggerIsBetter: true });
    expect(rows).toEqual(copy);
    if (view.kind !== 'point') throw new Error(`expected a point view, got ${view.kind}`);
    expect(view.absolute.map((v) => [v.branch, v.point])).toEqual([['control', 1], ['a', 2], ['b', 3]]);
    expect(Object.keys(view.relative)).toEqual(['control', 'b']);
    expect(view.relative.control).toEqual([
      { branch: 'a', point: 1, lower: -0.1, upper: 2, verdict: 'inconclusive' },
      { branch: 'b', point: 2, lower: 1.5, upper: 2.5, verdict: 'better' },
    ]);
    expect(view.relative.b).toEqual([{ branch: 'control', point: -0.66, lower: -0.7, upper: -0.6, verdict: 'worse' }]);
    expect(view.difference).toEqual({ b: [{ branch: 'a', point: -1, lower: -1.2, upper: -0.8, verdict: 'worse' }] });
  });

  it('verdicts follow bigger_is_better', () => {
    const rows = [row({ branch: 'a', comparison: 'relative_uplift', comparison_to_branch: 'control', point: 0.2, lower: 0.1, upper: 0.3 })];
    const view = shapeStatistic({ statistic: 'mean', rows, branches: BRANCHES, biggerIsBetter: false });
    expect(view.kind === 'point' && view.relative.control[0].verdict).toBe('worse');
  });

  it('deciles: per-branch curves sorted by decile, relative curves per reference', () => {
    const rows = ['0.9', '0.1', '0.5'].flatMap((p) => [
      row({ statistic: 'deciles', parameter: p, branch: 'a', point: Number(p) * 10 }),
      row({ statistic: 'deciles', parameter: p, branch: 'a', comparison: 'relative_uplift', comparison_to_branch: 'control', point: Number(p), lower: 0, upper: 1 }),
      row({ statistic: 'deciles', parameter: p, branch: 'a', comparison: 'difference', comparison_to_branch: 'control', point: 5, lower: 4, upper: 6 }),
    ]);
    const view = shapeStatistic({ statistic: 'deciles', rows, branches: BRANCHES, biggerIsBetter: true });
    if (view.kind !== 'deciles') throw new Error(`expected a deciles view, got ${view.kind}`);
    expect(view.absolute.a.x).toEqual([0.1, 0.5, 0.9]);
    expect(view.absolute.a.y).toEqual([1, 5, 9]);
    expect(view.relative.control.a).toEqual({ x: [0.1, 0.5, 0.9], y: [0.1, 0.5, 0.9], lower: [0, 0, 0], upper: [1, 1, 1] });
    expect(Object.keys(view.relative)).toEqual(['control']);
  });

  it('KDE and ECDF: curves per branch, bands only when written, geometric grids detected', () => {
    // [round(v, 6) for v in numpy.geomspace(1, 1000, 4)] = [1.0, 10.0, 100.0, 1000.0]
    const kde = ['1.0', '10.0', '100.0', '1000.0'].map((p, i) => row({ statistic: 'kernel_density_estimate', parameter: p, point: i, lower: null, upper: null }));
    const kdeView = shapeStatistic({ statistic: 'kernel_density_estimate', rows: kde, branches: BRANCHES, biggerIsBetter: true });
    expect(kdeView).toEqual({
      kind: 'distribution', statistic: 'kernel_density_estimate', geometric: true,
      series: { control: { x: [1, 10, 100, 1000], y: [0, 1, 2, 3], lower: null, upper: null } },
    });
    const ecdf = ['0.0', '1.0', '2.0', '3.0'].map((p, i) => row({ statistic: 'empirical_cdf', branch: 'b', parameter: p, point: i / 3, lower: 0, upper: 1 }));
    const ecdfView = shapeStatistic({ statistic: 'empirical_cdf', rows: ecdf, branches: BRANCHES, biggerIsBetter: true });
    if (ecdfView.kind !== 'distribution') throw new Error(`expected a distribution view, got ${ecdfView.kind}`);
    expect(ecdfView.geometric).toBe(false);
    expect(ecdfView.series.b.lower).toEqual([0, 0, 0, 0]);
  });
});
