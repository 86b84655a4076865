import { describe, expect, it } from 'vitest';
import { log1pMinusX, logBeta, logBetaPrefactor } from '../../src/kernels/log-beta-terms.js';

describe('logBeta', () => {
  // [a, b, mpmath.log(mpmath.beta(a, b)) at 40 digits]; scipy.special.betaln agrees except at
  // (3, 1e6), where it gives -40.75338749401271 (1.7e-11 relative off mpmath)
  const cases: [number, number, number][] = [
    [2, 3, -2.4849066497880004],
    [0.5, 5e7, -8.29140183627151],
    [1e7, 1e7, -13862950.404734596],
    [3, 1e6, -40.753387493330377],
  ];
  it.each(cases)('logBeta(%s, %s) matches mpmath', (a, b, expected) => {
    expect(Math.abs(logBeta(a, b) - expected) / Math.abs(expected)).toBeLessThan(1e-13);
  });
});

describe('logBetaPrefactor', () => {
  it('is log(x^a y^b / B(a, b)) without cancellation at huge a, b', () => {
    // mpmath (40 digits): a log x + b log(1 - x) - log B(a, b) at x = mpf(0.5001), a = b = 1e7
    expect(logBetaPrefactor(0.5001, 1 - 0.5001, 1e7, 1e7)).toBeCloseTo(6.393535681494602, 9);
    // numpy/scipy: 2 log 0.3 + 3 log 0.7 - betaln(2, 3) = -0.9930637906800692
    expect(logBetaPrefactor(0.3, 0.7, 2, 3)).toBeCloseTo(-0.9930637906800692, 13);
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
