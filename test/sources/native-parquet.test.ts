/**
 * The native Parquet page decoder against parquet-wasm (the reader it stands in for) and DuckDB (an
 * independent reader), on files that two independent writers made: DuckDB and parquet-wasm
 * (arrow-rs). Each file's values must come out identical, nulls included, for every type the decoder
 * reads; files or pages beyond it must be read by parquet-wasm with the same values; corrupt pages
 * must fail with an error that names the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import {
  Bool, Field, Float64, Int32, RecordBatch, Schema, Table, Utf8, tableToIPC, vectorFromArray, type Vector,
} from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileRanges } from '../../src/sources/file-ranges.js';
import { readFooter } from '../../src/sources/parquet-footer.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { parquetWasm } from '../../src/sources/parquet-wasm.js';
import type { WriterPropertiesBuilder } from 'parquet-wasm';
import { nativeParquet, nativeParquetProblem, nativePlan } from '../../src/sources/native-parquet.js';
import { InputError } from '../../src/sources/table-reader.js';
import { tempDir } from '../support/temp-dir.js';

const pw = parquetWasm();

const dir = tempDir('native-parquet');
let duck: DuckDBConnection;

beforeAll(async () => {
  duck = await (await DuckDBInstance.create(':memory:')).connect();
});
afterAll(() => {
  delete process.env.CONTRAIL_NATIVE_PARQUET;
});

/** Every column of every batch as plain JavaScript values (null where null; bigint as number). */
function rowsOf(batches: RecordBatch[], columns: readonly string[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c, []]));
  for (const batch of batches) {
    for (const column of columns) {
      const vector = batch.getChild(column) as Vector;
      for (let i = 0; i < vector.length; i++) {
        const value: unknown = vector.get(i);
        out[column].push(typeof value === 'bigint' ? Number(value) : value instanceof Uint8Array ? [...value] : value);
      }
    }
  }
  return out;
}

async function read(path: string, columns: string[], native: boolean, batchSize?: number, dictionaries = false): Promise<RecordBatch[]> {
  if (native) delete process.env.CONTRAIL_NATIVE_PARQUET;
  else process.env.CONTRAIL_NATIVE_PARQUET = '0';
  try {
    const out: RecordBatch[] = [];
    for await (const batch of new ParquetReader(path).batches({ columns, dictionaries, ...(batchSize === undefined ? {} : { batchSize }) })) out.push(batch);
    return out;
  } finally {
    delete process.env.CONTRAIL_NATIVE_PARQUET;
  }
}

/** Whether the decoder reads every row group of `columns` of the file (its plan has no reason). */
async function planOf(path: string, columns: string[]): Promise<string> {
  const { ranges, close } = await openFileRanges(path);
  try {
    const plan = nativePlan(await readFooter(ranges), await new ParquetReader(path).schema(), columns);
    return 'reason' in plan ? plan.reason : 'native';
  } finally {
    await close();
  }
}

/** A DuckDB-written file of `rows` rows: every type the decoder reads, nulls in each. */
async function duckFile(name: string, options: string, rows = 5000): Promise<string> {
  const path = join(dir, name);
  await duck.run(`COPY (
    SELECT
      'c' || lpad(i::VARCHAR, 6, '0') AS analysis_id,
      CASE i % 3 WHEN 0 THEN 'control' WHEN 1 THEN 'treatment-a' ELSE 'treatment-b' END AS branch,
      CASE WHEN i % 7 = 0 THEN NULL ELSE i * 0.25 - 17 END::DOUBLE AS x,
      CASE WHEN i % 11 = 0 THEN NULL ELSE i * 3 - 100 END::INTEGER AS k,
      CASE WHEN i % 13 = 0 THEN NULL ELSE i * 4294967296 + i END::BIGINT AS big,
      (i % 97 * 0.5)::FLOAT AS f,
      CASE WHEN i % 5 = 0 THEN NULL ELSE i % 2 = 0 END AS flag,
      DATE '2026-10-01' + (i % 40)::INTEGER AS enrollment_date,
      repeat('ab', i % 50) AS pattern,
      (i % 4)::DOUBLE AS small,
      -- runs of 10 of 500 values: dictionary indices in RLE runs of two-byte values
      (i // 10)::INTEGER AS run
    FROM range(${rows}) t(i)
  ) TO '${path}' (FORMAT parquet, ${options})`);
  return path;
}

const DUCK_COLUMNS = ['analysis_id', 'branch', 'x', 'k', 'big', 'f', 'flag', 'enrollment_date', 'pattern', 'small', 'run'];

/** DuckDB's own reading of the file's columns, in the same plain values. */
async function duckRows(path: string, columns: readonly string[]): Promise<Record<string, unknown[]>> {
  const result = await duck.runAndReadAll(`SELECT ${columns.map((c) => `"${c}"`).join(', ')} FROM '${path}'`);
  const out: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c, []]));
  for (const row of result.getRowsJS()) {
    columns.forEach((c, j) => {
      const value = row[j];
      out[c].push(typeof value === 'bigint' ? Number(value) : value instanceof Date ? Math.round(value.getTime()) : value);
    });
  }
  return out;
}

describe('the native Parquet decoder', () => {
  it('is built on this machine', () => {
    // npm ci builds it with node-gyp; a failed build would silently leave every read to parquet-wasm
    expect(nativeParquetProblem()).toBe('');
    expect(nativeParquet()).not.toBeNull();
  });

  describe.each([
    ['snappy, row groups of 1,000', "COMPRESSION 'snappy', ROW_GROUP_SIZE 1000"],
    ['uncompressed, one row group', "COMPRESSION 'uncompressed'"],
  ])('a DuckDB file, %s', (label, options) => {
    let path: string;
    beforeAll(async () => {
      path = await duckFile(`duck-${label.replace(/\W+/g, '-')}.parquet`, options);
    });

    it('is read natively, every column', async () => {
      expect(await planOf(path, DUCK_COLUMNS)).toBe('native');
    });

    it('gives parquet-wasm\'s values, nulls included', async () => {
      const native = await read(path, DUCK_COLUMNS, true);
      const wasm = await read(path, DUCK_COLUMNS, false);
      expect(native.map((b) => b.schema.fields.map(String))[0]).toEqual(wasm[0].schema.fields.map(String));
      expect(rowsOf(native, DUCK_COLUMNS)).toEqual(rowsOf(wasm, DUCK_COLUMNS));
    });

    it('gives DuckDB\'s values (its own reader)', async () => {
      const columns = ['analysis_id', 'branch', 'x', 'k', 'big', 'flag', 'pattern', 'run'];
      const native = rowsOf(await read(path, columns, true), columns);
      const duckdb = await duckRows(path, columns);
      expect(native).toEqual(duckdb);
      // known values: row 7 has a null x, row 8 has x = 8 * 0.25 - 17 and k = 8 * 3 - 100
      expect(native.x[7]).toBeNull();
      expect(native.x[8]).toBe(-15);
      expect(native.k[8]).toBe(-76);
      expect(native.big[1]).toBe(4294967297);
      expect(native.pattern[3]).toBe('ababab');
      expect(native.run[4321]).toBe(432);
    });

    it('lends text with a small dictionary as Dictionary vectors when asked, with the same values', async () => {
      const native = await read(path, DUCK_COLUMNS, true, undefined, true);
      // three branch names: a dictionary of three entries in every row group
      expect(native.every((b) => String(b.getChild('branch')!.type) === 'Dictionary<Int32, Utf8>')).toBe(true);
      expect(native[0].getChild('branch')!.data[0].dictionary!.length).toBe(3);
      expect(String(native[0].getChild('x')!.type)).toBe('Float64');
      expect(rowsOf(native, DUCK_COLUMNS)).toEqual(rowsOf(await read(path, DUCK_COLUMNS, false), DUCK_COLUMNS));
      // and in slices of a batch size
      expect(rowsOf(await read(path, ['branch'], true, 333, true), ['branch'])).toEqual(rowsOf(await read(path, ['branch'], false), ['branch']));
    });

    it('keeps a batch size asked for', async () => {
      const batches = await read(path, ['x', 'analysis_id'], true, 300);
      expect(batches.every((b) => b.numRows <= 300)).toBe(true);
      expect(rowsOf(batches, ['x', 'analysis_id'])).toEqual(rowsOf(await read(path, ['x', 'analysis_id'], false), ['x', 'analysis_id']));
    });
  });

  it('reads DuckDB\'s v2 data pages natively where their encodings allow, and the rest through parquet-wasm', async () => {
    const path = await duckFile('duck-v2.parquet', "COMPRESSION 'snappy', ROW_GROUP_SIZE 1000, PARQUET_VERSION V2");
    const native = await read(path, DUCK_COLUMNS, true);
    expect(rowsOf(native, DUCK_COLUMNS)).toEqual(rowsOf(await read(path, DUCK_COLUMNS, false), DUCK_COLUMNS));
    // DuckDB's V2 writes integers as DELTA_BINARY_PACKED (encoding 5): beyond the decoder
    expect(await planOf(path, ['k'])).toMatch(/encoding 5/);
  });

  describe('a parquet-wasm (arrow-rs) file', () => {
    const N = 20_000;
    // required (non-nullable) columns and a nullable one, written by arrow-rs
    function arrowRsFile(name: string, configure: (b: WriterPropertiesBuilder) => WriterPropertiesBuilder): string {
      const schema = new Schema([
        new Field('id', new Utf8(), false),
        new Field('value', new Float64(), false),
        new Field('count', new Int32(), true),
        new Field('on', new Bool(), false),
        new Field('label', new Utf8(), true),
      ]);
      const id = vectorFromArray(Array.from({ length: N }, (_, i) => `client-${(i * 7919) % N}`), new Utf8());
      const value = Float64Array.from({ length: N }, (_, i) => (i % 1000 === 0 ? -0 : Math.sin(i) * 1e6));
      const count = vectorFromArray(Array.from({ length: N }, (_, i) => (i % 9 === 4 ? null : i % 300)), new Int32());
      const on = vectorFromArray(Array.from({ length: N }, (_, i) => i % 3 === 0), new Bool());
      // 200 texts of ~100 bytes: a 20 KB dictionary, or PLAIN pages after one of 4 KiB
      const label = vectorFromArray(Array.from({ length: N }, (_, i) => (i % 17 === 0 ? null : `label-${i % 200}-${'x'.repeat(90)}`)), new Utf8());
      const batchTable = new Table({ id, value: vectorFromArray(value), count, on, label });
      const typed = new Table(schema, batchTable.batches.map((b) => new RecordBatch(schema, b.data)));
      const props = configure(new pw.WriterPropertiesBuilder().setMaxRowGroupSize(7_000)).build();
      const path = join(dir, name);
      writeFileSync(path, pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(typed, 'stream')), props));
      return path;
    }
    const columns = ['id', 'value', 'count', 'on', 'label'];

    it.each([
      ['snappy with dictionaries', (b: WriterPropertiesBuilder) => b.setCompression(pw.Compression.SNAPPY)],
      // a dictionary page limit of 4 KiB: each chunk falls back from dictionary to PLAIN pages part-way
      ['snappy, dictionaries falling back to PLAIN pages', (b: WriterPropertiesBuilder) =>
        b.setCompression(pw.Compression.SNAPPY).setDictionaryPageSizeLimit(4096).setDataPageSizeLimit(8192)],
      ['snappy, v2 data pages', (b: WriterPropertiesBuilder) =>
        b.setCompression(pw.Compression.SNAPPY).setWriterVersion(pw.WriterVersion.V2).setDataPageSizeLimit(8192)],
      ['uncompressed, no dictionaries', (b: WriterPropertiesBuilder) =>
        b.setCompression(pw.Compression.UNCOMPRESSED).setDictionaryEnabled(false)],
    ])('%s: read natively, with parquet-wasm\'s values', async (label, configure) => {
      const path = arrowRsFile(`arrow-rs-${label.replace(/\W+/g, '-')}.parquet`, configure);
      expect(await planOf(path, columns)).toBe('native');
      const native = await read(path, columns, true);
      const expected = rowsOf(await read(path, columns, false), columns);
      expect(native.map((b) => b.numRows)).toEqual([7000, 7000, 6000]);
      const got = rowsOf(native, columns);
      expect(got).toEqual(expected);
      // asked for dictionaries: the same values (the ids' dictionaries are too long to lend)
      const lent = await read(path, columns, true, undefined, true);
      expect(rowsOf(lent, columns)).toEqual(expected);
      expect(lent.every((b) => String(b.getChild('id')!.type) === 'Utf8')).toBe(true);
      // the labels: a dictionary where every page uses it; text where PLAIN pages follow it
      const labels = new Set(lent.map((b) => String(b.getChild('label')!.type)));
      expect(labels).toEqual(new Set([label.includes('PLAIN') || label.includes('no dictionaries') ? 'Utf8' : 'Dictionary<Int32, Utf8>']));
      expect(got.label[17]).toBeNull();
      expect(Object.is(got.value[0], -0)).toBe(true);
      expect(got.count[4]).toBeNull();
      expect(got.id[1]).toBe('client-7919');
    });

    // parquet-wasm rejects both files too, by a WebAssembly trap that the CLI reports (main.test.ts)
    it('rejects text that is not UTF-8, also where two values would join into a character', async () => {
      const path = arrowRsFile('arrow-rs-utf8.parquet', (b) => b.setCompression(pw.Compression.UNCOMPRESSED).setDictionaryEnabled(false));
      const bytes = readFileSync(path);
      // rows 1 and 2, PLAIN: length-prefixed "client-7919", "client-15838"
      const at = bytes.indexOf(Buffer.from('\x0b\x00\x00\x00client-7919\x0c\x00\x00\x00client-15838', 'latin1'));
      expect(at).toBeGreaterThan(0);
      const broken = Buffer.from(bytes);
      broken[at + 4] = 0xc3; // "\xc3lient-7919": a lead byte without its continuation
      writeFileSync(join(dir, 'not-utf8.parquet'), broken);
      const joined = Buffer.from(bytes);
      joined[at + 14] = 0xc3; // "client-791\xc3" then "\xa9lient-15838": together the bytes of "é"
      joined[at + 19] = 0xa9;
      writeFileSync(join(dir, 'joined-utf8.parquet'), joined);
      for (const name of ['not-utf8.parquet', 'joined-utf8.parquet']) {
        await expect(read(join(dir, name), ['id'], true)).rejects.toThrow(InputError);
        await expect(read(join(dir, name), ['id'], true)).rejects.toThrow(/is not a readable Parquet file \(truncated or corrupt: column id, row group 0: a text value that is not valid UTF-8\)/);
      }
      // the other columns of the file are still read
      expect((await read(join(dir, 'joined-utf8.parquet'), ['value'], true)).length).toBe(3);
    });

    it('leaves a zstd file to parquet-wasm, with the same values', async () => {
      const path = arrowRsFile('arrow-rs-zstd.parquet', (b) => b.setCompression(pw.Compression.ZSTD));
      expect(await planOf(path, columns)).toMatch(/codec 6/);
      expect(rowsOf(await read(path, columns, true), columns)).toEqual(rowsOf(await read(path, columns, false), columns));
    });
  });

  it('lends reused buffers when borrowing, each batch right while it is the current one', async () => {
    const path = await duckFile('duck-borrow.parquet', "COMPRESSION 'snappy', ROW_GROUP_SIZE 1000");
    const seen: unknown[] = [];
    for await (const batch of new ParquetReader(path).batches({ columns: ['analysis_id', 'x'], borrow: true })) {
      seen.push(...rowsOf([batch], ['analysis_id', 'x']).analysis_id);
    }
    expect(seen).toEqual((await duckRows(path, ['analysis_id'])).analysis_id);
  });

  // Pages written here byte by byte (parquet-format's parquet.thrift in the Thrift compact protocol,
  // Encodings.md's RLE/bit-packed hybrid), UNCOMPRESSED, decoded by the addon's decodeChunk directly
  describe('pages written by hand', () => {
    const varint = (n: number): number[] => {
      const out: number[] = [];
      for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n & 0x7f) | 0x80);
      return [...out, n];
    };
    // an i32 field (type 5) `delta` ids after the last, zigzag-encoded
    const i32 = (delta: number, n: number): number[] => [(delta << 4) | 5, ...varint(n >= 0 ? 2 * n : -2 * n - 1)];
    const page = (type: number, body: number[], part: number, fields: number[]): number[] => [
      ...i32(1, type), ...i32(1, body.length), ...i32(1, body.length), ((part - 3) << 4) | 12, ...fields, 0, 0, ...body,
    ];
    /** A v1 data page of `count` values (encoding 0 PLAIN, 8 RLE_DICTIONARY), its levels' hybrid bytes, then its values' bytes. */
    const dataPage = (count: number, encoding: number, levels: number[], values: number[]): number[] =>
      page(0, [...new Uint8Array(Uint32Array.of(levels.length).buffer), ...levels, ...values], 5, [...i32(1, count), ...i32(1, encoding), ...i32(1, 3), ...i32(1, 3)]);
    const dictionaryPage = (count: number, values: number[]): number[] => page(2, values, 7, [...i32(1, count), ...i32(1, 0)]);
    const int32s = (...values: number[]): number[] => [...new Uint8Array(Int32Array.from(values).buffer)];
    const INT32 = 1;

    function decode(chunk: number[], rows: number) {
      const values = new Uint8Array(4 * rows);
      const validity = new Uint8Array((rows + 7) >> 3).fill(0xaa);
      const [nulls] = nativeParquet()!.decodeChunk(Uint8Array.from(chunk), INT32, 0, 1, rows, values, validity, null, null, 0, 0);
      const valid = Array.from({ length: rows }, (_, i) => (validity[i >> 3] >> (i & 7)) & 1);
      return { nulls, values: [...new Int32Array(values.buffer)], valid };
    }

    it('sets validity bits from definition levels in pages that start inside a byte', () => {
      // 5 values (levels 1 0 1 1 0: one bit-packed group), then 13 from row 5 (1 1 0 1 1 1 1 1, 0 1 1 1 1:
      // two groups), then 20 from row 18 (an RLE run of 20 ones): validity starts at bits 5 and 18
      const first = dataPage(5, 0, [0x03, 0b01101], int32s(10, 30, 40));
      const second = dataPage(13, 0, [0x05, 0b11111011, 0b11110], int32s(1, 2, 4, 5, 6, 7, 8, 10, 11, 12, 13));
      const third = dataPage(20, 0, [...varint(20 << 1), 1], int32s(...Array.from({ length: 20 }, (_, i) => 100 + i)));
      const { nulls, values, valid } = decode([...first, ...second, ...third], 38);
      expect(nulls).toBe(4);
      expect(valid).toEqual([1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, ...Array<number>(20).fill(1)]);
      expect(values).toEqual([10, 0, 30, 40, 0, 1, 2, 0, 4, 5, 6, 7, 8, 0, 10, 11, 12, 13, ...Array.from({ length: 20 }, (_, i) => 100 + i)]);
    });

    it('rejects a definition level above 1, naming it', () => {
      // levels are one bit wide; an RLE run's value byte of 2 is a level no one-bit level can be
      const twos = dataPage(9, 0, [...varint(9 << 1), 2], int32s(...Array<number>(9).fill(1)));
      expect(() => decode(twos, 9)).toThrow('a definition level 2 in a column whose maximum is 1');
    });

    it('reads dictionary indices, and rejects one past the dictionary, naming it', () => {
      const dictionary = dictionaryPage(3, int32s(-7, 8, 9));
      const allPresent = [...varint(8 << 1), 1];
      // bit width 2, one bit-packed group of 8 indices, LSB first: 0x06 = 2 1 0 0, 0x68 = 0 2 2 1
      const good = dataPage(8, 8, allPresent, [2, 0x03, 0x06, 0x68]);
      expect(decode([...dictionary, ...good], 8)).toEqual({ nulls: 0, values: [9, 8, -7, -7, -7, 9, 9, 8], valid: Array<number>(8).fill(1) });
      // an RLE run of eight 3s
      const bad = dataPage(8, 8, allPresent, [2, ...varint(8 << 1), 3]);
      expect(() => decode([...dictionary, ...bad], 8)).toThrow("a dictionary index 3 past the dictionary's 3 entries");
    });
  });

  it('fails a corrupt data page with an error that names the file, and no crash', async () => {
    const path = await duckFile('duck-corrupt.parquet', "COMPRESSION 'snappy', ROW_GROUP_SIZE 1000");
    const bytes = readFileSync(path);
    // overwrite 64 bytes in the middle of the first row group's x chunk
    const { ranges, close } = await openFileRanges(path);
    const footer = await readFooter(ranges);
    await close();
    const chunk = footer.rowGroups[0].chunks[2];
    bytes.fill(0xff, chunk.start + 40, chunk.start + 104);
    const broken = join(dir, 'broken.parquet');
    writeFileSync(broken, bytes);
    await expect(read(broken, ['x'], true)).rejects.toThrow(InputError);
    await expect(read(broken, ['x'], true)).rejects.toThrow(/broken\.parquet is not a readable Parquet file/);
  });
});
