import { describe, expect, it } from 'vitest';
import { joinCovariates } from '../../src/engine/join-covariates.js';
import type { PartitionedTable } from '../../src/engine/partition.js';
import { isValid, setValid, validityBytes } from '../../src/engine/validity.js';

function table(keys: number[], values: (number | null)[]): PartitionedTable {
  const valid = new Uint8Array(validityBytes(values.length));
  values.forEach((v, i) => v !== null && setValid(valid, i));
  return {
    branches: ['a'],
    parts: [{ length: keys.length, keys: Float64Array.from(keys), masks: {}, columns: { m: { values: Float64Array.from(values, (v) => v ?? Number.NaN), valid } } }],
    rowsRead: keys.length,
    rowsDropped: {},
  };
}

describe('joinCovariates', () => {
  // Target clients 10, 20, 30, 40 (and a null id); the pre-enrollment table has 20 (null value), 30, 40, 50.
  const expectJoined = (target: PartitionedTable, pre: PartitionedTable, expected: (number | null)[]) => {
    const [joined] = joinCovariates(target, pre, ['m']);
    const column = joined.m_pre;
    expect(Array.from(column.values, (v, i) => (isValid(column.valid, i) ? v : null))).toEqual(expected);
  };

  it('matches clients by key in sorted partitions (merge join)', () => {
    expectJoined(table([Number.NaN, 10, 20, 30, 40], [0, 1, 2, 3, 4]), table([20, 30, 40, 50], [null, 3.5, 4.5, 5.5]), [null, null, null, 3.5, 4.5]);
  });

  it('shares the pre-enrollment column when both tables hold the same clients in the same order', () => {
    const pre = table([10, 20, 30], [1.5, null, 3.5]);
    const [joined] = joinCovariates(table([10, 20, 30], [1, 2, 3]), pre, ['m']);
    expect(joined.m_pre).toBe(pre.parts[0].columns.m);
    expectJoined(table([10, 20, 30], [1, 2, 3]), pre, [1.5, null, 3.5]);
    // a null id (NaN key) never matches, so equal-looking keys with one are merged, not shared
    const withNull = table([Number.NaN, 20, 30], [0, 2, 3]);
    const preWithNull = table([Number.NaN, 20, 30], [9, null, 3.5]);
    expect(joinCovariates(withNull, preWithNull, ['m'])[0].m_pre).not.toBe(preWithNull.parts[0].columns.m);
    expectJoined(withNull, preWithNull, [null, null, 3.5]);
    // a metric the pre-enrollment table lacks is all null either way
    const [missing] = joinCovariates(table([10, 20, 30], [1, 2, 3]), pre, ['other']);
    expect(Array.from(missing.other_pre.values)).toEqual([Number.NaN, Number.NaN, Number.NaN]);
  });

  it('pairs a repeated key with the pre-enrollment rows of that key in order, as sharing does', () => {
    // 20 twice in the target and in the pre-enrollment table (a hash collision): the first takes
    // 2.1, the second 2.2; a third copy, past the pre-enrollment ones, takes the last (2.2)
    expectJoined(table([10, 20, 20, 30], [1, 2, 2, 3]), table([10, 20, 20, 25, 30], [1.5, 2.1, 2.2, 2.5, 3.5]), [1.5, 2.1, 2.2, 3.5]);
    expectJoined(table([20, 20, 20, 40], [2, 2, 2, 4]), table([20, 20, 30, 40], [2.1, 2.2, 3.5, 4.5]), [2.1, 2.2, 2.2, 4.5]);
    // the same keys shared and merged (one more pre-enrollment client) give the same covariates
    const shared = joinCovariates(table([10, 20, 20], [1, 2, 2]), table([10, 20, 20], [1.5, 2.1, 2.2]), ['m'])[0].m_pre;
    expect(Array.from(shared.values)).toEqual([1.5, 2.1, 2.2]);
  });

  it('finds a key the merge would pass over when the pre-enrollment keys fall out of order past its reach', () => {
    // the merge stops at 50 >= 30, before the 30 after it: only the full order check sends it to the index
    expectJoined(table([10, 30], [1, 3]), table([10, 50, 30], [1.5, 5.5, 3.5]), [1.5, 3.5]);
  });

  it('falls back to the index when pre-enrollment keys fall out of order within the merge\'s reach', () => {
    // the merge passes 30 looking for 20, then meets 20 after 30 while looking for 40
    expectJoined(table([10, 20, 40], [1, 2, 4]), table([10, 30, 20, Number.NaN, 40], [1.5, 3.5, 2.5, 9, 4.5]), [1.5, 2.5, 4.5]);
  });

  it('falls back to the index when target keys fall out of order in a later block', () => {
    // 70,000 target rows (blocks of 65,536): ascending but for one swap at rows 66,000 and 66,001
    const n = 70_000;
    const keys = Array.from({ length: n }, (_, i) => 2 * i);
    [keys[66_000], keys[66_001]] = [keys[66_001], keys[66_000]];
    const preKeys = Array.from({ length: n }, (_, i) => 2 * i);
    const [joined] = joinCovariates(table(keys, keys), table(preKeys, preKeys.map((k) => k + 0.5)), ['m']);
    expect(Array.from(joined.m_pre.values)).toEqual(keys.map((k) => k + 0.5));
  });

  it('gives the same join for keys out of order (hash index)', () => {
    expectJoined(table([40, 10, Number.NaN, 30, 20], [4, 1, 0, 3, 2]), table([50, 30, 20, 40], [5.5, 3.5, null, 4.5]), [4.5, null, null, 3.5, null]);
  });

  it('shares each branch\'s pre-enrollment column by branch name, whatever the branches\' order', () => {
    const two = (branches: string[], parts: PartitionedTable['parts']): PartitionedTable => ({ branches, parts, rowsRead: 0, rowsDropped: {} });
    const a = table([10, 20, 30], [1, 2, 3]).parts[0];
    const b = table([15, 25], [1, 2]).parts[0];
    const preA = table([10, 20, 30], [1.5, null, 3.5]).parts[0];
    const preB = table([15, 25], [0.5, 2.5]).parts[0];
    const joined = joinCovariates(two(['a', 'b'], [a, b]), two(['b', 'a'], [preB, preA]), ['m']);
    expect(joined.map((c) => c.m_pre)).toEqual([preA.columns.m, preB.columns.m]);
    expect(joined[0].m_pre).toBe(preA.columns.m);
  });
});
