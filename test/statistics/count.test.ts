import { describe, expect, it } from 'vitest';
import count from '../../src/statistics/count.js';
import { CONTEXT, repeat, rowOf, runPerBranch } from './run-per-branch.js';

describe('count', () => {
  it('counts the rows of each branch', () => {
    // jetstream test_count: 20 treatment rows and 10 control rows -> points 20 and 10
    const rows = runPerBranch(count, {}, { treatment: repeat(1, 20), control: repeat(0, 10) });
    expect(rows).toHaveLength(2);
    expect(rowOf(rows, 'treatment').point).toBe(20);
    expect(rowOf(rows, 'control').point).toBe(10);
    expect(rowOf(rows, 'control').lower ?? null).toBeNull();
  });

  it('counts rows with null values too', () => {
    // Count is groupby("branch").size(): nulls are rows
    expect(rowOf(runPerBranch(count, {}, { a: [1, Number.NaN, 3] }), 'a').point).toBe(3);
  });

  it('counts the rows of the frame when the metric column is absent', () => {
    const params = count.params({}, 'count');
    const columns = { other: new Float64Array(7) };
    expect(count.kind === 'per-branch' && count.summarize({ values: new Float64Array(0), columns, branch: 'a', seed: 1, context: CONTEXT }, params)).toBe(7);
  });

  it('gives 3 rows for 3 branches', () => {
    // spec 2.12: count 3
    expect(runPerBranch(count, {}, { control: [1], a: [0], b: [1] })).toHaveLength(3);
  });

  it('takes no parameters', () => {
    expect(() => count.params({ num_samples: 3 }, 'count')).toThrow(/^count: unknown parameter "num_samples"; known: \(none\)$/);
  });
});
