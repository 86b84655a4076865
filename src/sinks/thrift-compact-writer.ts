/**
 * A writer of the Thrift compact protocol, the encoding of Parquet's page headers and footer: the
 * counterpart of src/sources/thrift-compact.ts (which reads what this writes, test/sinks). Fields
 * are written in ascending id order within a struct, each header carrying the id's delta from the
 * previous field when it is 1-15. Reference: the Thrift compact protocol specification
 * (thrift/doc/specs/thrift-compact-protocol.md).
 */
import { CompactType } from '../sources/thrift-compact.js';

const ENCODER = new TextEncoder();

export class CompactWriter {
  #bytes = new Uint8Array(256);
  #length = 0;
  /** The last field id of each open struct, innermost last. */
  readonly #lastIds: number[] = [0];

  /** The bytes written so far. */
  bytes(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }

  /** An i32 field (zigzag varint). */
  i32(id: number, value: number): this {
    this.#field(id, CompactType.I32);
    this.#zigzag(value);
    return this;
  }

  /** An i64 field, for integers of at most 2^53 in magnitude (zigzag varint). */
  i64(id: number, value: number): this {
    this.#field(id, CompactType.I64);
    this.#zigzag(value);
    return this;
  }

  /** A string field (its UTF-8 bytes, length first). */
  string(id: number, value: string): this {
    this.#field(id, CompactType.Binary);
    this.#string(value);
    return this;
  }

  /** A struct field: `body` writes its fields. */
  struct(id: number, body: (w: this) => void): this {
    this.#field(id, CompactType.Struct);
    this.#structBody(body);
    return this;
  }

  /** A list field of i32 values. */
  i32List(id: number, values: readonly number[]): this {
    this.#listHeader(id, CompactType.I32, values.length);
    for (const v of values) this.#zigzag(v);
    return this;
  }

  /** A list field of strings. */
  stringList(id: number, values: readonly string[]): this {
    this.#listHeader(id, CompactType.Binary, values.length);
    for (const v of values) this.#string(v);
    return this;
  }

  /** A list field of structs, `body` writing each item's fields. */
  structList<T>(id: number, items: readonly T[], body: (w: this, item: T) => void): this {
    this.#listHeader(id, CompactType.Struct, items.length);
    for (const item of items) this.#structBody((w) => body(w, item));
    return this;
  }

  /** Ends the top-level struct (its stop byte). */
  end(): this {
    this.#put(Uint8Array.of(CompactType.Stop));
    return this;
  }

  #structBody(body: (w: this) => void): void {
    this.#lastIds.push(0);
    body(this);
    this.#lastIds.pop();
    this.#put(Uint8Array.of(CompactType.Stop));
  }

  #field(id: number, type: number): void {
    const last = this.#lastIds.length - 1;
    const delta = id - this.#lastIds[last];
    if (delta <= 0) throw new RangeError(`CompactWriter: field ${id} after field ${this.#lastIds[last]}; write fields in ascending id order`);
    if (delta <= 15) this.#put(Uint8Array.of((delta << 4) | type));
    else {
      this.#put(Uint8Array.of(type));
      this.#zigzag(id);
    }
    this.#lastIds[last] = id;
  }

  #listHeader(id: number, elementType: number, size: number): void {
    this.#field(id, CompactType.List);
    if (size < 15) this.#put(Uint8Array.of((size << 4) | elementType));
    else {
      this.#put(Uint8Array.of(0xf0 | elementType));
      this.#varint(size);
    }
  }

  /** A string's UTF-8 bytes, their length first. */
  #string(value: string): void {
    const bytes = ENCODER.encode(value);
    this.#varint(bytes.length);
    this.#put(bytes);
  }

  #zigzag(value: number): void {
    if (!Number.isSafeInteger(value)) throw new RangeError(`CompactWriter: ${value} is not an integer of at most 2^53 in magnitude`);
    this.#varint(value >= 0 ? 2 * value : -2 * value - 1);
  }

  #varint(value: number): void {
    this.#put(Uint8Array.from(unsignedVarint(value)));
  }

  #put(bytes: Uint8Array): void {
    if (this.#length + bytes.length > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + bytes.length));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#bytes.set(bytes, this.#length);
    this.#length += bytes.length;
  }
}

/** The bytes of an unsigned varint of a non-negative integer up to 2^54 (arithmetic, not 32-bit bit operations). */
export function unsignedVarint(value: number): number[] {
  const out: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
  return out;
}
