/**
 * Reads Arrow columns into Float64 values without materialising rows: numbers, booleans (0/1) and
 * 64-bit integers (exact to 2^53) are decoded chunk by chunk from the column's buffers; dates decode
 * to their raw storage (only their null-ness is used). Text is rejected for metrics with an error that names the column.
 */
import { Type, type Data, type Vector } from 'apache-arrow';
import { InputError } from '../sources/table-reader.js';

/**
 * The chunk's validity bitmap, or null when no row of it is null. Read once per chunk: the per-row
 * `nullCount` getter cost more than the decoding around it in a 10M-row read (bench/RESULTS.md).
 */
export function nullBitmap(data: Data): Uint8Array | null {
  const bitmap = data.nullBitmap;
  return data.nullCount === 0 || bitmap === undefined || bitmap.length === 0 ? null : bitmap;
}

/** Whether row i of a chunk is null, given its `nullBitmap` and `data.offset`. */
export function isNullAt(bitmap: Uint8Array | null, offset: number, i: number): boolean {
  if (bitmap === null) return false;
  const j = offset + i;
  return ((bitmap[j >> 3] >> (j & 7)) & 1) === 0;
}

/** Whether a column of this type can be analysed as numbers. */
export function isNumericType(typeId: Type): boolean {
  return (
    typeId === Type.Int ||
    typeId === Type.Float ||
    typeId === Type.Bool ||
    typeId === Type.Date ||
    typeId === Type.Null
  );
}

/**
 * Decodes `vector` into `values` (NaN where null) and `valid` (0 where null), from index 0.
 * `what` names the column and table for errors.
 */
export function decodeNumeric(vector: Vector, values: Float64Array, valid: Uint8Array, what: string): void {
  const typeId = vector.type.typeId as Type;
  if (!isNumericType(typeId)) {
    throw new InputError(
      `${what} holds ${String(vector.type)} values, not numbers or booleans; ` +
        'fix the column in the input or remove the metric from the config',
    );
  }
  let row = 0;
  for (const data of vector.data) {
    const n = data.length;
    if (typeId === Type.Null) {
      values.fill(Number.NaN, row, row + n);
      valid.fill(0, row, row + n);
      row += n;
      continue;
    }
    const source = data.values as ArrayLike<number | bigint>;
    const offset = data.offset;
    if (typeId === Type.Bool) {
      const bits = data.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        const j = offset + i;
        values[row + i] = (bits[j >> 3] >> (j & 7)) & 1;
      }
    } else if (source instanceof BigInt64Array || source instanceof BigUint64Array) {
      for (let i = 0; i < n; i++) values[row + i] = Number(source[i]);
    } else {
      // Arrow JS slices value buffers to the chunk (only bitmaps keep `offset`).
      const numbers = source as ArrayLike<number>;
      for (let i = 0; i < n; i++) values[row + i] = numbers[i];
    }
    const nulls = nullBitmap(data);
    if (nulls !== null) {
      for (let i = 0; i < n; i++) {
        if (isNullAt(nulls, offset, i)) {
          values[row + i] = Number.NaN;
          valid[row + i] = 0;
        } else {
          valid[row + i] = 1;
        }
      }
    } else {
      valid.fill(1, row, row + n);
    }
    row += n;
  }
}

/** Decodes a presence mask: 1 where the value is not null (e.g. exposure_date IS NOT NULL). */
export function decodeNotNull(vector: Vector, out: Uint8Array): void {
  let row = 0;
  for (const data of vector.data) {
    const nulls = nullBitmap(data);
    if (nulls === null) out.fill(1, row, row + data.length);
    else for (let i = 0; i < data.length; i++) out[row + i] = isNullAt(nulls, data.offset, i) ? 0 : 1;
    row += data.length;
  }
}

/** Decodes a boolean segment column: 1 where TRUE, 0 where FALSE or null (SQL `= TRUE`). */
export function decodeTrue(vector: Vector, out: Uint8Array, what: string): void {
  const typeId = vector.type.typeId as Type;
  if (typeId !== Type.Bool && typeId !== Type.Int) {
    throw new InputError(`${what} must be a boolean column to be used as a segment, got ${String(vector.type)}`);
  }
  const values = new Float64Array(vector.length);
  const valid = new Uint8Array(vector.length);
  decodeNumeric(vector, values, valid, what);
  for (let i = 0; i < vector.length; i++) out[i] = valid[i] === 1 && values[i] === 1 ? 1 : 0;
}

/**
 * Decodes the branch column into indices of `branches` (growing it with new names in order of
 * appearance); -1 for a null branch. Dictionary-encoded strings are mapped once per dictionary entry.
 */
export function decodeBranch(vector: Vector, branches: string[], lookup: Map<string, number>, out: Int32Array): void {
  const indexOf = (name: string): number => {
    let index = lookup.get(name);
    if (index === undefined) {
      index = branches.length;
      branches.push(name);
      lookup.set(name, index);
    }
    return index;
  };
  const seen = new SeenNames();
  let row = 0;
  for (const data of vector.data) {
    const n = data.length;
    const nulls = nullBitmap(data);
    if (vector.type.typeId === Type.Dictionary && data.dictionary !== undefined) {
      const dictionary = data.dictionary;
      const mapped = new Int32Array(dictionary.length);
      for (let k = 0; k < dictionary.length; k++) {
        const name = dictionary.get(k) as string | null;
        mapped[k] = name === null ? -1 : indexOf(String(name));
      }
      const keys = data.values as ArrayLike<number>;
      for (let i = 0; i < n; i++) out[row + i] = isNullAt(nulls, data.offset, i) ? -1 : mapped[keys[i]];
    } else if (vector.type.typeId === Type.Utf8) {
      // Each row's bytes are matched against the few branch names seen so far instead of decoding a
      // string per row (TextDecoder per row was ~1.5 s of a 10M-row read).
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < n; ) {
        i = seen.matchRows(offsets, bytes, view, nulls, data.offset, out, row, i, n);
        if (i === n) break;
        // row i holds a name not seen before
        const start = offsets[i];
        const end = offsets[i + 1];
        const index = indexOf(new TextDecoder().decode(bytes.subarray(start, end)));
        seen.add(bytes.slice(start, end), index);
        out[row + i] = index;
        i++;
      }
    } else {
      const chunk = vector.data.length === 1 ? vector : null;
      for (let i = 0; i < n; i++) {
        if (isNullAt(nulls, data.offset, i)) {
          out[row + i] = -1;
          continue;
        }
        const value = chunk !== null ? chunk.get(i) : vector.get(row + i);
        out[row + i] = indexOf(String(value));
      }
    }
    row += n;
  }
}

/**
 * Branch names seen so far, as UTF-8 bytes, matched against each row's bytes without a branch on
 * which name it is: the row's length and last byte pick the one candidate name from a 256-entry
 * table (names such as "treatment-a" and "treatment-b" differ there), and the row's first 16 bytes
 * are compared with it as four 32-bit words, masked to the name's length (bytes past 16 one by one,
 * for longer names). A loop over the names, each tried in turn, mispredicted the choice of name on
 * nearly every row: 36 -> 22 ns per row on the 10M fixture's branch column (bench/RESULTS.md,
 * eighth session of 2026-12-06). Rows the table cannot settle (two names with one signature, empty
 * names, a row within 16 bytes of the buffer's end) are compared name by name.
 */
class SeenNames {
  private readonly names: Uint8Array[] = [];
  private readonly indices: number[] = [];
  /** Signature -> name number, -1 for none, -2 for several. */
  private readonly table = new Int32Array(256).fill(-1);
  /** Per name: its first 16 bytes as four little-endian words (zero past its end), and their masks. */
  private nameWords = new Int32Array(0);
  private nameMasks = new Int32Array(0);

  /**
   * Writes the branch index of rows [from, n) of a chunk to out[row + i] (-1 where null), up to the
   * first row whose name has not been seen; returns that row, or n.
   */
  matchRows(offsets: Int32Array, bytes: Uint8Array, view: DataView, nulls: Uint8Array | null, offset: number, out: Int32Array, row: number, from: number, n: number): number {
    for (let i = from; i < n; i++) {
      if (isNullAt(nulls, offset, i)) {
        out[row + i] = -1;
        continue;
      }
      let found = this.lookup(offsets[i], offsets[i + 1], bytes, view);
      if (found < 0) found = this.match(bytes, offsets[i], offsets[i + 1]);
      if (found < 0) return i;
      out[row + i] = found;
    }
    return n;
  }

  /** The branch index of bytes[start, end) by the signature table, or -1 if the table cannot tell. */
  private lookup(start: number, end: number, bytes: Uint8Array, view: DataView): number {
    const length = end - start;
    if (length === 0 || start > bytes.length - 16) return -1;
    const c = this.table[signature(length, bytes[end - 1])];
    if (c < 0) return -1;
    const name = this.names[c];
    const words = this.nameWords;
    const masks = this.nameMasks;
    const w = 4 * c;
    let diff = length ^ name.length;
    diff |= (view.getInt32(start, true) ^ words[w]) & masks[w];
    diff |= (view.getInt32(start + 4, true) ^ words[w + 1]) & masks[w + 1];
    diff |= (view.getInt32(start + 8, true) ^ words[w + 2]) & masks[w + 2];
    diff |= (view.getInt32(start + 12, true) ^ words[w + 3]) & masks[w + 3];
    for (let j = 16; diff === 0 && j < length; j++) diff = name[j] ^ bytes[start + j];
    return diff === 0 ? this.indices[c] : -1;
  }

  /** The branch index of bytes[start, end), or -1 if no name seen so far has those bytes. */
  private match(bytes: Uint8Array, start: number, end: number): number {
    const length = end - start;
    for (let k = 0; k < this.names.length; k++) {
      const name = this.names[k];
      if (name.length !== length) continue;
      let j = 0;
      while (j < length && name[j] === bytes[start + j]) j++;
      if (j === length) return this.indices[k];
    }
    return -1;
  }

  add(name: Uint8Array, index: number): void {
    const c = this.names.length;
    this.names.push(name);
    this.indices.push(index);
    const words = new Int32Array(4 * (c + 1));
    const masks = new Int32Array(4 * (c + 1));
    words.set(this.nameWords);
    masks.set(this.nameMasks);
    for (let j = 0; j < Math.min(name.length, 16); j++) {
      words[4 * c + (j >> 2)] |= name[j] << ((j & 3) * 8);
      masks[4 * c + (j >> 2)] |= 0xff << ((j & 3) * 8);
    }
    this.nameWords = words;
    this.nameMasks = masks;
    if (name.length > 0) {
      const s = signature(name.length, name[name.length - 1]);
      this.table[s] = this.table[s] === -1 ? c : -2;
    }
  }
}

/** A name's slot in the signature table, from its length and last byte. */
function signature(length: number, last: number): number {
  return (length * 37 + last) & 255;
}
