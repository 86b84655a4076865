import { describe, expect, it } from 'vitest';
import { replicateRanges } from '../../src/engine/replicate-split.js';

describe('replicateRanges', () => {
  it('covers [0, B) with consecutive near-equal ranges', () => {
    // by hand: 10 in 3 -> [0,3) [3,6) [6,10)
    expect(replicateRanges(10, 3)).toEqual([[0, 3], [3, 6], [6, 10]]);
    expect(replicateRanges(10_000, 2)).toEqual([[0, 5000], [5000, 10_000]]);
    expect(replicateRanges(2, 5)).toEqual([[0, 1], [1, 2]]);
    expect(replicateRanges(7, 1)).toEqual([[0, 7]]);
  });
});
