/**
 * A reader of the Thrift compact protocol, the encoding of Parquet's footer (FileMetaData): varints,
 * zigzag integers, field headers, and a skip for any value a caller does not read. Reference: the
 * Thrift compact protocol specification (thrift/doc/specs/thrift-compact-protocol.md).
 */

/** Compact protocol value types. */
export const CompactType = {
  Stop: 0,
  True: 1,
  False: 2,
  Byte: 3,
  I16: 4,
  I32: 5,
  I64: 6,
  Double: 7,
  Binary: 8,
  List: 9,
  Set: 10,
  Map: 11,
  Struct: 12,
} as const;
export type CompactType = number;

/** Thrown for bytes that are not a well-formed compact-protocol value. */
export class ThriftError extends Error {
  override name = 'ThriftError';
}

export class CompactReader {
  #at: number;

  constructor(
    private readonly bytes: Uint8Array,
    at = 0,
  ) {
    this.#at = at;
  }

  get position(): number {
    return this.#at;
  }

  /** An unsigned varint of up to 53 bits (larger values are not file offsets or counts). */
  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 128;
    }
    throw new ThriftError(`a varint longer than 8 bytes at byte ${this.#at}`);
  }

  /** A zigzag-encoded i16, i32 or i64 (exact to 2^53). */
  integer(): number {
    const value = this.varint();
    return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
  }

  /** A binary or string value's bytes, as a view. */
  binary(): Uint8Array {
    const length = this.varint();
    if (length > this.bytes.length - this.#at) throw new ThriftError(`a value of ${length} bytes past the end at byte ${this.#at}`);
    const view = this.bytes.subarray(this.#at, this.#at + length);
    this.#at += length;
    return view;
  }

  string(): string {
    return new TextDecoder().decode(this.binary());
  }

  /** A list's or set's element type and size. */
  listHeader(): { element: CompactType; size: number } {
    const header = this.byte();
    const short = header >> 4;
    return { element: header & 15, size: short === 15 ? this.varint() : short };
  }

  /**
   * Reads a struct: `field(id, type)` is called at each field, positioned at its value, and must read
   * or `skip` it.
   */
  struct(field: (id: number, type: CompactType) => void): void {
    let id = 0;
    for (;;) {
      const header = this.byte();
      const type = header & 15;
      if (type === CompactType.Stop) return;
      id = header >> 4 !== 0 ? id + (header >> 4) : this.integer();
      field(id, type);
    }
  }

  /** A list of `read()` values (elements of one type). */
  list<T>(read: (element: CompactType) => T): T[] {
    const { element, size } = this.listHeader();
    if (size > this.bytes.length - this.#at) throw new ThriftError(`a list of ${size} elements past the end at byte ${this.#at}`);
    const out: T[] = [];
    for (let i = 0; i < size; i++) out.push(read(element));
    return out;
  }

  /** Skips a value of `type` (a field's: a boolean field's value is its type). */
  skip(type: CompactType, depth = 0): void {
    if (depth > 32) throw new ThriftError(`values nested over 32 deep at byte ${this.#at}`);
    switch (type) {
      case CompactType.True:
      case CompactType.False:
        return;
      case CompactType.Byte:
        this.byte();
        return;
      case CompactType.I16:
      case CompactType.I32:
      case CompactType.I64:
        this.varint();
        return;
      case CompactType.Double:
        this.advance(8);
        return;
      case CompactType.Binary:
        this.binary();
        return;
      case CompactType.List:
      case CompactType.Set: {
        const { element, size } = this.listHeader();
        // a listed boolean is a byte of its own
        const each = element === CompactType.True || element === CompactType.False ? CompactType.Byte : element;
        for (let i = 0; i < size; i++) this.skip(each, depth + 1);
        return;
      }
      case CompactType.Map: {
        const size = this.varint();
        if (size === 0) return;
        const types = this.byte();
        const bool = (t: number) => (t === CompactType.True || t === CompactType.False ? CompactType.Byte : t);
        for (let i = 0; i < size; i++) {
          this.skip(bool(types >> 4), depth + 1);
          this.skip(bool(types & 15), depth + 1);
        }
        return;
      }
      case CompactType.Struct:
        this.struct((_, t) => this.skip(t, depth + 1));
        return;
      default:
        throw new ThriftError(`an unknown compact type ${type} at byte ${this.#at}`);
    }
  }

  private byte(): number {
    if (this.#at >= this.bytes.length) throw new ThriftError(`the value ends at byte ${this.#at}, past the end`);
    return this.bytes[this.#at++];
  }

  private advance(n: number): void {
    if (n > this.bytes.length - this.#at) throw new ThriftError(`a value past the end at byte ${this.#at}`);
    this.#at += n;
  }
}
