import { describe, expect, it } from 'vitest';
import { branchDifference, branchRelativeUplift, fitOlsBranches } from '../../src/kernels/ols-branch-fit.js';
import { accumulateMoments, emptyMoments } from '../../src/kernels/ols-branch-sufficient.js';

const moments = (y: number[], x?: number[]) =>
  accumulateMoments(emptyMoments(), { y: Float64Array.from(y), x: x && Float64Array.from(x), clipY: Infinity, clipX: Infinity });
const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('fitOlsBranches', () => {
  it('reproduces the unadjusted closed form', () => {
    const fit = fitOlsBranches([moments(range(0, 10)), moments(range(10, 20))], false);
    if (fit === undefined) throw new Error('no fit');
    // s² = (82.5 + 82.5) / 18, df 18 (analytic); jetstream test_linear_model_mean difference and relative
    expect(fit.dfResid).toBe(18);
    expect(fit.residualVariance).toBeCloseTo(165 / 18, 13);
    const d = branchDifference(fit, 0, 1);
    expect([d.point, d.lower, d.upper].map((v) => +v.toFixed(6))).toEqual([-10, -12.844662, -7.155338]);
    const u = branchRelativeUplift(fit, 0, 1, 0);
    expect([u.point, u.lower, u.upper].map((v) => +v.toFixed(6))).toEqual([-0.689655, -0.799451, -0.519749]);
  });

  it('recovers an exact linear relation and refuses a collinear covariate', () => {
    // y = 2 + 3x in a, y = 7 + 3x in b: slope 3, intercepts 2 and 7, zero residual (analytic)
    const fit = fitOlsBranches([moments([5, 8, 14], [1, 2, 4]), moments([7, 10, 19], [0, 1, 4])], true);
    expect(fit?.slope).toBeCloseTo(3, 13);
    expect(fit?.intercepts[0]).toBeCloseTo(2, 12);
    expect(fit?.intercepts[1]).toBeCloseTo(7, 12);
    expect(fit?.dfResid).toBe(3);
    expect(fitOlsBranches([moments([1, 2], [1, 1]), moments([3, 4], [2, 2])], true)).toBeUndefined();
  });

  it('gives NaN for a non-positive ratio of predictions', () => {
    const fit = fitOlsBranches([moments([-1, -2]), moments([1, 2])], false);
    if (fit === undefined) throw new Error('no fit');
    expect(branchRelativeUplift(fit, 0, 1, 0).point).toBeNaN();
  });
});
