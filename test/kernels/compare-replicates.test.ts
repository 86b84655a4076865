import { describe, expect, it } from 'vitest';
import { compareReplicates } from '../../src/kernels/compare-replicates.js';

const focus = [1.0, 2.5, 3.0, 4.2, 0.7, 1.9];
const reference = [1.1, 2.0, 2.9, 5.0, 1.0, 1.5];

describe('compareReplicates', () => {
  // numpy 2.4: f, r = the arrays above; s = f - r (abs) or f / r - 1 (rel), t = (1 - c) / 2;
  // [c, np.mean(abs), np.quantile(abs, t), np.quantile(abs, 1 - t), np.mean(rel), np.quantile(rel, t), np.quantile(rel, 1 - t)]
  const cases: [number, number, number, number, number, number, number][] = [
    [0.95, -0.033333333333333326, -0.7374999999999998, 0.4875, 4.005572971090462e-5, -0.28250000000000003, 0.2645833333333333],
    [0.8, -0.033333333333333326, -0.55, 0.44999999999999996, 4.005572971090462e-5, -0.22999999999999998, 0.2583333333333333],
    [0.5, -0.033333333333333326, -0.25000000000000006, 0.32499999999999996, 4.005572971090462e-5, -0.14272727272727267, 0.19612068965517243],
  ];
  it.each(cases)('pairs replicate i with replicate i at confidence %s (numpy)', (c, dPoint, dLower, dUpper, rPoint, rLower, rUpper) => {
    const f = Float64Array.from(focus);
    const r = Float64Array.from(reference);
    const { difference, relativeUplift } = compareReplicates(f, r, c);
    expect(difference.point).toBeCloseTo(dPoint, 12);
    expect(difference.lower).toBeCloseTo(dLower, 12);
    expect(difference.upper).toBeCloseTo(dUpper, 12);
    expect(relativeUplift.point).toBeCloseTo(rPoint, 12);
    expect(relativeUplift.lower).toBeCloseTo(rLower, 12);
    expect(relativeUplift.upper).toBeCloseTo(rUpper, 12);
    // inputs are read-only
    expect([...f]).toEqual(focus);
    expect([...r]).toEqual(reference);
  });

  it('gives inf and NaN for a zero reference replicate, as numpy does', () => {
    // numpy: s = [1, 3, 2, 5] / [1, 0, 2, 4] - 1 = [0, inf, 0, 0.25]; np.mean(s) = inf,
    // np.quantile(s, 0.025) = 0.0, np.quantile(s, 0.975) = nan (lerp between 0.25 and inf)
    const { relativeUplift } = compareReplicates(new Float64Array([1, 3, 2, 5]), new Float64Array([1, 0, 2, 4]), 0.95);
    expect(relativeUplift.point).toBe(Number.POSITIVE_INFINITY);
    expect(relativeUplift.lower).toBe(0);
    expect(relativeUplift.upper).toBeNaN();
    // numpy: [1, 0, 2] / [1, 0, 2] - 1 holds 0/0 = nan, so the mean and every quantile are nan
    const zeroOverZero = compareReplicates(new Float64Array([1, 0, 2]), new Float64Array([1, 0, 2]), 0.95).relativeUplift;
    expect(zeroOverZero.point).toBeNaN();
    expect(zeroOverZero.lower).toBeNaN();
    expect(zeroOverZero.upper).toBeNaN();
  });

  it('refuses replicate arrays of different lengths', () => {
    expect(() => compareReplicates(new Float64Array(3), new Float64Array(4), 0.95)).toThrow(
      /focus has 3 replicates and reference 4/,
    );
  });
});
