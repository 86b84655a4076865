import { describe, expect, it } from 'vitest';
import { sampleBeta } from '../../src/kernels/beta-sample.js';
import { GammaSampler } from '../../src/kernels/gamma-sample.js';
import { createRng } from '../../src/kernels/rng.js';
import { CHI2_9_999, decileChiSquare } from './decile-fit.js';

describe('sampleBeta', () => {
  it('draws Beta(4, 8): chi-square fit over the scipy deciles', () => {
    // scipy.stats.beta.ppf(np.arange(1, 10) / 10, 4, 8)
    const deciles = [0.16923334198206869, 0.21671315817822223, 0.2548027819660135, 0.289620838789389, 0.3238044625851874, 0.35930919172436626, 0.3984338930386505, 0.44522152586880587, 0.510761037406572];
    const gamma = new GammaSampler(createRng(21));
    expect(decileChiSquare(() => sampleBeta(4, 8, gamma), deciles, 100_000)).toBeLessThan(CHI2_9_999);
  });
});
