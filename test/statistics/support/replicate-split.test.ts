import { describe, expect, it } from 'vitest';
import { concatReplicates, replicateArraySplit, replicateFieldSplit, splitReplicates } from '../../../src/statistics/support/replicate-split.js';

describe('splitReplicates', () => {
  it('merges consecutive parts into the whole, for array summaries and wrapped ones', () => {
    const a = Float64Array.from([1, 2]);
    const b = Float64Array.from([3]);
    expect([...concatReplicates([a, b])]).toEqual([1, 2, 3]);
    const wrapped = splitReplicates<{ n: number }, { replicates: Float64Array }>((p) => p.n, (s) => s.replicates, (replicates) => ({ replicates }));
    expect(wrapped.numSamples({ n: 3 })).toBe(3);
    expect([...wrapped.merge([{ replicates: a }, { replicates: b }]).replicates]).toEqual([1, 2, 3]);
  });
});

describe('replicateFieldSplit and replicateArraySplit', () => {
  it('split Monte Carlo params only, and merge their summary shapes', () => {
    const field = replicateFieldSplit<{ numSamples: number; method?: string }, { replicates: Float64Array }>();
    expect(field.numSamples({ numSamples: 10 })).toBe(10);
    expect(field.numSamples({ numSamples: 10, method: 'monte_carlo' })).toBe(10);
    expect(field.numSamples({ numSamples: 10, method: 'exact' })).toBeNull();
    expect([...field.merge([{ replicates: Float64Array.from([1]) }, { replicates: Float64Array.from([2, 3]) }]).replicates]).toEqual([1, 2, 3]);
    const array = replicateArraySplit<{ numSamples: number; method?: string }, Float64Array>();
    expect(array.numSamples({ numSamples: 4, method: 'exact' })).toBeNull();
    expect([...array.merge([Float64Array.from([4]), new Float64Array(0), Float64Array.from([5])])]).toEqual([4, 5]);
  });
});
