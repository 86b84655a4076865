import { describe, expect, it } from 'vitest';
import { quantileSelect } from '../../src/kernels/quantile-select.js';
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
});
