/**
 * orderStatistics against a sort of the kept values (Float64Array.prototype.sort, whose order the
 * counting in C and sortFloat64 both claim), value for value with -0 told from +0, in C (by counting)
 * and in TypeScript (pooled and sorted). The cases reach each way the C kernel ends: a
 * gather at once, splits before the gather, cells of one repeated value, and cells that stay too
 * large down to the last bit.
 */
import { describe, expect, it } from 'vitest';
import { orderStatistics } from '../../src/kernels/order-statistics.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { createRng } from '../../src/kernels/rng.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

/** The kept values sorted by the built-in sort, read at `ranks`. */
function reference(columns: Float64Array[], keep: Float64Array[] | undefined, ranks: Float64Array): number[] {
  const kept: number[] = [];
  columns.forEach((c, b) => c.forEach((v, i) => v === v && (keep === undefined || keep[b][i] === keep[b][i]) && kept.push(v)));
  const sorted = Float64Array.from(kept).sort();
  return Array.from(ranks, (r) => sorted[r]);
}

/** Every `step`-th rank and the next, as a grid asks (with repeats where they meet), and the last. */
function gridRanks(step: number): (m: number) => Float64Array {
  return (m) => {
    const ranks: number[] = [];
    for (let r = 0; r < m; r += step) ranks.push(r, Math.min(r + 1, m - 1));
    if (m > 0) ranks.push(m - 1);
    return Float64Array.from(ranks).sort();
  };
}

const signed = (values: ArrayLike<number>) => Array.from(values, (v) => (Object.is(v, -0) ? '-0' : v));

describe.each(SORT_IMPLEMENTATIONS)('orderStatistics %s', (_, flag) => {
  useNativeSort(flag);
  const rng = createRng(23);

  const cases: [string, Float64Array[], Float64Array[] | undefined, (m: number) => Float64Array][] = [
    [
      'spread values with nulls, both zeros, infinities and subnormals (gathered at once)',
      [
        Float64Array.from({ length: 3000 }, (_, i) => (i % 17 === 0 ? Number.NaN : (rng.nextFloat() - 0.4) * 10 ** (rng.nextFloat() * 12 - 6))),
        Float64Array.of(-0, 0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -5e-324, 0, Number.MAX_VALUE),
      ],
      undefined,
      gridRanks(7),
    ],
    [
      'an engagement metric: a fifth zeros, the rest heavy-tailed with six decimals (split, then gathered)',
      [0, 1, 2].map(() => Float64Array.from({ length: 400_000 }, () => (rng.nextFloat() < 0.2 ? 0 : Math.round((Math.exp(6 * rng.nextFloat()) - 1) * 1e6) / 1e6))),
      undefined,
      gridRanks(60),
    ],
    [
      'values within one 16-bit prefix, many ranks (narrow splits)',
      [Float64Array.from({ length: 300_000 }, () => 1 + rng.nextFloat() / 32)],
      undefined,
      gridRanks(3),
    ],
    [
      'two values one bit apart, each too many to gather (split to the last bit)',
      [Float64Array.from({ length: 150_000 }, (_, i) => (i % 2 === 0 ? 1 : 1 + 2 ** -52)), Float64Array.from({ length: 70_000 }, () => -0)],
      undefined,
      (m) => Float64Array.of(0, 69_999, 70_000, 70_001, 144_999, 145_000, m - 1),
    ],
    [
      'fifty values within one 16-bit prefix, ~1,200 of each in no order (one cell of repeats, gathered and sorted at once)',
      [Float64Array.from({ length: 60_000 }, () => 1 + Math.floor(rng.nextFloat() * 50) * 2 ** -30)],
      undefined,
      gridRanks(13),
    ],
    [
      'counts, with rows to keep',
      [0, 1].map(() => Float64Array.from({ length: 100_000 }, () => Math.floor(-Math.log(1 - rng.nextFloat()) * 3))),
      [0, 1].map(() => Float64Array.from({ length: 100_000 }, (_, i) => (i % 5 === 2 ? Number.NaN : i))),
      gridRanks(11),
    ],
  ];

  it.each(cases)('equals the built-in sort read at the ranks: %s', (_, columns, keep, ranksOf) => {
    let asked = -1;
    const { m, values } = orderStatistics(columns, keep, (count) => {
      asked = count;
      return ranksOf(count);
    });
    let kept = 0;
    columns.forEach((c, b) => c.forEach((v, i) => v === v && (keep === undefined || keep[b][i] === keep[b][i]) && kept++));
    expect(m).toBe(kept);
    expect(asked).toBe(kept);
    expect(signed(values)).toEqual(signed(reference(columns, keep, ranksOf(m))));
  });

  it('asks for ranks with m = 0 when every value is null or not kept, and returns none', () => {
    const none = orderStatistics([Float64Array.of(Number.NaN), Float64Array.of(1, 2)], [Float64Array.of(1), Float64Array.of(Number.NaN, Number.NaN)], (m) => {
      expect(m).toBe(0);
      return new Float64Array(0);
    });
    expect(none).toEqual({ m: 0, values: new Float64Array(0) });
  });

  it('refuses ranks out of order or out of range, saying which', () => {
    const columns = [Float64Array.of(3, 1, 2)];
    expect(() => orderStatistics(columns, undefined, () => Float64Array.of(1, 0))).toThrow('selectRanks: ranks must be ascending integers in [0, 3), got 0 at 1');
    expect(() => orderStatistics(columns, undefined, () => Float64Array.of(3))).toThrow('selectRanks: ranks must be ascending integers in [0, 3), got 3 at 0');
    expect(() => orderStatistics(columns, undefined, () => Float64Array.of(0.5))).toThrow('selectRanks: ranks must be ascending integers in [0, 3), got 0.5 at 0');
  });
});

describe('orderStatistics\'s kernel in C: its arguments checked', () => {
  it.runIf(nativeSort() !== null)('takes a histogram of 65,536 counters and an output as long as the ranks', () => {
    const native = nativeSort()!;
    expect(() => native.keyHistogram([Float64Array.of(1)], null, new Uint32Array(10))).toThrow('keyHistogram: counts must be a Uint32Array of 65536 counters');
    const counts = new Uint32Array(65_536);
    expect(native.keyHistogram([Float64Array.of(2, Number.NaN, 1)], null, counts)).toBe(2);
    expect(() => native.selectRanks([Float64Array.of(2, 1)], null, counts, Float64Array.of(0, 1), new Float64Array(1))).toThrow(
      'selectRanks: counts must be keyHistogram\'s Uint32Array, ranks a Float64Array and out a Float64Array as long',
    );
    expect(() => native.keyHistogram([Float64Array.of(1, 2)], [Float64Array.of(1)], counts)).toThrow(
      'keyHistogram: columns and keep must be arrays of Float64Arrays, keep\'s as long as the columns\'',
    );
    const out = new Float64Array(2);
    native.selectRanks([Float64Array.of(2, Number.NaN, 1)], null, counts, Float64Array.of(0, 1), out);
    expect(Array.from(out)).toEqual([1, 2]);
  });
});
