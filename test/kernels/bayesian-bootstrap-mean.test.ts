import { describe, expect, it } from 'vitest';
import { bayesianBootstrapMean } from '../../src/kernels/bayesian-bootstrap-mean.js';
import { GammaSampler } from '../../src/kernels/gamma-sample.js';
import { mixSeed, streamRng } from '../../src/kernels/rng.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';

function moments(x: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  return { mean, variance: variance / (x.length - 1) };
}

const DATA = Float64Array.from([0, 0, 0, 0, 1, 1, 2, 3, 3, 5, 8, 8, 8, 13, 21]);

describe('bayesianBootstrapMean', () => {
  it('computes replicate r from (seed, r) alone: one range equals two split ranges', () => {
    const tally = tallySorted(DATA);
    const whole = bayesianBootstrapMean({ tally, numSamples: 100, seed: 77 });
    const out = new Float64Array(100);
    bayesianBootstrapMean({ tally, numSamples: 100, seed: 77, range: [60, 100], out: out.subarray(60) });
    bayesianBootstrapMean({ tally, numSamples: 100, seed: 77, range: [0, 60], out });
    expect([...out]).toEqual([...whole]);
    expect([...bayesianBootstrapMean({ tally, numSamples: 100, seed: 77, range: [37, 41] })]).toEqual([...whole.subarray(37, 41)]);
  });

  it('matches a plain implementation over streamRng bit for bit when every count is 1', () => {
    // the fast path inlines the generator; replicate r must still be Σ v w / Σ w with
    // w = -log(1 - streamRng(seed, r).nextFloat()) in order
    const values = Float64Array.from({ length: 257 }, (_, i) => Math.sin(i) * 10 + i);
    const tally = { values, counts: new Float64Array(values.length).fill(1) };
    const fast = bayesianBootstrapMean({ tally, numSamples: 20, seed: 123456789 });
    for (let r = 0; r < 20; r++) {
      const rng = streamRng(123456789, r);
      let weightSum = 0;
      let weightedSum = 0;
      for (const v of values) {
        const w = -Math.log(1 - rng.nextFloat());
        weightSum += w;
        weightedSum += w * v;
      }
      expect(fast[r]).toBe(weightedSum / weightSum);
    }
  });

  it('matches a plain implementation with mixed counts: ones from streamRng(seed, r), others from their own stream', () => {
    const tally = { values: Float64Array.from([0, 1.5, 2, 7, 30]), counts: Float64Array.from([200, 1, 3, 1, 12]) };
    const fast = bayesianBootstrapMean({ tally, numSamples: 10, seed: 99 });
    for (let r = 0; r < 10; r++) {
      const ones = streamRng(99, r);
      const others = new GammaSampler(streamRng(mixSeed(99, r), 1));
      let weightSum = 0;
      let weightedSum = 0;
      tally.values.forEach((v, i) => {
        const c = tally.counts[i];
        const w = c === 1 ? -Math.log(1 - ones.nextFloat()) : others.next(c);
        weightSum += w;
        weightedSum += w * v;
      });
      expect(fast[r]).toBe(weightedSum / weightSum);
    }
  });

  it('is reproducible from the seed and changes with it', () => {
    const tally = tallySorted(DATA);
    const a = bayesianBootstrapMean({ tally, numSamples: 50, seed: 1 });
    expect([...bayesianBootstrapMean({ tally, numSamples: 50, seed: 1 })]).toEqual([...a]);
    expect([...bayesianBootstrapMean({ tally, numSamples: 50, seed: 2 })]).not.toEqual([...a]);
  });

  it('has the Dirichlet moments, with counts (Gamma path) as with ones (exponential path)', () => {
    // analytic: under Dirichlet(1, ..., 1) over n rows, E = sample mean and
    // Var = (population variance) / (n + 1); with counts the same by aggregation (Rubin 1981).
    const n = DATA.length;
    const mean = DATA.reduce((s, v) => s + v, 0) / n;
    const populationVariance = DATA.reduce((s, v) => s + (v - mean) ** 2, 0) / n;
    const variance = populationVariance / (n + 1);
    const B = 40_000;
    const tallied = bayesianBootstrapMean({ tally: tallySorted(DATA), numSamples: B, seed: 3 });
    // all distinct: perturb ties by 1e-9 (changes the moments by < 1e-8)
    const distinct = Float64Array.from(DATA, (v, i) => v + i * 1e-9);
    const expanded = bayesianBootstrapMean({ tally: tallySorted(distinct), numSamples: B, seed: 3 });
    for (const replicates of [tallied, expanded]) {
      const m = moments(replicates);
      // mean within 5 Monte Carlo standard errors sqrt(Var / B); variance within 5 x its relative se
      // sqrt(2 / B) (0.7 %) plus skewness slack: 5 %
      expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / B));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
    }
  });

  it('returns the value itself for a single distinct value, and never writes its input', () => {
    const tally = tallySorted(Float64Array.from([4.5, 4.5, 4.5]));
    const counts = Float64Array.from(tally.counts);
    const out = bayesianBootstrapMean({ tally, numSamples: 5, seed: 1 });
    for (const v of out) expect(v).toBeCloseTo(4.5, 12);
    expect([...tally.counts]).toEqual([...counts]);
  });

  it('refuses a range outside [0, num_samples]', () => {
    const tally = tallySorted(DATA);
    expect(() => bayesianBootstrapMean({ tally, numSamples: 10, seed: 1, range: [5, 11] })).toThrow(/range must satisfy.*got \[5, 11\)/);
  });
});
