import { describe, expect, it } from 'vitest';
import type { BranchPartition } from '../../src/engine/partition.js';
import { universePositions } from '../../src/engine/universe-positions.js';

function partition(keys: number[] | undefined, length = keys?.length ?? 0): BranchPartition {
  return { length, columns: {}, masks: {}, ...(keys === undefined ? {} : { keys: Float64Array.from(keys) }) };
}

describe('universePositions', () => {
  it('matches each client to its row in the universe by hash (both ascending)', () => {
    const universe = partition([2, 5, 9, 11, 20, 31]);
    // 9 -> row 2, 20 -> row 4, 31 -> row 5; 4 and 40 are absent
    expect([...universePositions(partition([4, 9, 20, 31, 40]), universe)]).toEqual([-1, 2, 4, 5, -1]);
  });

  it('matches a repeated hash once per universe row, and never a missing hash', () => {
    const universe = partition([3, 7, 7, 8]);
    expect([...universePositions(partition([7, 7, 7, 8]), universe)]).toEqual([1, 2, -1, 3]);
    expect([...universePositions(partition([Number.NaN, 3]), universe)]).toEqual([-1, 0]);
  });

  it('matches nothing when either table has no client hashes', () => {
    expect([...universePositions(partition(undefined, 3), partition([1, 2, 3]))]).toEqual([-1, -1, -1]);
    expect([...universePositions(partition([1, 2]), partition(undefined, 2))]).toEqual([-1, -1]);
  });
});
