/**
 * Reads Arrow columns into Float64 values without materialising rows: numbers, booleans (0/1) and
 * 64-bit integers (exact to 2^53) and half floats are decoded chunk by chunk from the column's buffers; dates decode
 * to their raw storage (only their null-ness is used). Text is rejected for metrics with an error that names the column.
 */
import { Precision, Type, util, type Data, type Float, type Vector } from 'apache-arrow';
import { InputError } from '../sources/table-reader.js';
import { kernelMemory, stageStrings } from './decode-kernels.js';
import { align16 } from '../kernels/wasm-kernel.js';

/**
 * The chunk's validity bitmap, or null when no row of it is null. Read once per chunk: the per-row
 * `nullCount` getter cost more than the decoding around it in a 10M-row read (bench/RESULTS.md).
 */
export function nullBitmap(data: Data): Uint8Array | null {
  const bitmap = data.nullBitmap;
  return data.nullCount === 0 || bitmap === undefined || bitmap.length === 0 ? null : bitmap;
}

/**
 * The values of a Float64 vector of one chunk without nulls, as they are (a view of its buffer):
 * what decodeNumeric would copy out, for a caller that can read them in place; null for any other.
 */
export function plainFloat64(vector: Vector): Float64Array | null {
  if (vector.data.length !== 1) return null;
  const data = vector.data[0];
  const values = data.values as unknown;
  if (!(values instanceof Float64Array) || nullBitmap(data) !== null || values.length < data.length) return null;
  return values.subarray(0, data.length);
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
 * Decodes `vector` into `values` (NaN where null) and `valid` (0 where null), from index 0, and
 * returns whether no row is null. `what` names the column and table for errors.
 */
export function decodeNumeric(vector: Vector, values: Float64Array, valid: Uint8Array, what: string): boolean {
  const typeId = vector.type.typeId as Type;
  if (!isNumericType(typeId)) {
    throw new InputError(
      `${what} holds ${String(vector.type)} values, not numbers or booleans; ` +
        'fix the column in the input or remove the metric from the config',
    );
  }
  const half = typeId === Type.Float && (vector.type as Float).precision === Precision.HALF;
  let row = 0;
  let allValid = true;
  for (const data of vector.data) {
    const n = data.length;
    if (typeId === Type.Null) {
      values.fill(Number.NaN, row, row + n);
      valid.fill(0, row, row + n);
      allValid &&= n === 0;
      row += n;
      continue;
    }
    const source = data.values as ArrayLike<number | bigint>;
    const offset = data.offset;
    if (typeId === Type.Bool) {
      unpackBits(data.values as Uint8Array, offset, n, values, row);
    } else if (half) {
      // Arrow JS keeps Float16 values as their raw IEEE 754 binary16 bits in a Uint16Array
      copyHalves(data.values as Uint16Array, n, values, row);
    } else if (source instanceof BigInt64Array || source instanceof BigUint64Array) {
      copyBigInts(source, n, values, row);
    } else if (ArrayBuffer.isView(source) && (source as Float64Array).length >= n) {
      // Arrow JS slices value buffers to the chunk (only bitmaps keep `offset`). A typed array's set()
      // converts each element as the assignment does, natively: one loop over Float64Array,
      // Int32Array, ... sources was polymorphic, deoptimized and recompiled per thread.
      const numbers = source as Float64Array;
      values.set(numbers.length === n ? numbers : numbers.subarray(0, n), row);
    } else {
      copyNumbers(source as ArrayLike<number>, n, values, row);
    }
    const nulls = nullBitmap(data);
    if (nulls !== null) {
      allValid = false;
      applyNulls(nulls, offset, n, values, valid, row);
    } else {
      valid.fill(1, row, row + n);
    }
    row += n;
  }
  return allValid;
}

/*
 * decodeNumeric's loops, each in a function of its own: in one function, every loop's on-stack
 * replacement recompiled all of it, 15 TurboFan compiles of 20-40 ms per demo run (`node --trace-opt`).
 */

/** values[row + i] = bit offset + i of `bits`, for i in [0, n). */
function unpackBits(bits: Uint8Array, offset: number, n: number, values: Float64Array, row: number): void {
  for (let i = 0; i < n; i++) {
    const j = offset + i;
    values[row + i] = (bits[j >> 3] >> (j & 7)) & 1;
  }
}

function copyBigInts(source: BigInt64Array | BigUint64Array, n: number, values: Float64Array, row: number): void {
  for (let i = 0; i < n; i++) values[row + i] = Number(source[i]);
}

function copyHalves(bits: Uint16Array, n: number, values: Float64Array, row: number): void {
  for (let i = 0; i < n; i++) values[row + i] = util.uint16ToFloat64(bits[i]);
}

function copyNumbers(source: ArrayLike<number>, n: number, values: Float64Array, row: number): void {
  for (let i = 0; i < n; i++) values[row + i] = source[i];
}

/** NaN and valid 0 where the bitmap says null, valid 1 elsewhere, for rows [row, row + n). */
function applyNulls(nulls: Uint8Array, offset: number, n: number, values: Float64Array, valid: Uint8Array, row: number): void {
  for (let i = 0; i < n; i++) {
    if (isNullAt(nulls, offset, i)) {
      values[row + i] = Number.NaN;
      valid[row + i] = 0;
    } else {
      valid[row + i] = 1;
    }
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
      if (nulls === null) mapKeys(keys, mapped, out, row, n);
      else for (let i = 0; i < n; i++) out[row + i] = isNullAt(nulls, data.offset, i) ? -1 : mapped[keys[i]];
    } else if (vector.type.typeId === Type.Utf8) {
      // Each row's bytes are matched against the few branch names seen so far instead of decoding a
      // string per row (TextDecoder per row was ~1.5 s of a 10M-row read).
      seen.decodeChunk(data.valueOffsets as Int32Array, data.values as Uint8Array, nulls, data.offset, out.subarray(row, row + n), indexOf);
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
 * out[row + i] = mapped[keys[i]] for a chunk of dictionary keys without nulls: a loop of its own, so
 * that the common case skips the per-row null check (decodeBranch's JavaScript was 55 ms of the
 * calling thread's read of a 10M-row table, lmm 10M's critical path: perf, nineteenth session).
 */
function mapKeys(keys: ArrayLike<number>, mapped: Int32Array, out: Int32Array, row: number, n: number): void {
  for (let i = 0; i < n; i++) out[row + i] = mapped[keys[i]];
}

/**
 * Branch names seen so far, as UTF-8 bytes, matched against each row's bytes by the WebAssembly
 * kernel (src/kernels/wasm/branch-names.as.ts) without decoding a string per row: the row's length
 * and last byte pick the one candidate name from a 256-entry table (names such as "treatment-a" and
 * "treatment-b" differ there), whose bytes are then compared. A loop over the names, each tried in
 * turn, mispredicted on nearly every row (36 ns per row on the 10M fixture's branch column); the
 * table in TypeScript with DataView reads took 18-26 ns, the kernel ~6.5 ns with its copies
 * (bench/RESULTS.md, eighth and ninth sessions of 2026-12-06). Rows the table cannot settle (a new
 * name, two names of one signature, an empty name) are compared name by name here.
 */
class SeenNames {
  private readonly names: Uint8Array[] = [];
  private readonly indices: number[] = [];
  /** The kernel's names record (see its header): the signature table, a record per name, their bytes. */
  private record = SeenNames.recordOf([], []);

  /**
   * out[i] = the branch index of row i of a chunk of n rows (Arrow offsets and bytes, its validity
   * bitmap or null, and the chunk's offset in that bitmap): -1 where null, new names through indexOf.
   */
  decodeChunk(offsets: Int32Array, bytes: Uint8Array, nulls: Uint8Array | null, offset: number, out: Int32Array, indexOf: (name: string) => number): void {
    const n = out.length;
    const user = 'branch column';
    const nullBytes = nulls === null ? 0 : ((offset + n + 7) >> 3) - (offset >> 3);
    const { kernels, offsetsAt, bytesBase, end } = stageStrings(offsets, bytes, n, align16(4 * n) + align16(nullBytes) + this.record.length, user);
    const outAt = end;
    const nullsAt = outAt + align16(4 * n);
    const recordAt = nullsAt + align16(nullBytes);
    if (nulls !== null) new Uint8Array(kernels.memory.buffer, nullsAt, nullBytes).set(nulls.subarray(offset >> 3, (offset >> 3) + nullBytes));
    new Uint8Array(kernels.memory.buffer, recordAt, this.record.length).set(this.record);
    for (let i = 0; i < n; i++) {
      i += kernels.matchBranchNames(offsetsAt + 4 * i, bytesBase, n - i, recordAt, nulls === null ? 0 : nullsAt, (offset & 7) + i, outAt + 4 * i);
      if (i === n) break;
      // row i, not null, holds a name the table cannot settle
      const start = offsets[i];
      const stop = offsets[i + 1];
      let found = this.match(bytes, start, stop);
      if (found < 0) {
        found = indexOf(new TextDecoder().decode(bytes.subarray(start, stop)));
        this.add(bytes.slice(start, stop), found);
        new Uint8Array(kernelMemory(recordAt + this.record.length, user), recordAt, this.record.length).set(this.record);
      }
      new Int32Array(kernels.memory.buffer, outAt, n)[i] = found;
    }
    out.set(new Int32Array(kernels.memory.buffer, outAt, n));
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

  private add(name: Uint8Array, index: number): void {
    this.names.push(name);
    this.indices.push(index);
    this.record = SeenNames.recordOf(this.names, this.indices);
  }

  /** The kernel's names record of `names` (branch index indices[k] for names[k]). */
  private static recordOf(names: readonly Uint8Array[], indices: readonly number[]): Uint8Array {
    const bytesAt = 1024 + 48 * names.length;
    const record = new Uint8Array(align16(bytesAt + names.reduce((sum, name) => sum + name.length, 0)));
    const ints = new Int32Array(record.buffer);
    ints.fill(-1, 0, 256);
    let at = bytesAt;
    names.forEach((name, c) => {
      const w = (1024 + 48 * c) / 4;
      ints[w] = name.length;
      ints[w + 1] = indices[c];
      ints[w + 2] = at;
      for (let j = 0; j < Math.min(name.length, 16); j++) {
        ints[w + 4 + (j >> 2)] |= name[j] << ((j & 3) * 8);
        ints[w + 8 + (j >> 2)] |= 0xff << ((j & 3) * 8);
      }
      record.set(name, at);
      at += name.length;
      if (name.length > 0) {
        const s = signature(name.length, name[name.length - 1]);
        ints[s] = ints[s] === -1 ? c : -2;
      }
    });
    return record;
  }
}

function signature(length: number, last: number): number {
  return (length * 37 + last) & 255;
}
