/**
 * Growable typed arrays backed by SharedArrayBuffer: the partitioner appends into them, and workers
 * read the same memory without a copy (a SharedArrayBuffer crosses postMessage by reference).
 * Capacity doubles, so appending n values costs O(n) amortised copies.
 */

import { validityBytes } from './validity.js';

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(Math.max(1, length) * 8), 0, length);
}

export function sharedInt32(length: number): Int32Array {
  return new Int32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

export function sharedUint32(length: number): Uint32Array {
  return new Uint32Array(new SharedArrayBuffer(Math.max(1, length) * 4), 0, length);
}

export function sharedUint8(length: number): Uint8Array {
  return new Uint8Array(new SharedArrayBuffer(Math.max(1, length)), 0, length);
}

/** A column being filled: values (NaN where null) and a validity bitmap (src/engine/validity.ts). */
export class GrowableColumn {
  values: Float64Array;
  valid: Uint8Array;

  constructor(capacity = 1024) {
    this.values = sharedFloat64(capacity);
    this.valid = sharedUint8(validityBytes(capacity));
  }

  get capacity(): number {
    return this.values.length;
  }

  /** Makes room for at least `needed` values in total. */
  reserve(needed: number): void {
    if (needed <= this.values.length) return;
    let capacity = this.values.length * 2;
    while (capacity < needed) capacity *= 2;
    const values = sharedFloat64(capacity);
    values.set(this.values);
    const valid = sharedUint8(validityBytes(capacity));
    valid.set(this.valid);
    this.values = values;
    this.valid = valid;
  }
}

/** A row mask being filled (1 = the row belongs to the segment or basis). */
export class GrowableMask {
  bits: Uint8Array;

  constructor(capacity = 1024) {
    this.bits = sharedUint8(capacity);
  }

  reserve(needed: number): void {
    if (needed <= this.bits.length) return;
    let capacity = this.bits.length * 2;
    while (capacity < needed) capacity *= 2;
    const bits = sharedUint8(capacity);
    bits.set(this.bits);
    this.bits = bits;
  }
}
