import { describe, expect, it } from 'vitest';
import { NormalSampler } from '../../src/kernels/normal-sample.js';
import { createRng } from '../../src/kernels/rng.js';
import { CHI2_9_999, decileChiSquare } from './decile-fit.js';

describe('NormalSampler', () => {
  it('draws N(0, 1): chi-square fit over the scipy deciles', () => {
    // scipy.stats.norm.ppf(np.arange(1, 10) / 10)
    const deciles = [-1.2815515655446004, -0.8416212335729142, -0.5244005127080409, -0.2533471031357997, 0, 0.2533471031357997, 0.5244005127080407, 0.8416212335729143, 1.2815515655446004];
    const sampler = new NormalSampler(createRng(11));
    expect(decileChiSquare(() => sampler.next(), deciles, 100_000)).toBeLessThan(CHI2_9_999);
  });

  it('forgets its kept draw on reset, so a stream restarts identically', () => {
    const sampler = new NormalSampler(createRng(3));
    const first = [sampler.next(), sampler.next(), sampler.next()];
    sampler.reset(createRng(3));
    expect([sampler.next(), sampler.next(), sampler.next()]).toEqual(first);
  });
});
