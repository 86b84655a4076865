/** The second read pass's scatters in C and in JavaScript (CONTRAIL_NATIVE_SORT=0): the same writes, dropped rows skipped. */
import { describe, expect, it } from 'vitest';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';
import { scatterBytes, scatterNumbers, scatterValues } from '../../src/kernels/scatter-rows.js';

// a batch of 5,000 rows into a buffer of 6,000: a random permutation of slots, every seventh row
// dropped (-1), so 1,000+ slots stay untouched (their initial contents must survive)
const rows = 5_000;
const length = 6_000;
let state = 7;
const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
const slots = Int32Array.from({ length }, (_, i) => i);
for (let i = length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [slots[i], slots[j]] = [slots[j], slots[i]];
}
const at = Int32Array.from({ length: rows }, (_, i) => (i % 7 === 3 ? -1 : slots[i]));
const source = Float64Array.from({ length: rows }, (_, i) => i * 1.25 - 100);
const sourceValid = Uint8Array.from({ length: rows }, (_, i) => (i % 5 === 0 ? 0 : 1));
const bytes = Uint8Array.from({ length: rows }, (_, i) => (i * 37) & 0xff);

/** Expected by definition: out[at[i]] = source[i] where at[i] >= 0, the rest as initialised. */
function expectedValues(): { values: number[]; valid: number[] } {
  const values = Array.from({ length }, () => -1);
  const valid = Array.from({ length: length / 8 }, () => 0);
  at.forEach((p, i) => {
    if (p < 0) return;
    values[p] = source[i];
    if (sourceValid[i] === 1) valid[p >> 3] |= 1 << (p & 7);
  });
  return { values, valid };
}

describe.each(SORT_IMPLEMENTATIONS)('the scatters in %s', (_, flag) => {
  useNativeSort(flag);

  it('write each kept row to its slot and leave the other slots as they were', () => {
    expect(nativeSort() !== null).toBe(flag === '1');
    const expected = expectedValues();
    const numbers = new Float64Array(length).fill(-1);
    scatterNumbers(source, at, numbers);
    expect(Array.from(numbers)).toEqual(expected.values);
    const values = new Float64Array(length).fill(-1);
    const valid = new Uint8Array(length / 8);
    scatterValues(source, sourceValid, at, values, valid);
    expect(Array.from(values)).toEqual(expected.values);
    expect(Array.from(valid)).toEqual(expected.valid);
    const out = new Uint8Array(length).fill(255);
    scatterBytes(bytes, at, out);
    const expectedBytes = Array.from({ length }, () => 255);
    at.forEach((p, i) => p >= 0 && (expectedBytes[p] = bytes[i]));
    expect(Array.from(out)).toEqual(expectedBytes);
  });
});

describe('the C scatters', () => {
  it('throw on a slot past the target or a source shorter than at, where JavaScript would drop the write', () => {
    const native = nativeSort()!;
    expect(() => native.scatterNumbers(Float64Array.of(1, 2), Int32Array.of(0, 2), new Float64Array(2))).toThrow(/scatterNumbers: a slot of at is past the end/);
    expect(() => native.scatterValues(Float64Array.of(1), Uint8Array.of(1), Int32Array.of(8), new Float64Array(9), new Uint8Array(1))).toThrow(/scatterValues: a slot of at is past the end/);
    expect(() => native.scatterBytes(Uint8Array.of(1), Int32Array.of(1), new Uint8Array(1))).toThrow(/scatterBytes: a slot of at is past the end/);
    expect(() => native.scatterNumbers(Float64Array.of(1), Int32Array.of(0, 1), new Float64Array(2))).toThrow(/holding a row for each slot/);
  });
});
