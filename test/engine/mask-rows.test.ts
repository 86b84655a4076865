import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS } from '../../src/kernels/for-blocks.js';
import { keptRows } from '../../src/engine/mask-rows.js';

// two and a bit blocks; mask bytes other than 1 count as kept
const N = 2 * BLOCK_ROWS + 777;
const even = Uint8Array.from({ length: N }, (_, i) => (i % 2 === 0 ? 1 + (i % 200) : 0));
const third = Uint8Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 255 : 0));
const fifth = Uint8Array.from({ length: N }, (_, i) => (i % 5 === 0 ? 7 : 0));
const plain = (masks: Uint8Array[]) => Array.from({ length: N }, (_, i) => i).filter((i) => masks.every((m) => m[i] !== 0));

describe('keptRows', () => {
  it('keeps the rows that every mask keeps, across blocks: i divisible by 2, by 6 for two masks, by 30 for three', () => {
    // one mask is read as it is, two in one pass (their own loop), three and more through a block's AND
    for (const masks of [[even], [even, third], [even, third, fifth]]) {
      const want = plain(masks);
      expect([...keptRows(masks, N)]).toEqual(want);
    }
    expect(keptRows([even, third], N).length).toBe(Math.ceil(N / 6));
    expect(keptRows([even, third, fifth], N).length).toBe(Math.ceil(N / 30));
  });
});
