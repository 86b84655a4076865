/** sameFloat64 and hasNaN in C and in JavaScript (CONTRAIL_NATIVE_SORT=0): JavaScript's === and NaN semantics. */
import { describe, expect, it } from 'vitest';
import { hasNaN, sameFloat64 } from '../../src/kernels/float64-scans.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

const n = 10_007;
const base = Float64Array.from({ length: n }, (_, i) => i * 0.75 - 3);
const with_ = (at: number, value: number) => {
  const copy = Float64Array.from(base);
  copy[at] = value;
  return copy;
};

describe.each(SORT_IMPLEMENTATIONS)('in %s', (_, flag) => {
  useNativeSort(flag);

  it('sameFloat64: equal arrays, a difference anywhere, other lengths, NaN never equal, -0 equal to 0', () => {
    expect(nativeSort() !== null).toBe(flag === '1');
    expect(sameFloat64(base, Float64Array.from(base))).toBe(true);
    for (const at of [0, 511, 512, n - 1]) expect(sameFloat64(base, with_(at, 1e9))).toBe(false);
    expect(sameFloat64(base, base.subarray(0, n - 1))).toBe(false);
    expect(sameFloat64(with_(700, Number.NaN), with_(700, Number.NaN))).toBe(false);
    expect(sameFloat64(Float64Array.of(0, 1), Float64Array.of(-0, 1))).toBe(true);
    expect(sameFloat64(new Float64Array(0), new Float64Array(0))).toBe(true);
  });

  it('hasNaN: none, one at the start, inside or at the end; infinities are not NaN', () => {
    expect(hasNaN(base)).toBe(false);
    for (const at of [0, 513, n - 1]) expect(hasNaN(with_(at, Number.NaN))).toBe(true);
    expect(hasNaN(Float64Array.of(Infinity, -Infinity))).toBe(false);
    expect(hasNaN(new Float64Array(0))).toBe(false);
  });
});
