import { describe, expect, it } from 'vitest';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';
import { nativeSortProblem } from '../../src/kernels/native-sort.js';
import { createRng } from '../../src/kernels/rng.js';
import { RADIX_MIN, sortFloat64 } from '../../src/kernels/sort-float64.js';

/** ECMAScript's %TypedArray%.prototype.sort order (ascending, -0 before +0, NaN last), compared with Object.is. */
function expectSortedLikeBuiltin(input: Float64Array): void {
  const expected = input.slice().sort();
  const actual = input.slice();
  expect(sortFloat64(actual)).toBe(actual); // in place
  let mismatch = -1;
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      mismatch = i;
      break;
    }
  }
  expect(mismatch).toBe(-1);
}

describe('sortFloat64 in C (contrail_sorts)', () => {
  it('is built here', () => {
    expect(nativeSortProblem()).toBe('');
  });
});

describe.each(SORT_IMPLEMENTATIONS)('sortFloat64 %s', (_, flag) => {
  useNativeSort(flag);

  it('sorts heavy-tailed values of both signs as the built-in sort does, above and below RADIX_MIN', () => {
    const rng = createRng(11);
    for (const n of [0, 1, 1000, RADIX_MIN, 200_000]) {
      const values = Float64Array.from({ length: n }, () => Math.exp(12 * (rng.nextFloat() - 0.5)) * (rng.nextFloat() < 0.2 ? -1 : 1));
      expectSortedLikeBuiltin(values);
    }
  });

  it('orders the special values: -Infinity, -0 before +0, subnormals, Infinity, then every NaN', () => {
    const specials = [Number.NaN, Infinity, -Infinity, 0, -0, 5e-324, -5e-324, Number.MIN_VALUE * 3, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1];
    const values = new Float64Array(100_000);
    for (let i = 0; i < values.length; i++) values[i] = specials[(i * 7) % specials.length] * (i % 3 === 0 ? 1 : 0.5);
    // A NaN with the sign bit set (the x86 default NaN), which a naive bit flip would sort first.
    new Uint32Array(values.buffer)[2 * 17 + 1] = 0xfff80000;
    expectSortedLikeBuiltin(values);
    const sorted = sortFloat64(values.slice());
    expect(Object.is(sorted[0], -Infinity)).toBe(true);
    expect(Number.isNaN(sorted[sorted.length - 1])).toBe(true);
  });

  it('sorts counts with many ties and a constant array (digits every key shares are skipped)', () => {
    expectSortedLikeBuiltin(Float64Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 27));
    expectSortedLikeBuiltin(new Float64Array(100_000).fill(3.25));
  });

  it('sorts values that agree in their top 48 bits (sign, exponent, 36 mantissa bits) by the rest', () => {
    // ±(1 + k·2^-52) for k < 2^16 differ only in the 16 low mantissa bits the passes leave out: runs
    // of such values must be sorted after them; mixed with duplicates, other values and NaN.
    const rng = createRng(5);
    const values = Float64Array.from({ length: 3 * RADIX_MIN }, (_, i) => {
      const k = Math.floor(rng.nextFloat() * 65536);
      const near = (1 + k * 2 ** -52) * (i % 2 === 0 ? 1 : -1);
      return i % 5 === 0 ? 3.5 : i % 7 === 0 ? rng.nextFloat() * 100 : i % 97 === 0 ? Number.NaN : near;
    });
    expectSortedLikeBuiltin(values);
    expectSortedLikeBuiltin(Float64Array.from({ length: RADIX_MIN }, (_, i) => 2 + ((i * 7919) % 65536) * 2 ** -51));
  });

  it('sorts a view into a larger buffer without touching the rest', () => {
    const buffer = new Float64Array(RADIX_MIN * 3).map((_, i) => Math.sin(i) * 1000);
    const copy = buffer.slice();
    const view = buffer.subarray(RADIX_MIN, 2 * RADIX_MIN);
    const expected = view.slice().sort();
    sortFloat64(view);
    expect(Array.from(view)).toEqual(Array.from(expected));
    expect(Array.from(buffer.subarray(0, RADIX_MIN))).toEqual(Array.from(copy.subarray(0, RADIX_MIN)));
    expect(Array.from(buffer.subarray(2 * RADIX_MIN))).toEqual(Array.from(copy.subarray(2 * RADIX_MIN)));
  });
});
