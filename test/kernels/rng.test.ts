/** streamSeeds: the seeds of consecutive replicate streams, as streamRng(seed, index) starts them. */
import { describe, expect, it } from 'vitest';
import { createRng, mixSeed, streamRng, streamSeeds } from '../../src/kernels/rng.js';

describe('streamSeeds', () => {
  it('gives mixSeed(seed, first + k), the seed of streamRng(seed, first + k)', () => {
    const seeds = streamSeeds(9, 5, new Uint32Array(4));
    expect(Array.from(seeds)).toEqual([5, 6, 7, 8].map((index) => mixSeed(9, index)));
    seeds.forEach((s, k) => {
      const stream = streamRng(9, 5 + k);
      const again = createRng(s);
      expect([again.nextUint32(), again.nextUint32()]).toEqual([stream.nextUint32(), stream.nextUint32()]);
    });
    expect(new Set(seeds).size).toBe(4);
  });
});
