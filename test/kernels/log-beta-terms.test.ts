import { describe, expect, it } from 'vitest';
import { log1pMinusX, logBeta, logBetaPrefactor } from '../../src/kernels/log-beta-terms.js';

describe('logBeta', () => {
  // [a, b, scipy.special.betaln(a, b)]
  const cases: [number, number, number][] = [
    [2, 3, -2.4849066497880004],
    [0.5, 5e7, -8.29140183627151],
    [1e7, 1e7, -13862951.453136457],
    [3, 1e6, -40.65593064094005],
  ];
  it.each(cases)('logBeta(%s, %s) matches scipy betaln', (a, b, expected) => {
    expect(Math.abs(logBeta(a, b) - expected) / Math.abs(expected)).toBeLessThan(1e-13);
  });
});

describe('logBetaPrefactor', () => {
  it('is log(x^a y^b / B(a, b)) without cancellation at huge a, b', () => {
    // mpmath (40 digits): a log x + b log(1 - x) - log B(a, b) at x = 0.5001, a = b = 1e7
    expect(logBetaPrefactor(0.5001, 1 - 0.5001, 1e7, 1e7)).toBeCloseTo(-0.2307730616558093, 9);
    // scipy: 2 log 0.3 + 3 log 0.7 - betaln(2, 3) = -0.7833057693262767
    expect(logBetaPrefactor(0.3, 0.7, 2, 3)).toBeCloseTo(-0.7833057693262767, 13);
  });
});

describe('log1pMinusX', () => {
  it('matches log1p(u) - u, and keeps relative precision for tiny u', () => {
    // numpy: np.log1p(0.5) - 0.5 = -0.09453489189183562
    expect(log1pMinusX(0.5)).toBeCloseTo(-0.09453489189183562, 15);
    // series: -u^2/2 + u^3/3 at u = 1e-9
    expect(log1pMinusX(1e-9) / (-5e-19 + 1e-27 / 3) - 1).toBeLessThan(1e-14);
  });
});
