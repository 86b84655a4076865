import { describe, expect, it } from 'vitest';
import { bayesianBootstrapMean } from '../../src/kernels/bayesian-bootstrap-mean.js';
import { centred, centredFrame, centredValues, uncentredMean, uncentredSum } from '../../src/kernels/centred-values.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';

describe('centredFrame', () => {
  it('centres on the count-weighted mean and scales the largest deviation into [2^63, 2^64)', () => {
    // mean (1·1 + 3·3) / 4 = 2.5; largest |v - 2.5| = 1.5 = 1.1b·2^0 -> scale 2^63
    const frame = centredFrame(Float64Array.of(1, 3), Float64Array.of(1, 3));
    expect(frame).toEqual({ centre: 2.5, scale: 2 ** 63 });
    expect([...centredValues(Float64Array.of(1, 3), frame)]).toEqual([-1.5 * 2 ** 63, 0.5 * 2 ** 63]);
    // a largest deviation of exactly 2^10 (values 0 and 2^11): scale 2^53, so that 2^10 -> 2^63
    expect(centredFrame(Float64Array.of(0, 2048)).scale).toBe(2 ** 53);
    // just under a power of two: 2^10 - 2^-40 -> scale 2^54
    expect(centredFrame(Float64Array.of(0, 2 * (1024 - 2 ** -40))).scale).toBe(2 ** 54);
  });

  it('gives scale 1 for one value, and keeps the scale within 2^±1000 for extreme spreads', () => {
    expect(centredFrame(Float64Array.of(7), Float64Array.of(5))).toEqual({ centre: 7, scale: 1 });
    expect(centredFrame(Float64Array.of(-1e300, 1e300)).scale).toBe(2 ** (63 - 996));
    expect(centredFrame(Float64Array.of(0, 1e-310)).scale).toBe(2 ** 1000);
  });
});

describe('centredFrame beyond finite means', () => {
  it('keeps infinite values infinite, and brings finite values whose sum overflows into range', () => {
    expect(centredFrame(Float64Array.of(1, 2, Infinity))).toEqual({ centre: 0, scale: 1 });
    // 1e308 + 1.5e308 overflows f64: centre 0, scale 2^(63 - 1023) from the largest |v| (1.5e308 = 1.67·2^1023)
    expect(centredFrame(Float64Array.of(1e308, 1.5e308))).toEqual({ centre: 0, scale: 2 ** (63 - 1023) });
    // through the bootstrap: an infinite value gives infinite replicates (as the f64 sums did);
    // values of 1e308 and 1.5e308 give weighted means between them (the f64 sums overflowed)
    const infinite = bayesianBootstrapMean({ tally: tallySorted(Float64Array.of(1, 2, Infinity)), numSamples: 8, seed: 1 });
    expect([...infinite]).toEqual(new Array(8).fill(Infinity));
    const huge = bayesianBootstrapMean({ tally: tallySorted(Float64Array.of(1e308, 1.5e308)), numSamples: 8, seed: 1 });
    for (const r of huge) {
      expect(r).toBeGreaterThanOrEqual(1e308 * (1 - 2 ** -20));
      expect(r).toBeLessThanOrEqual(1.5e308 * (1 + 2 ** -20));
    }
  });
});

describe('centredValues', () => {
  it('rounds (v - centre)·scale to f32 and counts magnitudes below 2^-60 as 0', () => {
    const frame = { centre: 1, scale: 2 };
    const values = Float64Array.of(1 + 2 ** -62, 1 - 2 ** -52, 1 + 1 / 3, 1);
    // 2^-61 < 2^-60 -> 0; -2^-51 stays; (1/3)·2 rounds to f32; the centre itself is 0
    expect([...centredValues(values, frame)]).toEqual([0, -(2 ** -51), Math.fround(2 / 3), 0]);
    expect(centred(5, frame)).toBe(8);
    expect(uncentredMean(4, 8, frame)).toBe(2); // 1 + (8 / 4) / 2
    expect(uncentredSum(4, 8, frame)).toBe(8); // 1·4 + 8 / 2
  });
});

describe('bayesianBootstrapMean on centred values', () => {
  it('keeps a spread of 10 on values near 10^9 (which f32 alone would round to multiples of 64)', () => {
    // values 10^9 + 0..9, each once: the Bayesian bootstrap mean has expectation the sample mean
    // 10^9 + 4.5 and sd sqrt(Σ (v - mean)² / (n (n + 1))) = sqrt(82.5 / 110) = 0.8660 (Rubin 1981)
    const values = Float64Array.from({ length: 10 }, (_, i) => 1e9 + i);
    const B = 4000;
    const replicates = bayesianBootstrapMean({ tally: tallySorted(values), numSamples: B, seed: 5 });
    let mean = 0;
    for (const r of replicates) mean += r / B;
    let variance = 0;
    for (const r of replicates) variance += (r - mean) ** 2 / (B - 1);
    const sd = Math.sqrt(82.5 / 110);
    // within 5 Monte Carlo standard errors: sd / sqrt(B) for the mean, ~sd / sqrt(2B) for the sd
    expect(Math.abs(mean - (1e9 + 4.5))).toBeLessThan((5 * sd) / Math.sqrt(B));
    expect(Math.abs(Math.sqrt(variance) - sd)).toBeLessThan((5 * sd) / Math.sqrt(2 * B));
    expect(Math.min(...replicates)).toBeGreaterThan(1e9);
    expect(Math.max(...replicates)).toBeLessThan(1e9 + 9);
  });
});
