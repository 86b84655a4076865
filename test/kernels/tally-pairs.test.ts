import { describe, expect, it } from 'vitest';
import { tallyPairs } from '../../src/kernels/tally-pairs.js';

describe('tallyPairs', () => {
  it('counts distinct (x, y) pairs, sorted by x then y or in first-seen order, with -0 as 0', () => {
    // by hand: (0,1) x3 [one of them -0], (1,1) x1, (1,2) x2
    const x = Float64Array.from([1, 0, -0, 1, 0, 1]);
    const y = Float64Array.from([2, 1, 1, 2, 1, 1]);
    const copy = [Float64Array.from(x), Float64Array.from(y)];
    const t = tallyPairs(x, y, 10)!;
    expect([...t.x]).toEqual([0, 1, 1]);
    expect([...t.y]).toEqual([1, 1, 2]);
    expect([...t.counts]).toEqual([3, 1, 2]);
    expect([x, y]).toEqual(copy);
    // the same tally in the order of each pair's first row: (1,2) row 0, (0,1) row 1, (1,1) row 5
    const seen = tallyPairs(x, y, 10, 'first-seen')!;
    expect([...seen.x]).toEqual([1, 0, 1]);
    expect([...seen.y]).toEqual([2, 1, 1]);
    expect([...seen.counts]).toEqual([2, 3, 1]);
  });

  it('gives up past the limit of distinct pairs', () => {
    const x = Float64Array.from([1, 2, 3, 1]);
    const y = Float64Array.from([1, 1, 1, 1]);
    expect(tallyPairs(x, y, 2)).toBeNull();
    expect(tallyPairs(x, y, 3)!.counts.length).toBe(3);
  });

  it('refuses columns of different lengths', () => {
    expect(() => tallyPairs(new Float64Array(2), new Float64Array(3), 5)).toThrow(/differ in length, 2 and 3/);
  });
});
