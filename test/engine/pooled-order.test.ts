import { describe, expect, it } from 'vitest';
import { pooledOrder } from '../../src/engine/pooled-order.js';
import { RADIX_MIN } from '../../src/kernels/sort-float64.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';
import { nativeSort } from '../../src/kernels/native-sort.js';

describe.each(SORT_IMPLEMENTATIONS)('pooledOrder, its passes %s', (_, flag) => {
  useNativeSort(flag);

  it('is every column\'s non-null values in one ascending array, as the built-in sort orders them, shared', () => {
    // heavy-tailed values with nulls, both zeros and both signs, across the radix sort's threshold
    const column = (n: number, offset: number) =>
      Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? Number.NaN : i % 13 === 0 ? (i % 2 === 0 ? 0 : -0) : Math.sinh(Math.sin(i * 1.37 + offset) * 6)));
    const zeros = Float64Array.of(0, -0, Number.NaN, 0);
    const positive = Float64Array.from({ length: RADIX_MIN + 3 }, (_, i) => 1 + ((i * 7919) % 1000));
    for (const columns of [[0], [5, 0, 3], [RADIX_MIN, 2 * RADIX_MIN + 7]].map((lengths) => lengths.map((n, k) => column(n, k))).concat([[zeros], [positive, zeros], [positive]])) {
      const expected = Float64Array.from(columns.flatMap((c) => Array.from(c).filter((v) => !Number.isNaN(v)))).sort();
      const order = pooledOrder(columns);
      expect(order.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(order.length).toBe(expected.length);
      // toEqual tells -0 from +0 in typed arrays element by element (Object.is)
      expect(Array.from(order, (v) => (Object.is(v, -0) ? '-0' : v))).toEqual(Array.from(expected, (v) => (Object.is(v, -0) ? '-0' : v)));
    }
  });
});

describe('pooledOrder\'s pass in C: its arguments checked', () => {
  it('rejects an output shorter than the columns together, naming it', () => {
    const native = nativeSort()!;
    expect(() => native.packNonZero([Float64Array.of(1, 2), Float64Array.of(3)], new Float64Array(2))).toThrow(
      'packNonZero: out must be a Float64Array as long as the columns together',
    );
    expect(native.packNonZero([Float64Array.of(1, -0, Number.NaN), Float64Array.of(0, 0, -3)], new Float64Array(6))).toEqual([2, 1, 2]);
  });
});
