/**
 * The radix sorts in C (src/kernels/native/radix-sort.c, addon contrail_sorts): `sortFloat64` and the
 * canonical order's `radixSortKeys` passes, with the same results as the TypeScript versions
 * (src/kernels/sort-float64.ts, src/engine/canonical-order.ts), which run where the addon is not
 * built or CONTRAIL_NATIVE_SORT=0.
 */
import { NativeAddon } from './native-addon.js';

export interface NativeSort {
  /** Sorts in place as Float64Array.prototype.sort() does. */
  sortFloat64(values: Float64Array): void;
  /** canonical-order.ts's two 16-bit passes through (key2, order2) and back, then the ties' insertion. */
  radixSortKeys(key: Float64Array, order: Uint32Array, key2: Float64Array, order2: Uint32Array): void;
}

const addon = new NativeAddon<NativeSort>('contrail_sorts', 'CONTRAIL_NATIVE_SORT', 1);

/** The native sorts, unless not built or CONTRAIL_NATIVE_SORT=0 (read at each call). */
export function nativeSort(): NativeSort | null {
  return addon.get();
}

/** Why they do not run ('' when they do). */
export function nativeSortProblem(): string {
  return addon.problem();
}
