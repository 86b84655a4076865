import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile } from '../../src/kernels/normal.js';

/** |actual - expected| <= tol * max(1, |expected|) for bounded values; relative otherwise. */
function expectRelative(actual: number, expected: number, tol: number): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tol);
}

describe('normalCdf and normalQuantile', () => {
  // [x, scipy.stats.norm.cdf(x)]
  const cdf: [number, number][] = [
    [-10, 7.61985302416047e-24],
    [-5, 2.866515718791933e-7],
    [-2.9, 0.0018658133003840375],
    [-1.5, 0.06680720126885807],
    [-0.3, 0.3820885778110474],
    [0, 0.5],
    [0.7, 0.758036347776927],
    [1.96, 0.9750021048517795],
    [3, 0.9986501019683699],
    [8.5, 1],
  ];
  it.each(cdf)('normalCdf(%s) matches scipy norm.cdf', (x, expected) => {
    if (expected === 1) expect(normalCdf(x)).toBe(1);
    else expectRelative(normalCdf(x), expected, 1e-13);
  });
  it('keeps the far lower tail that scipy flushes to zero', () => {
    // scipy.stats.norm.cdf(-38) = 0.0 (underflow); mpmath.ncdf(-38) = 2.885428351e-316 (subnormal)
    expect(normalCdf(-38)).toBeGreaterThan(2.8e-316);
    expect(normalCdf(-38)).toBeLessThan(2.9e-316);
    expect(normalCdf(-40)).toBe(0);
  });
  // [p, scipy.stats.norm.ppf(p)]
  const quantiles: [number, number][] = [
    [1e-300, -37.0470962993612],
    [1e-20, -9.262340089798409],
    [1e-5, -4.264890793922825],
    [0.01, -2.3263478740408408],
    [0.025, -1.9599639845400545],
    [0.3, -0.5244005127080409],
    [0.7, 0.5244005127080407],
    [0.975, 1.959963984540054],
    [0.999999, 4.753424308817087],
  ];
  it.each(quantiles)('normalQuantile(%s) matches scipy norm.ppf', (p, expected) => {
    expectRelative(normalQuantile(p), expected, 1e-13);
  });
  it('is exact at the centre and infinite at the ends', () => {
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
  });
});
