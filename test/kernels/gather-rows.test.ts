/** gatherRows: out[j] = values[keep[j]] over a range, as forBlocks calls it across block boundaries. */
import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS, forBlocks } from '../../src/kernels/for-blocks.js';
import { gatherRows } from '../../src/kernels/gather-rows.js';

describe('gatherRows', () => {
  it('gathers the kept rows in order, block by block, writing only [from, to)', () => {
    const n = 3 * BLOCK_ROWS + 11;
    const values = Float64Array.from({ length: n }, (_, i) => i * 0.5 - 7);
    const keep = Uint32Array.from({ length: Math.ceil(n / 3) }, (_, j) => 3 * j);
    const out = new Float64Array(keep.length);
    forBlocks(keep.length, (from, to) => gatherRows(values, keep, out, from, to));
    expect(out[0]).toBe(-7);
    expect(out[keep.length - 1]).toBe(3 * (keep.length - 1) * 0.5 - 7);
    expect(Array.from(out).every((v, j) => v === 3 * j * 0.5 - 7)).toBe(true);
    const partial = new Float64Array(5).fill(-1);
    gatherRows(values, Uint32Array.of(4, 3, 2, 1, 0), partial, 1, 3);
    expect(Array.from(partial)).toEqual([-1, -5.5, -6, -1, -1]);
  });
});
