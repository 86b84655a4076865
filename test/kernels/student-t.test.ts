import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile } from '../../src/kernels/student-t.js';

/** |actual - expected| <= tol * max(1, |expected|) for bounded values; relative otherwise. */
function expectRelative(actual: number, expected: number, tol: number): void {
  const scale = Math.max(Math.abs(expected), Number.MIN_VALUE);
  expect(Math.abs(actual - expected) / scale, `actual ${actual}, expected ${expected}`).toBeLessThanOrEqual(tol);
}

describe('studentTCdf and studentTQuantile', () => {
  // [t, df, scipy.stats.t.cdf(t, df)]
  const cdf: [number, number, number][] = [
    [-2, 1, 0.14758361765043326],
    [1.5, 3, 0.8847080673775886],
    [-3, 10.5, 0.006337621925937049],
    [2.5, 100, 0.9929771054379614],
    [-1.96, 1e6, 0.024998033792634926],
    [-1.96, 1e8, 0.02499789653466404],
    [4, 1e8, 0.9999683287354157],
    [-50, 2, 0.00019988007994404028],
    [-1.96, 1e5, 0.02499928159715084],
    [3.5, 3e5, 0.9997673371938589],
    [-8, 1e7, 6.221617401403415e-16],
    [0.2, 99999, 0.5792595060951304],
  ];
  it.each(cdf)('studentTCdf(%s, %s) matches scipy t.cdf', (t, df, expected) => {
    expectRelative(studentTCdf(t, df), expected, 1e-10);
  });
  // [p, df, scipy.stats.t.ppf(p, df)]
  const quantiles: [number, number, number][] = [
    [0.025, 1, -12.706204736174705],
    [0.975, 3, 3.1824463052837078],
    [1e-10, 1, -3183098861.8379064],
    [0.025, 10.5, -2.2138402929187886],
    [0.05, 100, -1.6602343260853396],
    [0.025, 1e6, -1.9599663568141072],
    [0.025, 1e8, -1.9599640082627667],
    [1e-10, 1e8, -6.361341561862986],
    [0.3, 2, -0.6172133998483678],
    [0.975, 1e5, 1.9599877075346095],
    [1e-12, 2e5, -7.034927759960158],
    [0.4, 5e6, -0.25334711661620624],
    [0.025, 99999, -1.9599877077718448],
  ];
  it.each(quantiles)('studentTQuantile(%s, %s) matches scipy t.ppf', (p, df, expected) => {
    expectRelative(studentTQuantile(p, df), expected, 1e-10);
  });
  it('tends to the normal quantile as df grows', () => {
    // scipy.stats.norm.ppf(0.975) = 1.959963984540054; t(1e8) differs by O(1/df)
    expect(Math.abs(studentTQuantile(0.975, 1e8) - 1.959963984540054)).toBeLessThan(1e-7);
  });
});
