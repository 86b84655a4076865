/**
 * The Arrow schema read from a Parquet footer's ARROW:schema against parquet-wasm's reading of the
 * same file (the reader whose schema it stands in for): the same fields, types, nullability and
 * metadata for every type it takes, and no schema (parquet-wasm asked instead) for the files it
 * leaves alone: no stored schema (DuckDB), types not stored as they are, nested columns,
 * dictionaries, a corrupt hint.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  Binary, Bool, DateDay, Dictionary, Field, Float32, Float64, Int16, Int32, Int64, Int8, LargeUtf8, List, RecordBatch, Schema,
  Table, TimestampMillisecond, Uint16, Uint32, Uint64, Uint8, Utf8, tableFromIPC, tableToIPC, vectorFromArray,
} from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { openFileRanges } from '../../src/sources/file-ranges.js';
import { footerSchema } from '../../src/sources/footer-schema.js';
import { readFooter, type ParquetFooter } from '../../src/sources/parquet-footer.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { parquetWasm, parquetWasmLoaded } from '../../src/sources/parquet-wasm.js';
import { tempDir } from '../support/temp-dir.js';

const FIXTURE = join(import.meta.dirname, '../../fixtures/contrail-demo/contrail_demo_enrollments_week_1.parquet');
const dir = tempDir('footer-schema');

async function footerOf(path: string): Promise<ParquetFooter> {
  const { ranges, close } = await openFileRanges(path);
  try {
    return await readFooter(ranges);
  } finally {
    await close();
  }
}

/** parquet-wasm's schema of the file. */
async function wasmSchema(path: string): Promise<Schema> {
  const { ranges, close } = await openFileRanges(path);
  try {
    const file = await parquetWasm().ParquetFile.fromFile(ranges as unknown as Blob);
    try {
      return tableFromIPC(file.schema().intoIPCStream()).schema;
    } finally {
      file.free();
    }
  } finally {
    await close();
  }
}

/** A schema as comparable values: each field's name, type, nullability and metadata, and the schema's metadata. */
function described(schema: Schema) {
  return {
    fields: schema.fields.map((f) => ({ name: f.name, type: String(f.type), typeId: f.type.typeId, nullable: f.nullable, metadata: [...f.metadata] })),
    metadata: [...schema.metadata].sort(),
  };
}

/** A table of `columns` (fields and values) with the schema's metadata. */
function typedTable(columns: readonly [Field, unknown[]][], metadata: Map<string, string>): Table {
  const schema = new Schema(columns.map(([f]) => f), metadata);
  const untyped = new Table(Object.fromEntries(columns.map(([f, values]) => [f.name, vectorFromArray(values, f.type)])));
  return new Table(schema, untyped.batches.map((b) => new RecordBatch(schema, b.data)));
}

/** An arrow-rs (parquet-wasm) file of `table`, with the Arrow schema stored in its footer (its default). */
function arrowRsFile(name: string, table: Table): string {
  const path = join(dir, name);
  writeFileSync(path, parquetWasm().writeParquet(parquetWasm().Table.fromIPCStream(tableToIPC(table, 'stream'))));
  return path;
}

describe('footerSchema', () => {
  // first, before this file loads parquet-wasm for its comparisons
  it('gives ParquetReader the demo fixture\'s schema without loading parquet-wasm', async () => {
    const schema = await new ParquetReader(FIXTURE).schema();
    expect(parquetWasmLoaded()).toBe(false);
    expect(await new ParquetReader(FIXTURE).rowCount()).toBe((await footerOf(FIXTURE)).rowCount);
    expect(described(schema)).toEqual(described(await wasmSchema(FIXTURE)));
    expect(schema.fields.map((f) => `${f.name}: ${String(f.type)}`).slice(0, 4)).toEqual(['analysis_id: Utf8', 'branch: Utf8', 'enrollment_date: Date32<DAY>', 'num_enrollment_events: Int64']);
  });

  it('reads every type it takes as parquet-wasm does: nullability, field and schema metadata', async () => {
    const n = 50;
    const columns: [Field, unknown[]][] = [
      [new Field('flag', new Bool(), true), Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i % 2 === 0))],
      [new Field('i32', new Int32(), true, new Map([['unit', 'hours']])), Array.from({ length: n }, (_, i) => i * 70_000)],
      [new Field('i64', new Int64(), true), Array.from({ length: n }, (_, i) => BigInt(i) * 2n ** 40n)],
      [new Field('f32', new Float32(), true), Array.from({ length: n }, (_, i) => i / 4)],
      [new Field('f64', new Float64(), false), Array.from({ length: n }, (_, i) => Math.sin(i))],
      [new Field('day', new DateDay(), true), Array.from({ length: n }, (_, i) => new Date(Date.UTC(2026, 9, 1 + i)))],
      [new Field('text', new Utf8(), true), Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : `t${i}`))],
      [new Field('bytes', new Binary(), false), Array.from({ length: n }, (_, i) => Uint8Array.of(i, i + 1))],
    ];
    const path = arrowRsFile('every-type.parquet', typedTable(columns, new Map([['written-by', 'footer-schema.test']])));

    const ours = footerSchema(await footerOf(path));
    expect(ours).not.toBeNull();
    expect(described(ours!)).toEqual(described(await wasmSchema(path)));
    // the field's metadata and the schema's, as written
    expect(ours!.fields[1].metadata.get('unit')).toBe('hours');
    expect(ours!.metadata.get('written-by')).toBe('footer-schema.test');
    expect(ours!.fields.map((f) => f.nullable)).toEqual(columns.map(([f]) => f.nullable));
  });

  it('leaves to parquet-wasm a column of a type the native decoder does not read as it is', async () => {
    const n = 20;
    const others: [Field, unknown[]][] = [
      [new Field('i8', new Int8(), true), Array.from({ length: n }, (_, i) => i - 10)],
      [new Field('i16', new Int16(), true), Array.from({ length: n }, (_, i) => i * 300)],
      [new Field('u8', new Uint8(), true), Array.from({ length: n }, (_, i) => i)],
      [new Field('u16', new Uint16(), true), Array.from({ length: n }, (_, i) => i * 1000)],
      [new Field('u32', new Uint32(), true), Array.from({ length: n }, (_, i) => i * 80_000_000)],
      [new Field('u64', new Uint64(), true), Array.from({ length: n }, (_, i) => BigInt(i) * 2n ** 60n)],
      [new Field('at', new TimestampMillisecond('UTC'), true), Array.from({ length: n }, (_, i) => Date.UTC(2026, 9, 1, i))],
      [new Field('large', new LargeUtf8(), true), Array.from({ length: n }, (_, i) => `l${i}`)],
    ];
    const plain: [Field, unknown[]] = [new Field('x', new Int32(), true), Array.from({ length: n }, (_, i) => i)];
    for (const other of others) {
      const path = arrowRsFile(`other-${other[0].name}.parquet`, typedTable([plain, other], new Map()));
      expect(footerSchema(await footerOf(path)), other[0].name).toBeNull();
      // and ParquetReader gives parquet-wasm's schema of it
      expect(described(await new ParquetReader(path).schema())).toEqual(described(await wasmSchema(path)));
    }
  });

  it('leaves to parquet-wasm a file with dictionaries or nested columns', async () => {
    const n = 20;
    const dictionary = new Table({ d: vectorFromArray(Array.from({ length: n }, (_, i) => ['a', 'b'][i % 2]), new Dictionary(new Utf8(), new Int32())) });
    expect(footerSchema(await footerOf(arrowRsFile('dictionary.parquet', dictionary)))).toBeNull();
    const nested = new Table({
      x: vectorFromArray(Array.from({ length: n }, (_, i) => i), new Int32()),
      xs: vectorFromArray(Array.from({ length: n }, (_, i) => [i, i + 1]), new List(new Field('item', new Int32(), true))),
    });
    expect(footerSchema(await footerOf(arrowRsFile('nested.parquet', nested)))).toBeNull();
  });

  it('leaves to parquet-wasm a file without a stored schema (DuckDB) and a corrupt or mismatched hint', async () => {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    const path = join(dir, 'duck.parquet');
    await duck.run(`COPY (SELECT i::INTEGER AS id, 'x' || i AS name FROM range(100) t(i)) TO '${path}' (FORMAT parquet)`);
    const duckFooter = await footerOf(path);
    expect(duckFooter.keyValues.has('ARROW:schema')).toBe(false);
    expect(footerSchema(duckFooter)).toBeNull();
    // and ParquetReader still gives parquet-wasm's schema of it
    expect(described(await new ParquetReader(path).schema())).toEqual(described(await wasmSchema(path)));

    const fixture = await footerOf(FIXTURE);
    const withHint = (hint: string): ParquetFooter => ({ ...fixture, keyValues: new Map([...fixture.keyValues, ['ARROW:schema', hint]]) });
    expect(footerSchema(withHint('not base64 of a schema'))).toBeNull();
    expect(footerSchema(withHint(''))).toBeNull();
    // a hint whose fields are not the file's columns
    const other = Buffer.from(tableToIPC(new Table(new Schema([new Field('other', new Int32(), true)])), 'stream')).toString('base64');
    expect(footerSchema(withHint(other))).toBeNull();
  });
});
