/**
 * Binomial draws in C (src/kernels/native/binomial-sample.c) are the TypeScript's
 * (src/kernels/binomial-sample.ts's sampleBinomial on streamRng-style streams), bit for bit, in every
 * method: the constant cases, inversion (n·p < 10), BTRS (its squeeze, the products near the mode, the
 * logarithms far from it), and p > 1/2 drawn as n - Binomial(n, 1 - p).
 */
import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../src/kernels/binomial-sample.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { mixSeed } from '../../src/kernels/rng.js';
import { XoshiroState } from '../../src/kernels/xoshiro-state.js';

const native = nativeSort();

describe.runIf(native !== null)('binomialDraws (C)', () => {
  it.each([
    [0, 0.3],
    [20, 0],
    [20, 1],
    [20, 0.1],
    [20, 0.5],
    [20, 0.95],
    [999_999, 0.1],
    [999_999, 0.9],
    [1000, 0.004],
    [1e8, 0.5],
    [1e8, 3e-7],
    [323_403, 0.183],
  ])('Binomial(%d, %d): the TypeScript draws on 4,000 streams', (n, p) => {
    const seeds = Uint32Array.from({ length: 4000 }, (_, r) => mixSeed(99, r));
    const rng = new XoshiroState(0);
    const typescript = Float64Array.from(seeds, (seed) => {
      rng.reseed(seed);
      return sampleBinomial(n, p, rng);
    });
    const c = new Float64Array(seeds.length);
    native!.binomialDraws(n, p, seeds, c);
    expect(c).toEqual(typescript);
  });

  it('checks its arguments', () => {
    const seeds = new Uint32Array(2);
    expect(() => native!.binomialDraws(-1, 0.5, seeds, new Float64Array(2))).toThrow('binomialDraws: n must be a non-negative integer below 2^53 and p in [0, 1]');
    expect(() => native!.binomialDraws(10, 1.5, seeds, new Float64Array(2))).toThrow('binomialDraws: n must be a non-negative integer below 2^53 and p in [0, 1]');
    // not a number: an error, not draws of Binomial(0, p)
    expect(() => native!.binomialDraws('10' as unknown as number, 0.5, seeds, new Float64Array(2))).toThrow('binomialDraws: n must be a non-negative integer below 2^53 and p in [0, 1]');
    expect(() => native!.binomialDraws(10, 0.5, seeds, new Float64Array(3))).toThrow('binomialDraws: seeds must be a Uint32Array and out a Float64Array as long');
  });
});
