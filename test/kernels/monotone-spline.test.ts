import { describe, expect, it } from 'vitest';
import { evaluateSpline, monotoneSpline } from '../../src/kernels/monotone-spline.js';

describe('monotoneSpline', () => {
  it('matches scipy PchipInterpolator inside and extends linearly outside', () => {
    // scipy.interpolate.PchipInterpolator([0, 1, 2, 4], [0, 1, 4, 5])([0.5, 1.5, 3]) = [0.3125, 2.57112069, 4.73275862]
    const x = Float64Array.of(0, 1, 2, 4);
    const y = Float64Array.of(0, 1, 4, 5);
    const s = monotoneSpline(x, y);
    expect(evaluateSpline(s, 1.5)).toBeCloseTo(2.57112069, 8);
    expect(evaluateSpline(s, 3)).toBeCloseTo(4.73275862, 8);
    expect(evaluateSpline(s, 0.5)).toBeCloseTo(0.3125, 12);
    expect(evaluateSpline(s, 2)).toBe(4);
    expect(evaluateSpline(s, 5)).toBeCloseTo(5 + s.m[3], 12);
    expect(Array.from(x)).toEqual([0, 1, 2, 4]);
  });

  it('never overshoots monotone data', () => {
    const s = monotoneSpline(Float64Array.of(0, 1, 2, 3), Float64Array.of(0, 0, 10, 10));
    for (let t = 0; t <= 3; t += 0.01) {
      const v = evaluateSpline(s, t);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(10 + 1e-12);
    }
  });
});
