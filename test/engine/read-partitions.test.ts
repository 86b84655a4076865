import { describe, expect, it } from 'vitest';
import { whenCoreFree } from '../../src/engine/read-partitions.js';

describe('whenCoreFree', () => {
  /** When onCoreFree was called: the number of tables read by then, for each call. */
  function calls(tables: number, cores: number): number[] {
    const at: number[] = [];
    let read = 0;
    const onRead = whenCoreFree(tables, cores, () => at.push(read));
    for (; read < tables; ) {
      read++;
      onRead();
    }
    return at;
  }

  it('calls once, when fewer tables are left to read than cores', () => {
    // lmm's two tables on two cores: once the first is read
    expect(calls(2, 2)).toEqual([1]);
    expect(calls(4, 2)).toEqual([3]);
    expect(calls(5, 4)).toEqual([2]);
  });

  it('calls at once when the tables are fewer than the cores from the start', () => {
    expect(calls(1, 2)).toEqual([0]);
    expect(calls(0, 2)).toEqual([0]);
    expect(calls(3, 8)).toEqual([0]);
  });
});
