/**
 * The native Parquet page decoder (src/sources/native/parquet-chunk.c, with snappy.c): the fast path
 * of ParquetReader for the columns the engine reads most. A column decodes natively when it is flat
 * (required or optional), its Arrow type (from parquet-wasm's schema) is what its physical type stores
 * as it is (BOOLEAN -> Bool, INT32 -> Int32 or Date32, INT64 -> Int64, FLOAT/DOUBLE -> Float32/64,
 * BYTE_ARRAY -> Utf8 or Binary), and every chunk is UNCOMPRESSED or SNAPPY with PLAIN, dictionary or
 * RLE pages. Any other file is read by parquet-wasm, as is the rest of a file from a row group whose
 * pages turn out to be beyond the decoder; both give the same Arrow values (tests compare them).
 *
 * Measured (bench/RESULTS.md, fourteenth session): three columns of a 10M-row table in 388-410 ms on
 * one thread against parquet-wasm's 715-805 ms (plus ~0.75 CPU-s per process of V8 compiling its
 * wasm). node-gyp builds the addon with the others at `npm ci` (src/kernels/native-addon.ts); without
 * it, or with CONTRAIL_NATIVE_PARQUET=0, parquet-wasm reads every file.
 */
import { Dictionary, Field, Int32, RecordBatch, Schema, Struct, Type, makeData, makeVector, type Data } from 'apache-arrow';
import { NativeAddon } from '../kernels/native-addon.js';
import type { FileRange } from './file-ranges.js';
import { BOOLEAN, BYTE_ARRAY, DOUBLE, FLOAT, INT32, INT64, storedAs, type ParquetFooter, type RowGroupLocation } from './parquet-footer.js';

/** The addon's export (see parquet-chunk.c for the arguments). */
export interface NativeParquet {
  decodeChunk(
    input: Uint8Array, physical: number, codec: number, maxDefinition: number, rows: number,
    values: Uint8Array | null, validity: Uint8Array | null, offsets: Int32Array | null, bytes: Uint8Array | null, utf8: 0 | 1,
    dictionaryMost: number,
  ): [nulls: number, byteLength: number, dictionary: number];
}

/** An error of the decoder: the page is beyond it, or the bytes are not Parquet. */
export type NativeParquetError = Error & { code: 'UNSUPPORTED' | 'CORRUPT' };

export function isUnsupported(error: unknown): boolean {
  return error instanceof Error && (error as NativeParquetError).code === 'UNSUPPORTED';
}

// abi: the version of decodeChunk's arguments (`abi` in parquet-chunk.c)
const addon = new NativeAddon<NativeParquet>('contrail_parquet', 'CONTRAIL_NATIVE_PARQUET', 1);

/** The decoder, unless it is not built or CONTRAIL_NATIVE_PARQUET=0 (read at each call). */
export function nativeParquet(): NativeParquet | null {
  return addon.get();
}

/** Why the decoder is not used ('' when it is). */
export function nativeParquetProblem(): string {
  return addon.problem();
}

/** Encodings the decoder reads: PLAIN, PLAIN_DICTIONARY, RLE, RLE_DICTIONARY. */
const ENCODINGS: ReadonlySet<number> = new Set([0, 2, 3, 8]);
/** Codecs it reads: UNCOMPRESSED, SNAPPY. */
const CODECS: ReadonlySet<number> = new Set([0, 1]);
/**
 * Entries up to which a text column's dictionary is lent as one (ReadOptions.dictionaries): branch
 * names and the like, not client ids, whose dictionary is as long as the rows.
 */
export const DICTIONARY_MOST = 1024;

/** Rows of a row group it reads as one batch; a larger group is read by parquet-wasm in batches. */
export const MAX_NATIVE_ROWS = 1 << 22;

/** A projected column as the decoder reads it. */
interface NativeColumn {
  readonly field: Field;
  readonly leaf: number;
  readonly physical: number;
  readonly maxDefinition: 0 | 1;
  /** Bytes per value (fixed width), 0 for booleans and byte arrays. */
  readonly width: number;
}

/**
 * How the decoder reads `columns` of a file, or why it cannot (a reason for tests and the bench):
 * every column flat with a stored-as-is type, every chunk local, snappy or uncompressed, in encodings
 * it reads, and no row group over MAX_NATIVE_ROWS rows.
 */
export function nativePlan(footer: ParquetFooter, schema: Schema, columns: readonly string[]): { columns: NativeColumn[] } | { reason: string } {
  const plan: NativeColumn[] = [];
  for (const name of columns) {
    const column = footer.columns.get(name);
    const field = schema.fields.find((f) => f.name === name);
    if (column === undefined || field === undefined || !column.flat || column.leaf < 0) return { reason: `column ${name} is nested or repeated` };
    if (storedAs(field.type) !== column.physical) return { reason: `column ${name} is ${String(field.type)} stored as physical type ${column.physical}` };
    const width = column.physical === INT32 || column.physical === FLOAT ? 4 : column.physical === INT64 || column.physical === DOUBLE ? 8 : 0;
    plan.push({ field, leaf: column.leaf, physical: column.physical, maxDefinition: column.maxDefinition, width });
  }
  for (const [g, group] of footer.rowGroups.entries()) {
    if (group.rows > MAX_NATIVE_ROWS) return { reason: `row group ${g} has ${group.rows} rows (over ${MAX_NATIVE_ROWS})` };
    for (const column of plan) {
      const chunk = group.chunks[column.leaf];
      if (chunk === undefined || chunk.elsewhere || chunk.start < 0) return { reason: `row group ${g}: column ${column.field.name} is not in this file` };
      if (!CODECS.has(chunk.codec)) return { reason: `row group ${g}: column ${column.field.name} has codec ${chunk.codec}` };
      const other = chunk.encodings.find((e) => !ENCODINGS.has(e));
      if (other !== undefined) return { reason: `row group ${g}: column ${column.field.name} has encoding ${other}` };
    }
  }
  return { columns: plan };
}

/** A column's output buffers, reused from batch to batch when lent. */
interface Outputs {
  values: Uint8Array;
  validity: Uint8Array;
  offsets: Int32Array;
  bytes: Uint8Array;
}

const EMPTY = new Uint8Array(0);

/**
 * Reads row groups of one file through the decoder, each as one RecordBatch of the planned columns.
 * Lending (`borrow`), its arrays are reused by the next row group; otherwise each batch owns its own.
 */
export class NativeRowGroups {
  readonly #inputs: Uint8Array[];
  readonly #outputs: Outputs[];

  constructor(
    private readonly addon: NativeParquet,
    private readonly ranges: FileRange,
    private readonly columns: readonly NativeColumn[],
    private readonly schema: Schema,
    private readonly borrow: boolean,
    private readonly dictionaries: boolean,
  ) {
    this.#inputs = columns.map(() => EMPTY);
    this.#outputs = columns.map(() => ({ values: EMPTY, validity: EMPTY, offsets: new Int32Array(0), bytes: EMPTY }));
  }

  /** Row group `index` (`group`) as one batch; a decoder error names the column and the group. */
  async read(group: RowGroupLocation, index: number): Promise<RecordBatch> {
    const rows = group.rows;
    const children: Data[] = [];
    for (const [c, column] of this.columns.entries()) {
      const chunk = group.chunks[column.leaf];
      if (this.#inputs[c].length < chunk.length) this.#inputs[c] = Buffer.allocUnsafeSlow(grow(this.#inputs[c].length, chunk.length));
      const input = this.#inputs[c].subarray(0, chunk.length);
      await this.ranges.slice(chunk.start, chunk.start + chunk.length).readInto(input);
      try {
        children.push(this.decode(c, column, input, chunk.codec, rows));
      } catch (error) {
        if (error instanceof Error) error.message = `column ${column.field.name}, row group ${index}: ${error.message}`;
        throw error;
      }
    }
    // a column lent as a dictionary has that type in this batch's schema
    const fields = this.schema.fields.map((field, k) => (children[k].type === field.type ? field : new Field(field.name, children[k].type, field.nullable)));
    const schema = fields.every((field, k) => field === this.schema.fields[k]) ? this.schema : new Schema(fields, this.schema.metadata);
    return new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows, nullCount: 0, children }));
  }

  /** One chunk as Arrow data of `rows` rows. */
  private decode(c: number, column: NativeColumn, input: Uint8Array, codec: number, rows: number): Data {
    const out = this.#outputs[c];
    const text = column.physical === BYTE_ARRAY;
    // text may come as indices into a small dictionary (`dictionaries`): 4 bytes per row for them
    let most = text && this.dictionaries ? DICTIONARY_MOST : 0;
    const valueBytes = column.physical === BOOLEAN ? (rows + 7) >> 3 : text ? (most > 0 ? 4 * rows : 0) : rows * column.width;
    const validityBytes = column.maxDefinition === 1 ? (rows + 7) >> 3 : 0;
    out.values = this.buffer(out.values, valueBytes);
    out.validity = this.buffer(out.validity, validityBytes);
    if (text && (!this.borrow || out.offsets.length < rows + 1)) out.offsets = new Int32Array(grow(out.offsets.length, rows + 1));
    const offsets = text ? out.offsets.subarray(0, rows + 1) : null;
    const values = valueBytes > 0 ? out.values.subarray(0, valueBytes) : null;
    const validity = validityBytes > 0 ? out.validity.subarray(0, validityBytes) : null;
    // Utf8 values are checked to be UTF-8, as parquet-wasm checks them; Binary values are bytes
    const utf8 = (column.field.type.typeId as Type) === Type.Utf8 ? 1 : 0;
    const decode = () => this.addon.decodeChunk(input, column.physical, codec, column.maxDefinition, rows, values, validity, offsets, text ? out.bytes : null, utf8, most);
    let [nulls, byteLength, entries] = decode();
    if (entries === -2) {
      // PLAIN pages after the dictionary (a writer's fallback): the chunk as text
      most = 0;
      [nulls, byteLength, entries] = decode();
    }
    if (text && byteLength > out.bytes.length) {
      // more text than any chunk before: decode again into a buffer large enough for it
      out.bytes = new Uint8Array(grow(out.bytes.length, byteLength));
      [nulls, byteLength, entries] = decode();
    }
    const nullBitmap = nulls > 0 ? validity! : undefined;
    const type = column.field.type;
    if (text) {
      const data = out.bytes.subarray(0, byteLength);
      // a batch that is given away keeps its buffer; the next starts from one of this size and an eighth
      if (!this.borrow) out.bytes = new Uint8Array(byteLength + (byteLength >> 3));
      if (entries < 0) return makeData({ type, length: rows, nullCount: nulls, nullBitmap, valueOffsets: offsets!, data });
      const dictionary = makeVector(makeData({ type, length: entries, nullCount: 0, valueOffsets: offsets!.subarray(0, entries + 1), data }));
      const indices = new Int32Array(values!.buffer, values!.byteOffset, rows);
      return makeData({ type: new Dictionary(type, new Int32()), length: rows, nullCount: nulls, nullBitmap, data: indices, dictionary });
    }
    const data = column.physical === BOOLEAN ? values! : typedView(column, values!);
    return makeData({ type, length: rows, nullCount: nulls, nullBitmap, data } as Parameters<typeof makeData>[0]);
  }

  /** `current` if lent and large enough, else a new buffer of at least `bytes` bytes. */
  private buffer(current: Uint8Array, bytes: number): Uint8Array {
    if (this.borrow && current.length >= bytes) return current;
    // 8-byte aligned for the typed views: a new ArrayBuffer of its own
    return new Uint8Array(this.borrow ? grow(current.length, bytes) : bytes);
  }
}

/** A capacity of at least `need`, growing geometrically from `have`. */
function grow(have: number, need: number): number {
  return Math.max(need, Math.ceil(have * 1.5));
}

function typedView(column: NativeColumn, bytes: Uint8Array): ArrayBufferView {
  const { buffer, byteOffset, byteLength } = bytes;
  switch (column.physical) {
    case INT64:
      return new BigInt64Array(buffer, byteOffset, byteLength / 8);
    case DOUBLE:
      return new Float64Array(buffer, byteOffset, byteLength / 8);
    case FLOAT:
      return new Float32Array(buffer, byteOffset, byteLength / 4);
    default: // INT32: Int32 or Date32 (days)
      return new Int32Array(buffer, byteOffset, byteLength / 4);
  }
}
