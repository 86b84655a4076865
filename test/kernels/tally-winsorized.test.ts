import { describe, expect, it } from 'vitest';
import { tallyWinsorized } from '../../src/kernels/tally-winsorized.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import { createRng } from '../../src/kernels/rng.js';

/** The straightforward path it must equal: sort, clip at numpy's quantile, tally. */
function reference(values: Float64Array, q: number) {
  const sorted = Float64Array.from(values).sort();
  if (q < 1) {
    const threshold = quantileSorted(sorted, q);
    for (let i = sorted.length - 1; i >= 0 && sorted[i] > threshold; i--) sorted[i] = threshold;
  }
  return tallySorted(sorted);
}

const plain = (t: { values: Float64Array; counts: Float64Array } | null) => t && { values: [...t.values], counts: [...t.counts] };

describe('tallyWinsorized', () => {
  const rng = createRng(17);
  const cases: [string, Float64Array][] = [
    ['0/1', Float64Array.from({ length: 10_001 }, () => (rng.nextFloat() < 0.3 ? 1 : 0))],
    ['counts with a heavy tail', Float64Array.from({ length: 20_000 }, () => Math.floor((-Math.log(1 - rng.nextFloat())) ** 3 * 4))],
    ['halves (hashed path)', Float64Array.from({ length: 5_000 }, () => Math.floor(rng.nextFloat() * 40) / 2 - 3)],
    ['one value', new Float64Array(100).fill(7)],
    ['two rows', Float64Array.from([1, 1000])],
  ];
  for (const [name, values] of cases) {
    it(`equals sort + clip + tally for ${name}`, () => {
      for (const q of [1, 0.995, 0.9, 0.5]) expect(plain(tallyWinsorized(values, q, 4_096))).toEqual(plain(reference(values, q)));
    });
  }

  it('gives up (null) past maxDistinct values, so the caller sorts', () => {
    const continuous = Float64Array.from({ length: 1_000 }, () => rng.nextFloat() * 1e6 + 0.5);
    expect(tallyWinsorized(continuous, 0.995, 100)).toBeNull();
  });

  it('leaves its input unchanged', () => {
    const values = Float64Array.from([5, 1, 1, 9, 3]);
    const copy = Float64Array.from(values);
    tallyWinsorized(values, 0.5, 10);
    expect(values).toEqual(copy);
  });
});
