import { describe, it, expect } from 'vitest';
import { buildReportData } from '../../src/report/build-report-data.js';
import type { ResultsDirectory } from '../../src/report/read-results-dir.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { syntheticResults } from '../support/synthetic-results.js';

function directory(options: Parameters<typeof syntheticResults>[0] = {}, withMetadata = true): ResultsDirectory {
  const s = syntheticResults(options);
  return {
    nslug: s.nslug,
    windows: Object.entries(s.files).map(([file, rows]) => {
      const [, period, window] = /_(overall|week)_(\d+)\.json$/.exec(file)!;
      return { period, window: Number(window), file, rows };
    }),
    errors: s.errors,
    metadata: withMetadata ? (s.metadata as ResultsDirectory['metadata']) : null,
  };
}

function findRow(rows: StatisticRow[], where: Partial<StatisticRow>): StatisticRow {
  const found = rows.filter((r) => Object.entries(where).every(([k, v]) => r[k as keyof StatisticRow] === v));
  if (found.length !== 1) throw new Error(`expected one row matching ${JSON.stringify(where)}, got ${found.length}`);
  return found[0];
}

describe('buildReportData', () => {
  it('one view per period, window, segment and basis; branches in control-first order', () => {
    const input = directory();
    const copy = structuredClone(input);
    const data = buildReportData(input);
    expect(input).toEqual(copy);
    expect(data.slug).toBe('synthetic_experiment');
    expect(data.branches).toEqual(['control', 'treatment-a', 'treatment-b']);
    expect(data.defaultReference).toBe('control');
    expect(data.segments).toEqual(['all', 'new_users']);
    expect(data.bases).toEqual(['enrollments', 'exposures']);
    expect(Object.keys(data.views).sort()).toEqual([
      'overall|1|all|enrollments', 'overall|1|all|exposures', 'overall|1|new_users|enrollments', 'overall|1|new_users|exposures',
      'week|1|all|enrollments', 'week|1|all|exposures', 'week|1|new_users|enrollments', 'week|1|new_users|exposures',
    ]);
    // identityRows: 5000 clients, 40 % in new_users, 80 % exposed -> 1600.
    expect(data.views['overall|1|new_users|exposures'].counts).toEqual({ control: 1600, 'treatment-a': 1600, 'treatment-b': 1600 });
    expect(data.problems.map((p) => [p.level, p.metric, p.statistic, p.segment, p.basis])).toEqual([
      ['WARNING', 'active_hours', 'kernel_density_estimate', 'new_users', 'exposures'],
      ['ERROR', 'crash_count', 'deciles', 'all', 'enrollments'],
    ]);
  });

  it('metric names and directions come from the metadata, or Jetstream defaults without it', () => {
    expect(buildReportData(directory()).metrics.crash_count).toEqual({ friendlyName: 'Crashes', description: 'Crash reports per client', biggerIsBetter: false });
    // Jetstream default: "crash_count".replace("_", " ").title() = "Crash Count", bigger_is_better True
    expect(buildReportData(directory({}, false)).metrics.crash_count).toEqual({ friendlyName: 'Crash Count', description: '', biggerIsBetter: true });
  });

  it('summary rows against every reference match the relative_uplift rows, with verdicts', () => {
    const dir = directory();
    const data = buildReportData(dir);
    const rows = dir.windows.find((w) => w.period === 'overall')!.rows;
    for (const reference of data.branches) {
      const summary = data.views['overall|1|new_users|exposures'].summary[reference];
      expect(summary.map((r) => `${r.metric}/${r.statistic}`)).toEqual(['retained/binomial', 'active_hours/mean', 'crash_count/mean']);
      for (const line of summary) {
        expect(line.cells.map((c) => c.branch)).toEqual(data.branches.filter((b) => b !== reference));
        for (const cell of line.cells) {
          const source = findRow(rows, {
            metric: line.metric, statistic: line.statistic, branch: cell.branch, comparison: 'relative_uplift',
            comparison_to_branch: reference, segment: 'new_users', analysis_basis: 'exposures',
          });
          expect([cell.point, cell.lower, cell.upper]).toEqual([source.point, source.lower, source.upper]);
        }
      }
    }
    // treatment-a vs control in new_users: uplift 2 * 0.06 = 0.12 in [0.09, 0.15]; crash_count has
    // bigger_is_better false in the metadata.
    const againstControl = data.views['overall|1|new_users|exposures'].summary.control;
    expect(againstControl.find((r) => r.metric === 'retained')!.cells[0].verdict).toBe('better');
    expect(againstControl.find((r) => r.metric === 'crash_count')!.cells[0].verdict).toBe('worse');
    expect(againstControl.find((r) => r.metric === 'crash_count')!.cells[1].verdict).toBe('inconclusive');
  });

  it('an experiment plan sets the branch order, the default reference and the SRM ratios', () => {
    const plan = { branches: [{ branch: 'treatment-b', ratio: 1 }, { branch: 'control', ratio: 1 }, { branch: 'treatment-a', ratio: 2 }], referenceBranch: 'treatment-b' };
    const data = buildReportData(directory(), plan);
    expect(data.branches).toEqual(['treatment-b', 'control', 'treatment-a']);
    expect(data.defaultReference).toBe('treatment-b');
    const check = data.srm.find((c) => c.period === 'overall' && c.segment === 'all' && c.analysis_basis === 'enrollments')!;
    // Equal counts 5000 each against ratios 1:1:2: scipy.stats.chisquare([5000, 5000, 5000],
    // [3750, 3750, 7500]) -> statistic 1666.6666666666667 (p = 0 in double precision)
    expect(check.branches.map((b) => b.expected)).toEqual([3750, 3750, 7500]);
    expect(check.chi_square).toBeCloseTo(1666.6666666666667, 9);
    expect(check.mismatch).toBe(true);
  });

  it('SRM: one check per view, skewed counts flagged with scipy p-values', () => {
    const balanced = buildReportData(directory());
    expect(balanced.srm).toHaveLength(8);
    expect(balanced.srm.every((c) => !c.mismatch && c.p_value === 1)).toBe(true);
    const skewed = buildReportData(directory({ counts: { control: 5000, 'treatment-a': 5400, 'treatment-b': 4600 } }));
    const pOf = (segment: string, basis: string) => skewed.srm.find((c) => c.period === 'week' && c.segment === segment && c.analysis_basis === basis)!.p_value;
    // scipy.stats.chisquare([5000, 5400, 4600]).pvalue = 1.2664165549094158e-14
    expect(pOf('all', 'enrollments') / 1.2664165549094158e-14).toBeCloseTo(1, 9);
    // scipy.stats.chisquare([1600, 1728, 1472]).pvalue = 3.5712849641635225e-05
    expect(pOf('new_users', 'exposures') / 3.5712849641635225e-5).toBeCloseTo(1, 9);
  });
});
