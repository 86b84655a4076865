/**
 * The second read pass's scatters (src/engine/partition-two-pass.ts): row i of a batch to index at[i]
 * of a column's buffer, skipped where at[i] < 0 (a dropped row). In C where the addon is built
 * (src/kernels/native/scatter-rows.c, which prefetches the random slots ahead), else here.
 */
import { nativeSort } from './native-sort.js';

/**
 * Value i to values[at[i]], its validity bit too. With one buffer per column and precomputed
 * indices, a value costs a load, a store and a bit: per-branch buffers chosen per row took ~30 ns per
 * value (the demo's 16 columns).
 */
export function scatterValues(source: Float64Array, sourceValid: Uint8Array, at: Int32Array, values: Float64Array, valid: Uint8Array): void {
  const native = nativeSort();
  if (native !== null) {
    native.scatterValues(source, sourceValid, at, values, valid);
    return;
  }
  for (let i = 0; i < at.length; i++) {
    const p = at[i];
    if (p < 0) continue;
    values[p] = source[i];
    if (sourceValid[i] === 1) valid[p >> 3] |= 1 << (p & 7);
  }
}

/**
 * scatterValues for values none of which is null: the caller sets their validity bits afterwards by
 * ranges or by slots. A bit set per value is a read-modify-write at a random byte, as slow as a
 * gather: 235-319 ms of each 10M-row table's scatter (bench/RESULTS.md, ninth session of 2026-12-06).
 */
export function scatterNumbers(source: Float64Array, at: Int32Array, values: Float64Array): void {
  const native = nativeSort();
  if (native !== null) {
    native.scatterNumbers(source, at, values);
    return;
  }
  for (let i = 0; i < at.length; i++) {
    const p = at[i];
    if (p >= 0) values[p] = source[i];
  }
}

/**
 * Byte i to out[at[i]] (a mask). Its JavaScript is scatterNumbers's loop over bytes, kept apart so
 * that each loop sees one kind of typed array (the C shares one inlined loop, scatter-rows.c).
 */
export function scatterBytes(source: Uint8Array, at: Int32Array, out: Uint8Array): void {
  const native = nativeSort();
  if (native !== null) {
    native.scatterBytes(source, at, out);
    return;
  }
  for (let i = 0; i < at.length; i++) {
    const p = at[i];
    if (p >= 0) out[p] = source[i];
  }
}
