import { describe, expect, it } from 'vitest';
import sum from '../../src/statistics/sum.js';
import { repeat, rowOf, runPerBranch } from './run-per-branch.js';

describe('sum', () => {
  it('sums integers per branch (jetstream test_sum_int)', () => {
    // spec 2.9: treatment [0]*5 + [-1]*5 + [1]*10 -> 5, control [0]*5 + [1]*5 -> 5
    const rows = runPerBranch(sum, {}, {
      treatment: [...repeat(0, 5), ...repeat(-1, 5), ...repeat(1, 10)],
      control: [...repeat(0, 5), ...repeat(1, 5)],
    });
    expect(rows).toHaveLength(2);
    expect(rowOf(rows, 'treatment').point).toBe(5);
    expect(rowOf(rows, 'control').point).toBe(5);
  });

  it('counts true values of a boolean metric (jetstream test_sum_bool)', () => {
    // spec 2.9: bools 15 / 5; booleans arrive as 1/0
    const rows = runPerBranch(sum, {}, {
      treatment: [...repeat(1, 15), ...repeat(0, 5)],
      control: [...repeat(1, 5), ...repeat(0, 15)],
    });
    expect(rowOf(rows, 'treatment').point).toBe(15);
    expect(rowOf(rows, 'control').point).toBe(5);
  });

  it('skips nulls as pandas does', () => {
    // pandas Series([1, None, 2.5]).sum() = 3.5
    expect(rowOf(runPerBranch(sum, {}, { a: [1, Number.NaN, 2.5] }), 'a').point).toBe(3.5);
  });

  it('gives 3 rows for 3 branches and takes no parameters', () => {
    // spec 2.12: sum 3
    expect(runPerBranch(sum, {}, { control: [1], a: [0], b: [1] })).toHaveLength(3);
    expect(() => sum.params({ x: 1 }, 'sum')).toThrow(/unknown parameter "x"/);
  });
});
