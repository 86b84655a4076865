import { describe, expect, it } from 'vitest';
import { isValid, setValid, validityBytes } from '../../src/engine/validity.js';

describe('validity bitmaps', () => {
  it('use Arrow\'s layout: bit i of byte i >> 3, least significant first', () => {
    expect(validityBytes(0)).toBe(0);
    expect(validityBytes(8)).toBe(1);
    expect(validityBytes(9)).toBe(2);
    const bits = new Uint8Array(2);
    for (const i of [0, 3, 9]) setValid(bits, i);
    // by hand: byte 0 = 2^0 + 2^3 = 9, byte 1 = 2^(9 - 8) = 2
    expect([...bits]).toEqual([9, 2]);
    expect([0, 1, 3, 8, 9].map((i) => isValid(bits, i))).toEqual([true, false, true, false, true]);
  });
});
