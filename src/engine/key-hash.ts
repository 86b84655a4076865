/**
 * 53-bit hashes of client ids (`analysis_id`), for joining a pre-enrollment table to the analysis
 * table without keeping the ids as strings: UTF-8 bytes are hashed straight from the Arrow buffers
 * (dictionary entries once each), integer ids are used as they are.
 *
 * Two independent 32-bit FNV-1a lanes make 53 bits; the chance that any two of 10 million ids of one
 * branch collide is about n^2 / 2^54 = 0.6 %, and a collision can only swap two clients' covariates.
 */
import { Type, type Vector } from 'apache-arrow';
import { isNullAt, nullBitmap } from './arrow-decode.js';
import { stageStrings } from './decode-kernels.js';
import { nativeSort } from '../kernels/native-sort.js';
import { InputError } from '../sources/table-reader.js';

function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ (end - start);
  for (let i = start; i < end; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 2097152 + ((b >>> 0) >>> 11);
}

/**
 * out[row + i] = hashBytes of ids [0, n) of a chunk without nulls: in C where the addon is built and
 * the CPU has AVX2 (src/kernels/native/id-hashes.c, from the Arrow buffers as they are), else by the
 * WebAssembly kernel (src/kernels/wasm/id-hashes.as.ts, from a copy in its memory). Same bits; tested.
 */
function hashAll(bytes: Uint8Array, offsets: Int32Array, out: Float64Array, row: number, n: number): void {
  const native = nativeSort();
  if (native !== null && native.idHashesFast) {
    native.idHashes(bytes, offsets.subarray(0, n + 1), out.subarray(row, row + n));
    return;
  }
  const staged = stageStrings(offsets, bytes, n, 8 * n, 'client-id hashes');
  staged.kernels.idHashes(staged.offsetsAt, staged.bytesBase, n, staged.end);
  out.set(new Float64Array(staged.kernels.memory.buffer, staged.end, n), row);
}

/** Hashes each row's id into `out` (NaN for a null id). */
export function decodeKeyHash(vector: Vector, out: Float64Array, what: string): void {
  const typeId = vector.type.typeId as Type;
  let row = 0;
  for (const data of vector.data) {
    const n = data.length;
    const nulls = nullBitmap(data);
    const offset = data.offset;
    if (typeId === Type.Utf8 || typeId === Type.Binary) {
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      if (nulls === null) hashAll(bytes, offsets, out, row, n);
      else for (let i = 0; i < n; i++) out[row + i] = isNullAt(nulls, offset, i) ? Number.NaN : hashBytes(bytes, offsets[i], offsets[i + 1]);
    } else if (typeId === Type.LargeUtf8) {
      const offsets = data.valueOffsets as unknown as BigInt64Array;
      const bytes = data.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        out[row + i] = isNullAt(nulls, offset, i) ? Number.NaN : hashBytes(bytes, Number(offsets[i]), Number(offsets[i + 1]));
      }
    } else if (typeId === Type.Dictionary && data.dictionary !== undefined) {
      const dictionary = data.dictionary;
      const hashes = new Float64Array(dictionary.length);
      // an entry's UTF-8 bytes as they are (what encoding its decoded text gives back), read in place
      // from a single chunk of text; any other entry (null, or of another type) through its text
      const entries = dictionary.data.length === 1 ? dictionary.data[0] : null;
      const text = entries !== null && ((entries.typeId as Type) === Type.Utf8 || (entries.typeId as Type) === Type.Binary);
      const entryNulls = text ? nullBitmap(entries) : null;
      const entryOffsets = text ? (entries.valueOffsets as Int32Array) : null;
      const entryBytes = text ? (entries.values as Uint8Array) : null;
      const encoder = new TextEncoder();
      for (let k = 0; k < dictionary.length; k++) {
        if (entryOffsets !== null && !isNullAt(entryNulls, entries!.offset, k)) {
          hashes[k] = hashBytes(entryBytes!, entryOffsets[k], entryOffsets[k + 1]);
          continue;
        }
        const bytes = encoder.encode(String(dictionary.get(k)));
        hashes[k] = hashBytes(bytes, 0, bytes.length);
      }
      const keys = data.values as ArrayLike<number>;
      for (let i = 0; i < n; i++) out[row + i] = isNullAt(nulls, offset, i) ? Number.NaN : hashes[keys[i]];
    } else if (typeId === Type.Int) {
      // Integer ids are hashed like text (their decimal digits), so every key is a 53-bit hash.
      const values = data.values as ArrayLike<number | bigint>;
      const encoder = new TextEncoder();
      for (let i = 0; i < n; i++) {
        if (isNullAt(nulls, offset, i)) {
          out[row + i] = Number.NaN;
          continue;
        }
        const bytes = encoder.encode(String(values[i]));
        out[row + i] = hashBytes(bytes, 0, bytes.length);
      }
    } else {
      throw new InputError(`${what} must hold text or integer client ids, got ${String(vector.type)}`);
    }
    row += n;
  }
}
