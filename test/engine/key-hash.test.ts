import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { decodeKeyHash } from '../../src/engine/key-hash.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

// The hash's top 32 bits are 32-bit FNV-1a of the id's UTF-8 bytes. Test vectors from the FNV
// reference suite (Fowler, Noll, Vo; http://www.isthe.com/chongo/tech/comp/fnv/, test_fnv.c):
// "" -> 0x811c9dc5, "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968.
const FNV1A32: Record<string, number> = { '': 0x811c9dc5, a: 0xe40c292c, foobar: 0xbf9cf968 };

function top32(hash: number): number {
  return Math.floor(hash / 2 ** 21);
}

describe.each([
  ['with the ids hashed in C', SORT_IMPLEMENTATIONS[0][1]],
  ['with the ids hashed in WebAssembly', SORT_IMPLEMENTATIONS[1][1]],
] as const)('decodeKeyHash %s', (_, flag) => {
  useNativeSort(flag);

  it('hashes text ids to 53 bits whose top 32 are FNV-1a, NaN for null, at a sliced chunk offset', () => {
    const vector = arrow.vectorFromArray(['x', null, '', 'a', null, 'foobar'], new arrow.Utf8()).slice(1);
    const out = new Float64Array(5);
    decodeKeyHash(vector, out, 'column "analysis_id"');
    expect(Number.isNaN(out[0])).toBe(true);
    expect(Number.isNaN(out[3])).toBe(true);
    expect([top32(out[1]), top32(out[2]), top32(out[4])]).toEqual([FNV1A32[''], FNV1A32.a, FNV1A32.foobar]);
    for (const h of [out[1], out[2], out[4]]) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 53).toBe(true);
  });

  it('hashes a chunk without nulls (its own loop) to the same 53 bits as one with nulls', () => {
    const ids = ['', 'a', 'foobar', 'c0000001', 'ünïcödé'];
    const plain = new Float64Array(ids.length);
    decodeKeyHash(arrow.vectorFromArray(ids, new arrow.Utf8()), plain, 'ids');
    expect([top32(plain[0]), top32(plain[1]), top32(plain[2])]).toEqual([FNV1A32[''], FNV1A32.a, FNV1A32.foobar]);
    const withNull = new Float64Array(ids.length + 1);
    decodeKeyHash(arrow.vectorFromArray([...ids, null], new arrow.Utf8()), withNull, 'ids');
    expect([...withNull.subarray(0, ids.length)]).toEqual([...plain]);
    expect(withNull[ids.length]).toBeNaN();
  });

  it('hashes ids eight or four at a time (one length) and one at a time (mixed lengths) to the one-id bits, from deep in a chunk', () => {
    // the kernel takes groups of eight ids of equal length side by side, four bytes of each per load
    // and the last length % 4 one by one; groups of eight with two lengths as two fours; mixed
    // groups and the tail one by one. The path with nulls hashes every id alone (hashBytes), so it
    // is the reference. Slices starting at several offsets shift the groups; the deepest starts ~95 kB
    // into the bytes, past where the kernel's copy of them begins.
    const ids: string[] = [];
    for (let i = 0; i < 400; i++) ids.push(`c${String(i).padStart(7, '0')}`);
    for (let i = 0; i < 3000; i++) ids.push(`${i.toString(16).padStart(8, '0')}-9c2e-4b1f-8d3a-5e6f7a8b9c0d`);
    for (let i = 0; i < 64; i++) ids.push(`v${String(i).padStart(8, '0')}`); // 9 bytes: a word and one byte
    for (let i = 0; i < 40; i++) ids.push(i % 8 < 4 ? `four${i % 10}` : `eight-${i % 10}`); // fours of one length, eights of two
    for (let i = 0; i < 303; i++) ids.push('x'.repeat(i % 7) + String(i));
    for (const start of [0, 3, 2517, ids.length - 411]) {
      const vector = arrow.vectorFromArray(ids, new arrow.Utf8()).slice(start);
      const n = ids.length - start;
      const fast = new Float64Array(n);
      decodeKeyHash(vector, fast, 'ids');
      const reference = new Float64Array(n + 1);
      decodeKeyHash(arrow.vectorFromArray([...ids.slice(start), null], new arrow.Utf8()), reference, 'ids');
      expect([...fast]).toEqual([...reference.subarray(0, n)]);
    }
    const all = new Float64Array(ids.length);
    decodeKeyHash(arrow.vectorFromArray(ids, new arrow.Utf8()), all, 'ids');
    expect(new Set(all).size).toBe(new Set(ids).size);
  });

  it('gives a dictionary-encoded id and an integer id the hash of the same text', () => {
    const text = new Float64Array(3);
    decodeKeyHash(arrow.vectorFromArray(['foobar', '42', 'a'], new arrow.Utf8()), text, 'ids');
    const dictionary = new Float64Array(3);
    decodeKeyHash(arrow.vectorFromArray(['foobar', '42', 'a'], new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32())), dictionary, 'ids');
    expect([...dictionary]).toEqual([...text]);
    const integer = new Float64Array(2);
    decodeKeyHash(arrow.vectorFromArray([42, null], new arrow.Int32()), integer, 'ids');
    expect(integer[0]).toBe(text[1]);
    expect(Number.isNaN(integer[1])).toBe(true);
  });

  it('hashes a dictionary of binary ids by their bytes, as the same ids without a dictionary', () => {
    const ids = [Uint8Array.of(102, 111, 111), Uint8Array.of(0xff, 0), Uint8Array.of()];
    const plain = new Float64Array(3);
    decodeKeyHash(arrow.vectorFromArray(ids, new arrow.Binary()), plain, 'ids');
    const dictionary = new Float64Array(3);
    const entries = arrow.vectorFromArray(ids, new arrow.Binary());
    const data = arrow.makeData({ type: new arrow.Dictionary(new arrow.Binary(), new arrow.Int32()), length: 3, nullCount: 0, data: Int32Array.of(0, 1, 2), dictionary: entries });
    decodeKeyHash(arrow.makeVector(data), dictionary, 'ids');
    expect([...dictionary]).toEqual([...plain]);
    // "foo" as binary bytes is "foo" as text
    const text = new Float64Array(1);
    decodeKeyHash(arrow.vectorFromArray(['foo'], new arrow.Utf8()), text, 'ids');
    expect(dictionary[0]).toBe(text[0]);
  });

  it('rejects a float id column, naming it', () => {
    expect(() => decodeKeyHash(arrow.vectorFromArray([1.5], new arrow.Float64()), new Float64Array(1), 'column "analysis_id" of t')).toThrow(
      'column "analysis_id" of t must hold text or integer client ids, got Float64',
    );
  });
});

describe('idHashes in C: its arguments checked', () => {
  it('rejects offsets that leave the bytes or do not ascend, naming them', () => {
    const sort = nativeSort()!;
    const bytes = new TextEncoder().encode('abcdef');
    expect(() => sort.idHashes(bytes, Int32Array.of(0, 3, 7), new Float64Array(2))).toThrow('idHashes: offsets must ascend within bytes');
    expect(() => sort.idHashes(bytes, Int32Array.of(0, 4, 2), new Float64Array(2))).toThrow('idHashes: offsets must ascend within bytes');
    expect(() => sort.idHashes(bytes, Int32Array.of(0, 3), new Float64Array(2))).toThrow('idHashes: offsets must hold out.length + 1 entries');
  });
});
