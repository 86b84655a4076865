import { describe, expect, it } from 'vitest';
import { brentRoot } from '../../src/kernels/brent-root.js';

describe('brentRoot', () => {
  it('finds roots to rounding', () => {
    // analytic: √2, the Dottie number cos x = x (0.7390851332151607, scipy.optimize.brentq)
    expect(brentRoot((x) => x * x - 2, 0, 2)).toBeCloseTo(Math.SQRT2, 15);
    expect(brentRoot((x) => Math.cos(x) - x, 0, 1)).toBeCloseTo(0.7390851332151607, 15);
  });

  it('returns the better end when the signs agree, and an exact root at an end', () => {
    expect(brentRoot((x) => x + 1, 0, 1)).toBe(0);
    expect(brentRoot((x) => x - 1, 0, 1)).toBe(1);
  });
});
