import { describe, it, expect } from 'vitest';
import { chiSquareSf } from '../../src/kernels/chi-square-sf.js';
import { regularizedGammaP, regularizedGammaQ } from '../../src/kernels/regularized-gamma.js';

// [x, df, scipy.stats.chi2.sf(x, df)] computed here with scipy 1.17.
const SCIPY_CHI2_SF: [number, number, number][] = [
  [0.5, 1, 0.47950012218695337],
  [3.84, 1, 0.05004352124870519],
  [10.83, 1, 0.0009986863791802592],
  [1e-3, 2, 0.9995001249791693],
  [5.991, 2, 0.05001161502657909],
  [13.8155, 2, 0.0010000052789960706],
  [20, 2, 4.539992976248486e-5],
  [0.1, 5, 0.9998376833880774],
  [7.5, 3, 0.0575584519726364],
  [100, 3, 1.5541594313896026e-21],
  [50, 10, 2.669083424904495e-7],
  [250, 200, 0.009379131668826098],
  [1000, 3, 1.7994208765314067e-216],
];

describe('chiSquareSf', () => {
  it.each(SCIPY_CHI2_SF)('chi2.sf(%d, %d) matches scipy to 1e-12 relative', (x, df, expected) => {
    const got = chiSquareSf(x, df);
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-12);
  });

  it('is 1 at x = 0 and for negative x', () => {
    // scipy.stats.chi2.sf(0, 2) = 1.0
    expect(chiSquareSf(0, 2)).toBe(1);
    expect(chiSquareSf(-3, 2)).toBe(1);
  });

  it('rejects a non-positive df and NaN', () => {
    expect(() => chiSquareSf(1, 0)).toThrow(/df must be a positive finite number, got 0/);
    expect(() => chiSquareSf(Number.NaN, 1)).toThrow(/x must be a number/);
  });
});

describe('regularizedGammaP / regularizedGammaQ', () => {
  it('match scipy.special.gammainc / gammaincc', () => {
    // scipy.special.gammainc(2.5, 1.3) = 0.23863473215498604
    expect(regularizedGammaP(2.5, 1.3)).toBeCloseTo(0.23863473215498604, 14);
    // scipy.special.gammaincc(0.5, 30.0) = 9.485737571073857e-15 (continued-fraction branch, deep tail)
    expect(Math.abs(regularizedGammaQ(0.5, 30) - 9.485737571073857e-15) / 9.485737571073857e-15).toBeLessThan(1e-12);
    // scipy.special.gammainc(100, 90) = 0.15822098918643007, gammaincc(100, 90) = 0.84177901081357
    expect(regularizedGammaP(100, 90)).toBeCloseTo(0.15822098918643007, 12);
    expect(regularizedGammaQ(100, 90)).toBeCloseTo(0.84177901081357, 12);
  });

  it('P + Q = 1 on both branches', () => {
    for (const [a, x] of [[3, 1], [3, 10], [0.5, 0.2], [40, 55]]) {
      expect(regularizedGammaP(a, x) + regularizedGammaQ(a, x)).toBeCloseTo(1, 14);
    }
  });

  it('rejects a <= 0 and negative x', () => {
    expect(() => regularizedGammaQ(0, 1)).toThrow(/a must be a positive finite number, got 0/);
    expect(() => regularizedGammaP(1, -1)).toThrow(/x must be >= 0, got -1/);
  });
});
