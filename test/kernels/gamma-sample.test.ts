import { describe, expect, it } from 'vitest';
import { GammaSampler, sampleGamma } from '../../src/kernels/gamma-sample.js';
import { createRng } from '../../src/kernels/rng.js';
import { CHI2_9_999, decileChiSquare } from './decile-fit.js';

// [shape, scipy.stats.gamma.ppf(np.arange(1, 10) / 10, shape)]
const cases: [number, number[]][] = [
  [0.3, [0.0003237246218234327, 0.0032703395246849493, 0.012726657769948697, 0.03373979264658412, 0.07313113586695198, 0.14125250363107097, 0.2565649133210519, 0.4600738869878518, 0.8848107733602443]],
  [1, [0.10536051565782636, 0.22314355131420974, 0.3566749439387324, 0.5108256237659908, 0.6931471805599455, 0.916290731874155, 1.203972804325936, 1.6094379124341005, 2.302585092994046]],
  [2, [0.531811608389612, 0.8243883090329845, 1.0973492107034917, 1.3764213420628875, 1.6783469900166612, 2.0223132453246566, 2.439216483280204, 2.9943083470021232, 3.889720169867429]],
  [3, [1.1020653282493214, 1.5350442026446436, 1.9137757941270621, 2.2850769040033807, 2.674060313723559, 3.10537859726335, 3.615567665865991, 4.279029860125334, 5.322320337834211]],
  [2.5, [0.8051539934811613, 1.1712671529205605, 1.4999540663799533, 1.8277498115707937, 2.175730095547763, 2.5659335372009098, 3.03221499207745, 3.6446380633244804, 4.618178449890562]],
  [40, [32.13892223408757, 34.603469541769265, 36.45767115693809, 38.093965976887596, 39.6671650106891, 41.28312501111594, 43.05985495117296, 45.202674266114975, 48.28910180763351]],
];
const DRAWS = 100_000;

describe('GammaSampler', () => {
  it.each(cases)('Gamma(%s): chi-square fit over scipy deciles, mean and variance', (shape, deciles) => {
    const sampler = new GammaSampler(createRng(100 + shape));
    expect(decileChiSquare(() => sampler.next(shape), deciles, DRAWS)).toBeLessThan(CHI2_9_999);
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < DRAWS; i++) {
      const x = sampler.next(shape) - shape;
      sum += x;
      sumSquares += x * x;
    }
    // analytic: mean = variance = shape; 5 standard errors (var of (x - k)^2 = 2k^2 + 6k, Gamma kurtosis)
    expect(Math.abs(sum / DRAWS)).toBeLessThan(5 * Math.sqrt(shape / DRAWS));
    expect(Math.abs(sumSquares / DRAWS - shape)).toBeLessThan(5 * Math.sqrt((2 * shape * shape + 6 * shape) / DRAWS));
  });

  it('exponential() is Gamma(1)', () => {
    // scipy.stats.expon.ppf(np.arange(1, 10) / 10) = the Gamma(1) deciles above
    const sampler = new GammaSampler(createRng(5));
    expect(decileChiSquare(() => sampler.exponential(), cases[1][1], DRAWS)).toBeLessThan(CHI2_9_999);
  });

  it('is a pure function of its stream', () => {
    const a = new GammaSampler(createRng(9));
    const b = new GammaSampler(createRng(9));
    for (let i = 0; i < 50; i++) expect(a.next(3.3)).toBe(b.next(3.3));
    expect(sampleGamma(2, createRng(4))).toBe(sampleGamma(2, createRng(4)));
  });
});
