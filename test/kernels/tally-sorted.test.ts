import { describe, expect, it } from 'vitest';
import { tallySorted } from '../../src/kernels/tally-sorted.js';

describe('tallySorted', () => {
  it('gives distinct values and counts as np.unique(return_counts=True)', () => {
    // numpy: np.unique([1, 1, 2, 3, 3, 3, 7.5], return_counts=True) -> [1, 2, 3, 7.5], [2, 1, 3, 1]
    const input = Float64Array.from([1, 1, 2, 3, 3, 3, 7.5]);
    const { values, counts } = tallySorted(input);
    expect([...values]).toEqual([1, 2, 3, 7.5]);
    expect([...counts]).toEqual([2, 1, 3, 1]);
    expect([...input]).toEqual([1, 1, 2, 3, 3, 3, 7.5]);
  });

  it('merges -0 and 0 and handles the empty array', () => {
    // numpy: np.unique([-0., 0., 0.], return_counts=True) -> [-0.], [3]
    const { values, counts } = tallySorted(Float64Array.from([-0, 0, 0]));
    expect(values.length).toBe(1);
    expect(Object.is(values[0], -0)).toBe(true);
    expect([...counts]).toEqual([3]);
    expect(tallySorted(new Float64Array(0)).values.length).toBe(0);
  });
});
