import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { EXPOSURES_MASK, partitionBatches, type PartitionRequest } from '../../src/engine/partition.js';
import { isValid } from '../../src/engine/validity.js';

// A small table: 6 clients, one without an enrollment date, one without a branch.
function table() {
  return new arrow.Table({
    branch: arrow.vectorFromArray(['control', 'treatment', 'control', null, 'treatment', 'control'], new arrow.Utf8()),
    enrollment_date: arrow.vectorFromArray([1, 2, 3, 4, null, 6], new arrow.Int32()),
    exposure_date: arrow.vectorFromArray([1, null, 3, 4, 5, null], new arrow.Int32()),
    segment_a: arrow.vectorFromArray([true, false, null, true, true, false], new arrow.Bool()),
    hours: arrow.vectorFromArray([1.5, 2.5, null, 4, 5, Number.POSITIVE_INFINITY], new arrow.Float64()),
    count: arrow.vectorFromArray([1n, 2n, 3n, 4n, 5n, 6n], new arrow.Int64()),
    flag: arrow.vectorFromArray([true, false, true, false, true, null], new arrow.Bool()),
    text: arrow.vectorFromArray(['a', 'b', 'c', 'd', 'e', 'f'], new arrow.Utf8()),
  });
}

const request: PartitionRequest = {
  columns: ['hours', 'count', 'flag'],
  segments: ['segment_a'],
  branchColumn: 'branch',
  enrollmentColumn: 'enrollment_date',
  exposureColumn: 'exposure_date',
  description: 'test table',
};

async function* batchesOf(t: arrow.Table, size: number) {
  for (let start = 0; start < t.numRows; start += size) {
    yield* t.slice(start, start + size).batches;
  }
}

describe('partitionBatches', () => {
  it('splits rows by branch with values, validity and masks, and counts dropped rows', async () => {
    const result = await partitionBatches(batchesOf(table(), 100), request);
    expect(result.branches).toEqual(['control', 'treatment']);
    expect(result.rowsRead).toBe(6);
    expect(result.rowsDropped).toEqual({ 'branch is null': 1, 'enrollment_date is null': 1 });
    const [control, treatment] = result.parts;
    expect(control.length).toBe(3);
    expect(treatment.length).toBe(1);
    expect([...control.columns.hours.values]).toEqual([1.5, Number.NaN, Number.POSITIVE_INFINITY]);
    expect([0, 1, 2].map((i) => isValid(control.columns.hours.valid, i))).toEqual([true, false, true]);
    expect([...control.columns.count.values]).toEqual([1, 3, 6]);
    expect([...control.columns.flag.values]).toEqual([1, 1, Number.NaN]);
    expect([...control.masks.segment_a]).toEqual([1, 0, 0]);
    expect([...control.masks[EXPOSURES_MASK]]).toEqual([1, 1, 0]);
    expect([...treatment.columns.hours.values]).toEqual([2.5]);
    expect([...treatment.masks[EXPOSURES_MASK]]).toEqual([0]);
  });

  it('gives the same partition for any batch size', async () => {
    const whole = await partitionBatches(batchesOf(table(), 100), request);
    for (const size of [1, 2, 4]) {
      const split = await partitionBatches(batchesOf(table(), size), request);
      expect(split.branches).toEqual(whole.branches);
      split.parts.forEach((part, b) => {
        expect([...part.columns.hours.values]).toEqual([...whole.parts[b].columns.hours.values]);
        expect([...part.masks.segment_a]).toEqual([...whole.parts[b].masks.segment_a]);
      });
    }
  });

  it('backs columns and masks with SharedArrayBuffer so workers read them without a copy', async () => {
    const result = await partitionBatches(batchesOf(table(), 2), request);
    expect(result.parts[0].columns.hours.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(result.parts[0].masks.segment_a.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('reads dictionary-encoded branches', async () => {
    const branch = arrow.vectorFromArray(['b', 'a', 'b'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
    const t = new arrow.Table({ branch, x: arrow.vectorFromArray([1, 2, 3], new arrow.Float64()) });
    const result = await partitionBatches(batchesOf(t, 2), { ...request, columns: ['x'], segments: [], enrollmentColumn: null, exposureColumn: null });
    expect(result.branches).toEqual(['b', 'a']);
    expect([...result.parts[0].columns.x.values]).toEqual([1, 3]);
  });

  it('rejects text in a metric column, naming the column', async () => {
    await expect(partitionBatches(batchesOf(table(), 3), { ...request, columns: ['text'] })).rejects.toThrow(
      /column "text" of test table holds Utf8 values, not numbers or booleans; fix the column/,
    );
  });

  it('rejects a missing column, listing the columns there are', async () => {
    await expect(partitionBatches(batchesOf(table(), 3), { ...request, columns: ['nope'] })).rejects.toThrow(
      /test table has no column "nope"; its columns are: branch, enrollment_date/,
    );
  });
});
