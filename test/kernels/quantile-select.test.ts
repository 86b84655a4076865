import { describe, expect, it } from 'vitest';
import { quantileSelect, quantilesOfScratch } from '../../src/kernels/quantile-select.js';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import { createRng } from '../../src/kernels/rng.js';

describe('quantileSelect', () => {
  it('equals the sorted (numpy linear) quantile bit for bit, duplicates included', () => {
    const rng = createRng(7);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      for (const ties of [false, true]) {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = ties ? Math.floor(rng.nextFloat() * 5) : rng.nextFloat() * 100 - 50;
        const sorted = Float64Array.from(values).sort();
        for (const q of [0, 0.005, 0.25, 0.5, 0.9, 0.995, 1]) {
          // reference: quantileSorted, itself numpy np.quantile(x, q) (type 7)
          expect(quantileSelect(values, q)).toBe(quantileSorted(sorted, q));
        }
      }
    }
  });

  it('skips NaN and leaves the input unchanged', () => {
    const values = Float64Array.of(5, Number.NaN, 1, 3, Number.NaN, 2);
    const copy = Float64Array.from(values);
    // np.quantile([5, 1, 3, 2], 0.5) = 2.5
    expect(quantileSelect(values, 0.5)).toBe(2.5);
    expect(values).toEqual(copy);
    expect(quantileSelect(Float64Array.of(Number.NaN), 0.5)).toBeNaN();
  });

  it('handles sorted and reverse-sorted input', () => {
    const up = Float64Array.from({ length: 10_001 }, (_, i) => i);
    const down = Float64Array.from(up).reverse();
    // np.quantile(np.arange(10001), 0.995) = 9950.0
    expect(quantileSelect(up, 0.995)).toBe(9950);
    expect(quantileSelect(down, 0.995)).toBe(9950);
  });

  it('gives two quantiles by selection bit-identical to the sorted array, with ties and infinities', () => {
    const rng = createRng(11);
    for (const n of [1, 2, 3, 20, 101, 10_000]) {
      for (const kind of ['distinct', 'ties', 'infinite']) {
        const values = Float64Array.from({ length: n }, (_, i) =>
          kind === 'ties' ? Math.floor(rng.nextFloat() * 4) : kind === 'infinite' && i % 7 === 0 ? (i % 2 ? 1 : -1) / 0 : rng.nextFloat() * 10 - 5,
        );
        const sorted = Float64Array.from(values).sort();
        for (const [q1, q2] of [[0.025, 0.975], [0.005, 0.995], [0.5, 0.5], [0, 1], [0.4, 0.41]]) {
          // reference: quantileSorted (numpy np.quantile, type 7) of the sorted copy
          expect(quantilesOfScratch(Float64Array.from(values), n, q1, q2)).toEqual([quantileSorted(sorted, q1), quantileSorted(sorted, q2)]);
        }
      }
    }
    expect(quantilesOfScratch(new Float64Array(0), 0, 0.1, 0.9)).toEqual([Number.NaN, Number.NaN]);
    expect(() => quantilesOfScratch(Float64Array.of(1, 2), 2, 0.9, 0.1)).toThrow(/q1 must not exceed q2, got 0.9 and 0.1/);
  });
});
