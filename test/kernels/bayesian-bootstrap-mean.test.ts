import { describe, expect, it } from 'vitest';
import { bayesianBootstrapMean } from '../../src/kernels/bayesian-bootstrap-mean.js';
import { GammaSampler } from '../../src/kernels/gamma-sample.js';
import { mixSeed, streamRng } from '../../src/kernels/rng.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';
import { ReferenceLane, addReferenceLaneSums } from '../support/exponential-lane-reference.js';

function moments(x: Float64Array): { mean: number; variance: number } {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  return { mean, variance: variance / (x.length - 1) };
}

/**
 * Replicate r written plainly from the kernel's header: the values centred on the tally's mean c and
 * scaled by the power of two s that puts the largest |v - c| in [2^63, 2^64) (f32 for the kernel's
 * lane, 0 below 2^-60); count-1 values, then integer counts up to 16, each in index order, summing
 * exponentials of the lane on mixSeed(seed, r) (the lane reference); then the other counts, Gamma
 * from stream 3; the replicate is c + (Σ w·u / Σ w) / s.
 */
function plainReplicate(values: Float64Array, counts: Float64Array, seed: number, r: number): number {
  const lane = new ReferenceLane(mixSeed(seed, r));
  const others = new GammaSampler(streamRng(mixSeed(seed, r), 3));
  let n = 0;
  let total = 0;
  values.forEach((v, i) => {
    n += counts[i];
    total += counts[i] * v;
  });
  const c = total / n;
  const largest = Math.max(...values.map((v) => Math.abs(v - c)));
  let s = 1;
  while (largest * s < 2 ** 63) s *= 2;
  while (largest * s >= 2 ** 64) s /= 2;
  const u = (v: number) => ((v - c) * s >= 2 ** -60 || (v - c) * s <= -(2 ** -60) ? Math.fround((v - c) * s) : 0);
  const pick = (keep: (c: number) => boolean) => {
    const at = [...counts.keys()].filter((i) => keep(counts[i]));
    return { values: at.map((i) => values[i]), counts: at.map((i) => counts[i]) };
  };
  const sums: [number, number] = [0, 0];
  addReferenceLaneSums(lane, sums, pick((c) => c === 1).values.map(u));
  const small = pick((c) => c > 1 && c <= 16 && Number.isInteger(c));
  addReferenceLaneSums(lane, sums, small.values.map(u), small.counts);
  const other = pick((c) => c > 16 || !Number.isInteger(c));
  other.values.forEach((v, i) => {
    const w = others.next(other.counts[i]);
    sums[0] += w;
    sums[1] += w * ((v - c) * s);
  });
  return c + sums[1] / sums[0] / s;
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

  it('equals a plain implementation of its two streams bit for bit, across replicate groups of four', () => {
    const values = Float64Array.from({ length: 5000 }, (_, i) => Math.sin(i) * 10 + i);
    const counts = Float64Array.from(values, (_, i) => (i % 7 === 0 ? 1 + (i % 5) : i % 11 === 0 ? 20 + (i % 3) + 0.5 * (i % 2) : 1));
    const tally = { values, counts };
    const fast = bayesianBootstrapMean({ tally, numSamples: 12, seed: 123456789 });
    for (let r = 0; r < 12; r++) expect(fast[r]).toBe(plainReplicate(values, counts, 123456789, r));
    // n = 20, heavy-tailed, a range that starts and ends inside a group of four
    const heavy = Float64Array.from({ length: 20 }, (_, i) => Math.exp(8 * Math.sin(i * 12.9898)));
    const heavyCounts = Float64Array.from(heavy, (_, i) => (i < 14 ? 1 : i < 18 ? i - 12 : 40));
    const part = bayesianBootstrapMean({ tally: { values: heavy, counts: heavyCounts }, numSamples: 9, seed: 8, range: [3, 9] });
    for (let r = 3; r < 9; r++) expect(part[r - 3]).toBe(plainReplicate(heavy, heavyCounts, 8, r));
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
