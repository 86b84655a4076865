import { describe, expect, it } from 'vitest';
import { bayesianBootstrapMean } from '../../src/kernels/bayesian-bootstrap-mean.js';
import { GammaSampler } from '../../src/kernels/gamma-sample.js';
import { ZIGGURAT_EXP_K, ZIGGURAT_EXP_W, zigguratExponentialSlow } from '../../src/kernels/exponential-ziggurat.js';
import { mixSeed, streamRng, type Rng } from '../../src/kernels/rng.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';

function moments(x: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  return { mean, variance: variance / (x.length - 1) };
}

/**
 * Replicate r as a plain loop: ones from streamRng(seed, r) (slow steps from stream 2), integer
 * counts up to 16 as sums of exponentials from stream 1 (slow steps from stream 4), other counts
 * Gamma from stream 3.
 */
function plainReplicate(values: Float64Array, counts: Float64Array, seed: number, r: number): number {
  const main = streamRng(seed, r);
  const spare = streamRng(mixSeed(seed, r), 2);
  const small = streamRng(mixSeed(seed, r), 1);
  const smallSpare = streamRng(mixSeed(seed, r), 4);
  const others = new GammaSampler(streamRng(mixSeed(seed, r), 3));
  const summed = (k: number) => {
    let w = 0;
    for (let j = 0; j < k; j++) w += zigguratWith(small, smallSpare);
    return w;
  };
  let weightSum = 0;
  let weightedSum = 0;
  values.forEach((v, i) => {
    const c = counts[i];
    const w = c === 1 ? zigguratWith(main, spare) : c <= 16 && Number.isInteger(c) ? summed(c) : others.next(c);
    weightSum += w;
    weightedSum += w * v;
  });
  return weightedSum / weightSum;
}

function zigguratWith(main: Rng, spare: Rng): number {
  const jz = main.nextUint32();
  const u = jz >>> 8;
  if (u < ZIGGURAT_EXP_K[jz & 255]) return u * ZIGGURAT_EXP_W[jz & 255];
  return zigguratExponentialSlow(jz, spare);
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

  it('matches a plain index-order implementation of its three streams (to summation rounding)', () => {
    // the fast path inlines the generator and defers slow ziggurat draws and Gamma counts to after
    // the count-1 loop; the weights must be exactly those of this plain loop, so the replicate
    // differs only by the order of the floating-point sums (relative 1e-12 is ~1e4 ulps)
    const values = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 10 + i);
    const counts = Float64Array.from(values, (_, i) => (i % 7 === 0 ? 1 + (i % 5) : i % 11 === 0 ? 20 + (i % 3) + 0.5 * (i % 2) : 1));
    const tally = { values, counts };
    const fast = bayesianBootstrapMean({ tally, numSamples: 12, seed: 123456789 });
    for (let r = 0; r < 12; r++) {
      const reference = plainReplicate(values, counts, 123456789, r);
      expect(Math.abs(fast[r] / reference - 1)).toBeLessThan(1e-12);
    }
  });

  it('agrees in distribution with the -log(1 - U) Dirichlet scheme at n = 20 and on heavy-tailed data', () => {
    // Same estimator, different exponential generator: compare the replicate distributions of the
    // kernel and of a straightforward Dirichlet(1,...,1) bootstrap with w = -log(1 - U). Each mean is
    // within 5 Monte Carlo standard errors of the difference, sqrt(2 Var / B); each 2.5 % / 97.5 %
    // quantile within 5 standard errors of a difference of two quantile estimates,
    // sqrt(2 q (1 - q) / B) / f(x_q), with the density f estimated from the pooled replicates.
    const B = 20_000;
    const small = Float64Array.from({ length: 20 }, (_, i) => (i * 7919) % 23);
    const heavy = Float64Array.from({ length: 2000 }, (_, i) => Math.exp(3 * Math.sin(i * 12.9898)) ** 2 + i * 1e-9);
    for (const data of [small, heavy]) {
      const sorted = Float64Array.from(data).sort();
      const fast = bayesianBootstrapMean({ tally: tallySorted(sorted), numSamples: B, seed: 5 });
      const reference = new Float64Array(B);
      for (let r = 0; r < B; r++) {
        const rng = streamRng(6, r);
        let ws = 0;
        let wv = 0;
        for (const v of sorted) {
          const w = -Math.log(1 - rng.nextFloat());
          ws += w;
          wv += w * v;
        }
        reference[r] = wv / ws;
      }
      const a = moments(fast);
      const b = moments(reference);
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(5 * Math.sqrt((2 * b.variance) / B));
      expect(Math.abs(a.variance / b.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / (B - 1)) * 2); // x2: kurtosis slack
      const fs = Float64Array.from(fast).sort();
      const rs = Float64Array.from(reference).sort();
      for (const q of [0.025, 0.975]) {
        const at = Math.floor(q * B);
        const h = Math.floor(0.01 * B);
        const density = (2 * h) / B / (rs[Math.min(B - 1, at + h)] - rs[Math.max(0, at - h)]);
        const se = Math.sqrt((2 * q * (1 - q)) / B) / density;
        expect(Math.abs(fs[at] - rs[at])).toBeLessThan(5 * se);
      }
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
