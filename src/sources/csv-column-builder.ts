/**
 * Builds one Arrow column of a CSV batch from field text, straight into typed arrays (values plus a
 * validity bitmap), then hands it over as Arrow `Data` without copying.
 */
import { Bool, DateDay, Float64, Int32, Utf8, makeData } from 'apache-arrow';
import type { Data, DataType } from 'apache-arrow';
import { parseCsvBool, parseCsvNumber, parseDate } from './csv-column-type.js';
import type { CsvColumnType } from './csv-column-type.js';

/** The Arrow type of a CSV column type. */
export function arrowTypeOf(type: CsvColumnType): DataType {
  switch (type) {
    case 'bool':
      return new Bool();
    case 'int32':
      return new Int32();
    case 'float64':
      return new Float64();
    case 'date':
      return new DateDay();
    case 'utf8':
      return new Utf8();
  }
}

/** Fills one column of up to `capacity` rows; `set` may be called once per row, in any order. */
export class CsvColumnBuilder {
  private readonly type: CsvColumnType;
  private readonly capacity: number;
  private validity: Uint8Array;
  private nullCount = 0;
  private numbers: Int32Array | Float64Array | Uint8Array;
  // Utf8 columns: rows arrive in order, so offsets and bytes grow as an append-only buffer.
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private byteLength = 0;
  private readonly encoder = new TextEncoder();

  constructor(type: CsvColumnType, capacity: number) {
    this.type = type;
    this.capacity = capacity;
    this.validity = new Uint8Array(0);
    this.numbers = new Uint8Array(0);
    this.offsets = new Int32Array(0);
    this.bytes = new Uint8Array(0);
    this.reset();
  }

  /** Row `row` holds `value` (empty text is null). Rows of a Utf8 column must come in order. */
  set(row: number, value: string): void {
    if (value === '') {
      this.nullCount++;
      if (this.type === 'utf8') this.offsets[row + 1] = this.byteLength;
      return;
    }
    this.validity[row >> 3] |= 1 << (row & 7);
    switch (this.type) {
      case 'bool':
        if (parseCsvBool(value)) this.numbers[row >> 3] |= 1 << (row & 7);
        return;
      case 'int32':
      case 'float64':
        this.numbers[row] = parseCsvNumber(value);
        return;
      case 'date':
        this.numbers[row] = parseDate(value) ?? 0;
        return;
      case 'utf8':
        this.appendText(row, value);
        return;
    }
  }

  /** The first `length` rows as Arrow data; the builder starts over with fresh buffers. */
  finish(length: number): Data {
    const type = arrowTypeOf(this.type);
    const nullBitmap = this.nullCount > 0 ? this.validity.subarray(0, (length + 7) >> 3) : undefined;
    const nullCount = this.nullCount;
    let data: Data;
    if (this.type === 'utf8') {
      data = makeData({
        type: type as Utf8,
        length,
        nullCount,
        nullBitmap,
        valueOffsets: this.offsets.subarray(0, length + 1),
        data: this.bytes.subarray(0, this.byteLength),
      });
    } else if (this.type === 'bool') {
      const values = this.numbers.subarray(0, (length + 7) >> 3) as Uint8Array;
      data = makeData({ type: type as Bool, length, nullCount, nullBitmap, data: values });
    } else if (this.type === 'float64') {
      const values = this.numbers.subarray(0, length) as Float64Array;
      data = makeData({ type: type as Float64, length, nullCount, nullBitmap, data: values });
    } else if (this.type === 'date') {
      const values = this.numbers.subarray(0, length) as Int32Array;
      data = makeData({ type: type as DateDay, length, nullCount, nullBitmap, data: values });
    } else {
      const values = this.numbers.subarray(0, length) as Int32Array;
      data = makeData({ type: type as Int32, length, nullCount, nullBitmap, data: values });
    }
    this.reset();
    return data;
  }

  private reset(): void {
    const n = this.capacity;
    this.validity = new Uint8Array((n + 7) >> 3);
    this.nullCount = 0;
    if (this.type === 'bool') this.numbers = new Uint8Array((n + 7) >> 3);
    else if (this.type === 'float64') this.numbers = new Float64Array(n);
    else if (this.type === 'utf8') this.numbers = new Uint8Array(0);
    else this.numbers = new Int32Array(n);
    if (this.type === 'utf8') {
      this.offsets = new Int32Array(n + 1);
      this.bytes = new Uint8Array(Math.max(64, n * 8));
      this.byteLength = 0;
    }
  }

  private appendText(row: number, value: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const need = this.byteLength + value.length * 3;
    if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.bytes.length * 2));
      grown.set(this.bytes.subarray(0, this.byteLength));
      this.bytes = grown;
    }
    const { written } = this.encoder.encodeInto(value, this.bytes.subarray(this.byteLength));
    this.byteLength += written;
    this.offsets[row + 1] = this.byteLength;
  }
}
