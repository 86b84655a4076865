/**
 * Reads Arrow columns into Float64 values without materialising rows: numbers, booleans (0/1) and
 * 64-bit integers (exact to 2^53) are decoded chunk by chunk from the column's buffers; dates decode
 * to their raw storage (only their null-ness is used). Text is rejected for metrics with an error that names the column.
 */
import { Type, type Data, type Vector } from 'apache-arrow';
import { InputError } from '../sources/table-reader.js';

/** Whether row i of an Arrow chunk is null (validity bit clear). */
export function isNull(data: Data, i: number): boolean {
  const bitmap = data.nullBitmap;
  if (data.nullCount === 0 || bitmap === undefined || bitmap.length === 0) return false;
  const j = data.offset + i;
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
    const hasNulls = data.nullCount > 0;
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
    if (hasNulls) {
      for (let i = 0; i < n; i++) {
        if (isNull(data, i)) {
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
    for (let i = 0; i < data.length; i++) out[row + i] = isNull(data, i) ? 0 : 1;
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
  const seen: Uint8Array[] = [];
  const seenIndex: number[] = [];
  let row = 0;
  for (const data of vector.data) {
    const n = data.length;
    if (vector.type.typeId === Type.Dictionary && data.dictionary !== undefined) {
      const dictionary = data.dictionary;
      const mapped = new Int32Array(dictionary.length);
      for (let k = 0; k < dictionary.length; k++) {
        const name = dictionary.get(k) as string | null;
        mapped[k] = name === null ? -1 : indexOf(String(name));
      }
      const keys = data.values as ArrayLike<number>;
      for (let i = 0; i < n; i++) out[row + i] = isNull(data, i) ? -1 : mapped[keys[i]];
    } else if (vector.type.typeId === Type.Utf8) {
      // Compare each row's bytes with the few branch names seen so far instead of decoding a string
      // per row (TextDecoder per row was ~1.5 s of a 10M-row read, here).
      const offsets = data.valueOffsets as Int32Array;
      const bytes = data.values as Uint8Array;
      for (let i = 0; i < n; i++) {
        if (isNull(data, i)) {
          out[row + i] = -1;
          continue;
        }
        const start = offsets[i];
        const end = offsets[i + 1];
        let found = -1;
        for (let k = 0; k < seen.length && found < 0; k++) {
          const name = seen[k];
          if (name.length !== end - start) continue;
          let same = true;
          for (let j = 0; j < name.length; j++) {
            if (name[j] !== bytes[start + j]) {
              same = false;
              break;
            }
          }
          if (same) found = seenIndex[k];
        }
        if (found < 0) {
          const slice = bytes.slice(start, end);
          found = indexOf(new TextDecoder().decode(slice));
          seen.push(slice);
          seenIndex.push(found);
        }
        out[row + i] = found;
      }
    } else {
      const chunk = vector.data.length === 1 ? vector : null;
      for (let i = 0; i < n; i++) {
        if (isNull(data, i)) {
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
