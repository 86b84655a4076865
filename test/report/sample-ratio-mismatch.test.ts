import { describe, it, expect } from 'vitest';
import { sampleRatioMismatch, SRM_THRESHOLD } from '../../src/report/sample-ratio-mismatch.js';

const at = { period: 'overall', window: 1, segment: 'all', basis: 'enrollments' };
const equal = (...branches: string[]) => branches.map((branch) => ({ branch, ratio: 1 }));

describe('sampleRatioMismatch', () => {
  it('equal ratios: chi-square and p-value as scipy.stats.chisquare', () => {
    // scipy.stats.chisquare([5000, 5400, 4600]) -> statistic 64.0, pvalue 1.2664165549094158e-14
    const input = { ...at, counts: { a: 5000, b: 5400, c: 4600 }, ratios: equal('a', 'b', 'c') };
    const copy = structuredClone(input);
    const check = sampleRatioMismatch(input)!;
    expect(input).toEqual(copy);
    expect(check.chi_square).toBeCloseTo(64, 10);
    expect(check.df).toBe(2);
    expect(Math.abs(check.p_value - 1.2664165549094158e-14) / 1.2664165549094158e-14).toBeLessThan(1e-10);
    expect(check.mismatch).toBe(true);
    expect(check.total).toBe(15000);
    expect(check.branches.map((b) => b.expected)).toEqual([5000, 5000, 5000]);
  });

  it('a small imbalance is not flagged', () => {
    // scipy.stats.chisquare([5000, 5100, 4900]) -> statistic 4.0, pvalue 0.1353352832366127
    const check = sampleRatioMismatch({ ...at, counts: { a: 5000, b: 5100, c: 4900 }, ratios: equal('a', 'b', 'c') })!;
    expect(check.chi_square).toBeCloseTo(4, 10);
    expect(check.p_value).toBeCloseTo(0.1353352832366127, 12);
    expect(check.mismatch).toBe(false);
    expect(check.threshold).toBe(SRM_THRESHOLD);
  });

  it('configured unequal ratios set the expected counts', () => {
    // scipy.stats.chisquare([2000, 850, 1150], [2000, 800, 1200]) -> 5.208333333333334, 0.07396474881316156
    const check = sampleRatioMismatch({
      ...at,
      counts: { a: 2000, b: 850, c: 1150 },
      ratios: [{ branch: 'a', ratio: 50 }, { branch: 'b', ratio: 20 }, { branch: 'c', ratio: 30 }],
    })!;
    expect(check.branches.map((b) => b.expected)).toEqual([2000, 800, 1200]);
    expect(check.chi_square).toBeCloseTo(5.208333333333334, 10);
    expect(check.p_value).toBeCloseTo(0.07396474881316156, 12);
    // scipy.stats.chisquare([1000, 2100], [1033.33.., 2066.66..]) -> 1.612903225806452, 0.20408417776556959
    const two = sampleRatioMismatch({ ...at, counts: { a: 1000, b: 2100 }, ratios: [{ branch: 'a', ratio: 1 }, { branch: 'b', ratio: 2 }] })!;
    expect(two.chi_square).toBeCloseTo(1.612903225806452, 10);
    expect(two.p_value).toBeCloseTo(0.20408417776556959, 12);
  });

  it('a configured branch without clients counts 0', () => {
    // scipy.stats.chisquare([1000, 0], [500, 500]) -> 1000.0, 1.7958327848007363e-219
    const check = sampleRatioMismatch({ ...at, counts: { a: 1000 }, ratios: equal('a', 'b') })!;
    expect(check.chi_square).toBe(1000);
    expect(Math.abs(check.p_value - 1.7958327848007363e-219) / 1.7958327848007363e-219).toBeLessThan(1e-9);
    expect(check.mismatch).toBe(true);
  });

  it('is null with fewer than two weighted branches or no clients', () => {
    expect(sampleRatioMismatch({ ...at, counts: { a: 10 }, ratios: equal('a') })).toBeNull();
    expect(sampleRatioMismatch({ ...at, counts: { a: 10, b: 0 }, ratios: [{ branch: 'a', ratio: 1 }, { branch: 'b', ratio: 0 }] })).toBeNull();
    expect(sampleRatioMismatch({ ...at, counts: {}, ratios: equal('a', 'b') })).toBeNull();
  });

  it('rejects counts of a branch that has no ratio, naming it', () => {
    expect(() => sampleRatioMismatch({ ...at, counts: { a: 10, z: 3 }, ratios: equal('a', 'b') })).toThrow(
      /srm overall window 1, segment all, basis enrollments: branch "z" has clients but no configured ratio \(branches: a, b\)/,
    );
  });
});
