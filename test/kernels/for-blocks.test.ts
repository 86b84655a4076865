import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS, forBlocks } from '../../src/kernels/for-blocks.js';

describe('forBlocks', () => {
  it('covers [0, n) once, in order, in blocks of BLOCK_ROWS and a last partial block', () => {
    const blocks = (n: number) => {
      const seen: [number, number][] = [];
      forBlocks(n, (from, to) => seen.push([from, to]));
      return seen;
    };
    expect(blocks(0)).toEqual([]);
    expect(blocks(3)).toEqual([[0, 3]]);
    expect(blocks(BLOCK_ROWS)).toEqual([[0, BLOCK_ROWS]]);
    expect(blocks(2 * BLOCK_ROWS + 5)).toEqual([
      [0, BLOCK_ROWS],
      [BLOCK_ROWS, 2 * BLOCK_ROWS],
      [2 * BLOCK_ROWS, 2 * BLOCK_ROWS + 5],
    ]);
  });
});
