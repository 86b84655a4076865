import { describe, expect, it } from 'vitest';
import { logGamma } from '../../src/kernels/log-gamma.js';

/** |actual - expected| <= tol * max(1, |expected|) for bounded values; relative otherwise. */
function expectRelative(actual: number, expected: number, tol: number): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tol);
}

describe('logGamma', () => {
  // [x, scipy.special.gammaln(x)] (scipy 1.17)
  const cases: [number, number][] = [
    [0.1, 2.252712651734206],
    [0.5, 0.5723649429247],
    [1.5, -0.12078223763524526],
    [3.7, 1.428072326665388],
    [10.2, 13.254266744235549],
    [123.456, 469.6055471299295],
    [1e7 + 0.5, 151180957.42852172],
    [-2.5, -0.05624371649767401],
  ];
  it.each(cases)('logGamma(%s) matches scipy gammaln', (x, expected) => {
    expectRelative(logGamma(x), expected, 1e-13);
  });
  it('is exactly 0 at 1 and 2 and +inf at the poles', () => {
    expect(logGamma(1)).toBe(0); // Γ(1) = Γ(2) = 1 (analytic)
    expect(logGamma(2)).toBe(0);
    expect(logGamma(0)).toBe(Number.POSITIVE_INFINITY);
    expect(logGamma(-3)).toBe(Number.POSITIVE_INFINITY);
  });
});
