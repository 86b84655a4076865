import { describe, expect, it } from 'vitest';
import { exactBayesianMean, pointMassBranch } from '../../src/kernels/exact-bayesian-mean.js';
import { compareScoreDistributions } from '../../src/kernels/exact-compare.js';
import { NormalSampler } from '../../src/kernels/normal-sample.js';
import { createRng } from '../../src/kernels/rng.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';

function normalBranch(n: number, mean: number, seed: number) {
  const sampler = new NormalSampler(createRng(seed));
  const values = Float64Array.from({ length: n }, () => mean + sampler.next()).sort();
  return exactBayesianMean(tallySorted(values), 0.95).distribution;
}

describe('compareScoreDistributions', () => {
  it('gives the normal difference of two large normal-sample branches', () => {
    // n = 20,000 of N(μ, 1): each branch's bootstrap mean is normal to skewness ~1e-4, so B - A is
    // N(mB - mA, sA² + sB²) and the 95 % bounds are the point ∓ 1.959964 √(sA² + sB²) (scipy.stats.norm.ppf)
    const a = normalBranch(20_000, 5, 1);
    const b = normalBranch(20_000, 5.02, 2);
    const { difference } = compareScoreDistributions(b, a, 0.95);
    const sd = Math.hypot(a.sd, b.sd);
    expect(difference.point).toBeCloseTo(b.mean - a.mean, 14);
    // 0.1 % of the width 3.92 sd
    expect(Math.abs(difference.lower - (difference.point - 1.959964 * sd))).toBeLessThan(0.004 * sd);
    expect(Math.abs(difference.upper - (difference.point + 1.959964 * sd))).toBeLessThan(0.004 * sd);
  });

  it('compares point masses exactly, and the relative row against a zero point mass is NaN', () => {
    const r = compareScoreDistributions(pointMassBranch(3).distribution, pointMassBranch(2).distribution, 0.95);
    expect(r.difference).toEqual({ point: 1, lower: 1, upper: 1 });
    expect(r.relativeUplift.point).toBeCloseTo(0.5, 15);
    const zero = compareScoreDistributions(pointMassBranch(3).distribution, pointMassBranch(0).distribution, 0.95);
    expect(zero.relativeUplift.point).toBeNaN();
    expect(zero.relativeUplift.lower).toBeNaN();
    expect(zero.difference.point).toBe(3);
  });

  it('shifts a point-mass focus by the reference distribution exactly', () => {
    // B = 2 surely, A ~ Beta(3, 27): B - A has bounds 2 - A's bounds (scipy.stats.beta.ppf(0.975/0.025, 3, 27))
    const a = exactBayesianMean({ values: Float64Array.of(0, 1), counts: Float64Array.of(27, 3) }, 0.95).distribution;
    const { difference } = compareScoreDistributions(pointMassBranch(2).distribution, a, 0.95);
    expect(Math.abs(difference.lower - (2 - 0.22766189))).toBeLessThan(1e-4);
    expect(Math.abs(difference.upper - (2 - 0.02186374))).toBeLessThan(1e-4);
  });
});
