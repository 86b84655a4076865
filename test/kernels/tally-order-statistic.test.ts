import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/kernels/rng.js';
import { tallyOrderStatistic } from '../../src/kernels/tally-order-statistic.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';

describe('tallyOrderStatistic', () => {
  it('gives the j-th smallest row for every j, as indexing the sorted rows does', () => {
    const rng = createRng(3);
    for (const n of [1, 2, 17, 5_000]) {
      const sorted = Float64Array.from({ length: n }, () => Math.floor(rng.nextFloat() * 9) - 2.5).sort();
      const at = tallyOrderStatistic(tallySorted(sorted));
      expect(Array.from({ length: n }, (_, j) => at(j))).toEqual([...sorted]);
    }
  });
});
