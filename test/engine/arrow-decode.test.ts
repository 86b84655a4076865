import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { decodeBranch, decodeNotNull, decodeNumeric } from '../../src/engine/arrow-decode.js';

/** The vector's rows from `start`: a chunk whose null bitmap keeps an offset (Arrow JS slices that way). */
function sliced<T extends arrow.DataType>(values: unknown[], type: T, start: number): arrow.Vector<T> {
  return arrow.vectorFromArray(values, type).slice(start);
}

describe('decodeBranch', () => {
  it('matches names by their bytes, including names of one length that differ before the last byte', () => {
    // "ab-x" and "cd-x" agree in length and last byte, so the last-byte filter alone cannot tell them apart.
    const names = ['ab-x', 'cd-x', 'ab-x', null, '', 'treatment-a', 'treatment-b', 'cd-x', 'ab-y'];
    const vector = sliced([null, ...names], new arrow.Utf8(), 1);
    const branches: string[] = [];
    const out = new Int32Array(names.length);
    decodeBranch(vector, branches, new Map(), out);
    expect(branches).toEqual(['ab-x', 'cd-x', '', 'treatment-a', 'treatment-b', 'ab-y']);
    expect([...out]).toEqual([0, 1, 0, -1, 2, 3, 4, 1, 5]);
  });

  it('matches every row in long chunks, where rows are compared by the signature table', () => {
    // Rows go through the kernel's table (length and last byte -> candidate, then four words, then
    // the bytes past 16); this mix covers names that share a signature
    // ("ab-x"/"cd-x"; "ab" and "ab=", where 2 * 37 + 'b' = 3 * 37 + '=' and one is the other's
    // prefix), names longer than 16 bytes that agree in length and last byte and differ only past
    // byte 16, non-ASCII names, the empty name and nulls. Expected: each name's index is its order
    // of first appearance (the function's contract), computed here with an array of strings.
    const pool = [
      'control', 'treatment-a', 'treatment-b', 'ab-x', 'cd-x', '', 'contro', 'ab', 'ab=',
      'treatment-arm-number-one-x', 'treatment-arm-number-two-x', 'ünïcödé-arm', 'x', null,
    ];
    let state = 12345;
    const names = ['ab', 'ab=', ...Array.from({ length: 5000 }, () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return pool[(state >>> 16) % pool.length];
    })];
    const expectedNames: string[] = [];
    const expected = names.map((name) => {
      if (name === null) return -1;
      if (!expectedNames.includes(name)) expectedNames.push(name);
      return expectedNames.indexOf(name);
    });
    // sliced 1 and 13 rows in: the chunk's validity bits start inside a byte and past the first
    for (const pad of [1, 13]) {
      const branches: string[] = [];
      const out = new Int32Array(names.length);
      decodeBranch(sliced([...Array.from({ length: pad }, (_, k) => (k % 3 === 0 ? null : 'pad')), ...names], new arrow.Utf8(), pad), branches, new Map(), out);
      expect(branches).toEqual(expectedNames);
      expect([...out]).toEqual(expected);
    }
  });

  it('keeps indices across calls and decodes dictionary-encoded names once per entry', () => {
    const branches = ['control'];
    const lookup = new Map([['control', 0]]);
    const dictionary = arrow.vectorFromArray(['treatment', null, 'control', 'treatment'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32()));
    const out = new Int32Array(4);
    decodeBranch(dictionary, branches, lookup, out);
    expect(branches).toEqual(['control', 'treatment']);
    expect([...out]).toEqual([1, -1, 0, 1]);
    const utf8 = new Int32Array(2);
    decodeBranch(arrow.vectorFromArray(['treatment', 'control'], new arrow.Utf8()), branches, lookup, utf8);
    expect([...utf8]).toEqual([1, 0]);
    // a dictionary chunk without nulls (its own loop), with Int8 keys, after the first call's names
    const clean = arrow.vectorFromArray(['b', 'control', 'treatment', 'b', 'control'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int8()));
    expect(clean.data[0].nullCount).toBe(0);
    const cleanOut = new Int32Array(5);
    decodeBranch(clean, branches, lookup, cleanOut);
    expect(branches).toEqual(['control', 'treatment', 'b']);
    expect([...cleanOut]).toEqual([2, 0, 1, 2, 0]);
  });
});

describe('decodeNumeric and decodeNotNull', () => {
  it('read nulls at the chunk offset of a sliced vector', () => {
    // Rows 3.. of [1, null, 2, null, 5, 6, null]: null, 5, 6, null (bitmap offset 3).
    const vector = sliced([1, null, 2, null, 5, 6, null], new arrow.Float64(), 3);
    const values = new Float64Array(4);
    const valid = new Uint8Array(4);
    decodeNumeric(vector, values, valid, 'column "x"');
    expect([...values]).toEqual([Number.NaN, 5, 6, Number.NaN]);
    expect([...valid]).toEqual([0, 1, 1, 0]);
    const present = new Uint8Array(4);
    decodeNotNull(vector, present);
    expect([...present]).toEqual([0, 1, 1, 0]);
    const full = new Uint8Array(3);
    decodeNotNull(arrow.vectorFromArray([1, 2, 3], new arrow.Int32()), full);
    expect([...full]).toEqual([1, 1, 1]);
  });

  it('decode half floats from their binary16 bits, not as the raw 16-bit integers', () => {
    // Expected values from IEEE 754 binary16's definition: 0x3e00 = 1.5, 0xc000 = -2, 0x7bff = 65504
    // (largest finite), 0x0001 = 2^-24 (smallest subnormal), 0x0400 = 2^-14 (smallest normal),
    // 0xfc00 = -Infinity; row 6 is null. Built from the bits, so Arrow's encoder is not the oracle.
    const bits = new Uint16Array([0x3e00, 0xc000, 0x7bff, 0x0001, 0x0400, 0xfc00, 0x0000]);
    const nulls = new Uint8Array([0b0011_1111]);
    const data = arrow.makeData({ type: new arrow.Float16(), length: 7, nullCount: 1, nullBitmap: nulls, data: bits });
    const vector = arrow.makeVector(data);
    const values = new Float64Array(7);
    const valid = new Uint8Array(7);
    expect(decodeNumeric(vector, values, valid, 'column "x"')).toBe(false);
    expect([...values]).toEqual([1.5, -2, 65504, 2 ** -24, 2 ** -14, -Infinity, Number.NaN]);
    expect([...valid]).toEqual([1, 1, 1, 1, 1, 1, 0]);
  });
});
