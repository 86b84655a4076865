/**
 * A Parquet file of flat nullable columns (UTF8 text or DOUBLE), written here: the statistics files'
 * format (src/sinks/statistics-files.ts). One row group; per column one v1 data page, PLAIN values
 * after RLE/bit-packed definition levels, GZIP (zlib, Node's own: the demo's 13,284 rows are 1.6 MB
 * as written, 96 KB compressed, ~15 ms more). Reference: the Apache Parquet format
 * (parquet-format: parquet.thrift, Encodings.md). DuckDB, parquet-wasm (arrow-rs) and this
 * repository's reader read these files back in test/sinks/flat-parquet-file.test.ts.
 *
 * Why not parquet-wasm's writer: a run's statistics are a few hundred to ~13,000 rows, and
 * parquet-wasm spent ~0.2-0.3 s of the demo's end on them (building Arrow vectors, the IPC stream,
 * and compiling its WebAssembly functions on their first call), ~2 % of the whole run; this writer
 * takes ~35-70 ms for the demo's rows, compression included (bench/RESULTS.md, twentieth session).
 */
import { gzipSync } from 'node:zlib';
import { CompactWriter, unsignedVarint } from './thrift-compact-writer.js';

export type FlatColumn =
  | { readonly name: string; readonly type: 'utf8'; readonly values: readonly (string | null)[] }
  | { readonly name: string; readonly type: 'double'; readonly values: readonly (number | null)[] };

// parquet.thrift's enums
const BYTE_ARRAY = 6;
const DOUBLE = 5;
const OPTIONAL = 1;
const UTF8 = 0;
const PLAIN = 0;
const RLE = 3;
const DATA_PAGE = 0;
const GZIP = 2;
const ENCODER = new TextEncoder();
const MAGIC = ENCODER.encode('PAR1');

/** The file's bytes: `rows` rows of `columns` (each holding `rows` values, null where null). */
export function flatParquetFile(columns: readonly FlatColumn[], rows: number, createdBy: string): Uint8Array {
  for (const c of columns) {
    if (c.values.length !== rows) throw new RangeError(`flatParquetFile: column ${c.name} has ${c.values.length} values for ${rows} rows`);
  }
  const parts: Uint8Array[] = [MAGIC];
  let offset = MAGIC.length;
  const chunks: { column: FlatColumn; pageOffset: number; size: number; rawSize: number }[] = [];
  if (rows > 0) {
    for (const column of columns) {
      const body = pageBody(column, rows);
      const compressed = gzipSync(body);
      const header = new CompactWriter()
        .i32(1, DATA_PAGE)
        .i32(2, body.length)
        .i32(3, compressed.length)
        .struct(5, (w) => w.i32(1, rows).i32(2, PLAIN).i32(3, RLE).i32(4, RLE))
        .end()
        .bytes();
      chunks.push({ column, pageOffset: offset, size: header.length + compressed.length, rawSize: header.length + body.length });
      parts.push(header, compressed);
      offset += header.length + compressed.length;
    }
  }
  const footer = new CompactWriter()
    .i32(1, 1)
    .structList(2, [null, ...columns], (w, c) => {
      if (c === null) w.string(4, 'schema').i32(5, columns.length);
      else if (c.type === 'utf8') w.i32(1, BYTE_ARRAY).i32(3, OPTIONAL).string(4, c.name).i32(6, UTF8).struct(10, (l) => l.struct(1, () => {}));
      else w.i32(1, DOUBLE).i32(3, OPTIONAL).string(4, c.name);
    })
    .i64(3, rows)
    .structList(4, rows > 0 ? [chunks] : [], (w, group) => {
      w.structList(1, group, (cw, { column, pageOffset, size, rawSize }) => {
        cw.i64(2, pageOffset).struct(3, (m) =>
          m
            .i32(1, column.type === 'utf8' ? BYTE_ARRAY : DOUBLE)
            .i32List(2, [PLAIN, RLE])
            .stringList(3, [column.name])
            .i32(4, GZIP)
            .i64(5, rows)
            .i64(6, rawSize)
            .i64(7, size)
            .i64(9, pageOffset),
        );
      });
      const total = group.reduce((sum, c) => sum + c.size, 0);
      const raw = group.reduce((sum, c) => sum + c.rawSize, 0);
      w.i64(2, raw).i64(3, rows).i64(5, MAGIC.length).i64(6, total);
    })
    .string(6, createdBy)
    .end()
    .bytes();
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, footer.length, true);
  parts.push(footer, length, MAGIC);
  return Buffer.concat(parts);
}

/** A data page's body: the definition levels (4-byte length, then bit-packed), then the non-null values PLAIN. */
function pageBody(column: FlatColumn, rows: number): Uint8Array {
  // bit-packed groups of eight 1-bit levels: header (groups << 1) | 1, then one byte per group
  const header = unsignedVarint(Math.ceil(rows / 8) * 2 + 1);
  const levelBytes = header.length + Math.ceil(rows / 8);
  // text is encoded first, to size the page (one buffer for the page, not one per value), each
  // distinct string once: statistics columns repeat a few names (13,284 demo rows: 160k values)
  const texts = column.type === 'utf8' ? encodedTexts(column.values) : null;
  let valueBytes = 0;
  column.values.forEach((v, i) => {
    if (v !== null) valueBytes += texts === null ? 8 : 4 + texts[i]!.length;
  });
  const body = new Uint8Array(4 + levelBytes + valueBytes);
  const view = new DataView(body.buffer);
  view.setUint32(0, levelBytes, true);
  body.set(header, 4);
  const levels = 4 + header.length;
  let at = 4 + levelBytes;
  column.values.forEach((v, i) => {
    if (v === null) return;
    body[levels + (i >> 3)] |= 1 << (i & 7);
    if (texts === null) {
      view.setFloat64(at, v as number, true);
      at += 8;
    } else {
      const text = texts[i]!;
      view.setUint32(at, text.length, true);
      body.set(text, at + 4);
      at += 4 + text.length;
    }
  });
  return body;
}

/** Each value's UTF-8 bytes (null where null), shared between equal strings. */
function encodedTexts(values: readonly (string | null)[]): (Uint8Array | null)[] {
  const seen = new Map<string, Uint8Array>();
  return values.map((v) => {
    if (v === null) return null;
    let bytes = seen.get(v);
    if (bytes === undefined) {
      bytes = ENCODER.encode(v);
      seen.set(v, bytes);
    }
    return bytes;
  });
}
