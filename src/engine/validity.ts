/**
 * Validity bitmaps as Arrow lays them out: bit i of byte i >> 3, least significant bit first;
 * 1 = a value is present, 0 = null. One bit per value instead of a byte keeps a 10-metric, 10M-row
 * partition about 100 MB smaller per table.
 */

/** Bytes of a bitmap of `length` values. */
export function validityBytes(length: number): number {
  return (length + 7) >> 3;
}

export function isValid(bits: Uint8Array, i: number): boolean {
  return ((bits[i >> 3] >> (i & 7)) & 1) === 1;
}

/** Marks value i present (bits start cleared). */
export function setValid(bits: Uint8Array, i: number): void {
  bits[i >> 3] |= 1 << (i & 7);
}
