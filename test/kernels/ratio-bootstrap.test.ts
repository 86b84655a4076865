import { describe, expect, it } from 'vitest';
import { bootstrapRatioOfSums } from '../../src/kernels/ratio-bootstrap.js';
import { createRng } from '../../src/kernels/rng.js';

describe('bootstrapRatioOfSums', () => {
  const rng = createRng(5);
  const n = 400;
  const numerator = Float64Array.from({ length: n }, () => rng.nextFloat() * 3);
  const denominator = Float64Array.from({ length: n }, () => 1 + rng.nextFloat());

  it('is reproducible per replicate and splits into ranges', () => {
    const copies = [Float64Array.from(numerator), Float64Array.from(denominator)];
    const all = bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 9 });
    const again = bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 9 });
    const tail = bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 9, first: 20, count: 30 });
    expect(again).toEqual(all);
    expect(tail).toEqual(all.subarray(20));
    expect(bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 10 })).not.toEqual(all);
    expect([numerator, denominator]).toEqual(copies);
  });

  it('has the delta-method spread of a ratio estimator', () => {
    const b = 2000;
    const reps = bootstrapRatioOfSums({ numerator, denominator, numSamples: b, seed: 1 });
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      sn += numerator[i];
      sd += denominator[i];
    }
    const r = sn / sd;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (numerator[i] - r * denominator[i]) ** 2;
    // linearisation (Cochran 1977, ratio estimator): se(R) ≈ sqrt(Σ (num - R den)²) / Σ den
    const se = Math.sqrt(ss) / sd;
    const mean = reps.reduce((a, v) => a + v, 0) / b;
    const sdReps = Math.sqrt(reps.reduce((a, v) => a + (v - mean) ** 2, 0) / (b - 1));
    // Monte Carlo: the mean is within 4 standard errors se/sqrt(B) of R (+ the O(1/n) ratio bias);
    // the SD of B = 2000 replicates has relative standard error 1/sqrt(2B) = 1.6 %: allow 4 sigma
    expect(Math.abs(mean - r)).toBeLessThan((4 * se) / Math.sqrt(b) + se * se);
    expect(Math.abs(sdReps / se - 1)).toBeLessThan(0.064);
  });
});
