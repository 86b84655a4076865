import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';
import { parquetWasm } from '../../src/sources/parquet-wasm.js';
import { afterAll, describe, expect, it } from 'vitest';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { InputError } from '../../src/sources/table-reader.js';

const pw = parquetWasm();

const dir = mkdtempSync(join(tmpdir(), 'contrail-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const N = 1000;
const ids = Array.from({ length: N }, (_, i) => `c${String(i).padStart(4, '0')}`);
const branch = Array.from({ length: N }, (_, i) => ['control', 'treatment'][i % 2]);
const x = Float64Array.from({ length: N }, (_, i) => (i % 7 === 0 ? Number.POSITIVE_INFINITY : i * 0.5));
const k = Int32Array.from({ length: N }, (_, i) => i * 3 - 100);

function writeFixture(name: string, rowGroup = 128): string {
  const table = tableFromArrays({ analysis_id: ids, branch, x, k });
  const props = new pw.WriterPropertiesBuilder()
    .setCompression(pw.Compression.ZSTD)
    .setMaxRowGroupSize(rowGroup)
    .build();
  const bytes = pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, 'stream')), props);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}

describe('ParquetReader', () => {
  it('reads the schema from the footer', async () => {
    const schema = await new ParquetReader(writeFixture('schema.parquet')).schema();
    expect(schema.fields.map(f => f.name)).toEqual(['analysis_id', 'branch', 'x', 'k']);
    expect(String(schema.fields[2].type)).toBe('Float64');
    expect(String(schema.fields[3].type)).toBe('Int32');
  });

  it('reads the row count from the footer (1,000 rows written in row groups of 128)', async () => {
    expect(await new ParquetReader(writeFixture('count.parquet')).rowCount()).toBe(N);
  });

  it('projects columns in the requested order, with small batches, values exact', async () => {
    const reader = new ParquetReader(writeFixture('project.parquet'));
    const batches = await collect(reader.batches({ columns: ['k', 'x'], batchSize: 100 }));
    // 1000 rows in row groups of 128 read 100 at a time: no batch exceeds 100 rows
    expect(batches.every(b => b.numRows <= 100)).toBe(true);
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(N);
    expect(batches[0].schema.fields.map(f => f.name)).toEqual(['k', 'x']);
    const gotK: number[] = [];
    const gotX: number[] = [];
    for (const b of batches) {
      gotK.push(...(b.getChild('k')?.toArray() as Int32Array));
      gotX.push(...(b.getChild('x')?.toArray() as Float64Array));
    }
    expect(gotK).toEqual(Array.from(k));
    expect(gotX).toEqual(Array.from(x));
  });

  it('passes dictionary-encoded strings through', async () => {
    const reader = new ParquetReader(writeFixture('strings.parquet'));
    const batches = await collect(reader.batches({ columns: ['branch', 'analysis_id'], batchSize: 333 }));
    const got: string[] = [];
    const gotIds: string[] = [];
    for (const b of batches) {
      for (let i = 0; i < b.numRows; i++) {
        got.push(b.getChild('branch')?.get(i) as string);
        gotIds.push(b.getChild('analysis_id')?.get(i) as string);
      }
    }
    expect(got).toEqual(branch);
    expect(gotIds).toEqual(ids);
  });

  it('DuckDB reads the file we wrote with the same values', async () => {
    const path = writeFixture('duck.parquet');
    const db = await DuckDBInstance.create();
    const conn = await db.connect();
    const reader = await conn.runAndReadAll(
      `select count(*)::int as n, sum(k)::bigint as sk, count(*) filter (where isinf(x))::int as ninf,
         min(analysis_id) as lo, count(*) filter (where branch = 'control')::int as nc
       from read_parquet('${path}')`,
    );
    const [[n, sk, ninf, lo, nc]] = reader.getRows();
    expect(n).toBe(N);
    // sum of 3i - 100 for i < 1000 = 3 * 499500 - 100000 (analytic)
    expect(sk).toBe(1_398_500n);
    // i % 7 === 0 for i < 1000: 143 values (analytic, ceil(1000 / 7))
    expect(ninf).toBe(143);
    expect(lo).toBe('c0000');
    expect(nc).toBe(500);
    conn.closeSync();
  });

  it('reads a Parquet written by DuckDB (int64 as BigInt64)', async () => {
    const path = join(dir, 'from-duck.parquet');
    const db = await DuckDBInstance.create();
    const conn = await db.connect();
    await conn.run(
      `COPY (select i::bigint as id, (i * 0.25)::double as v, case when i % 3 = 0 then null else 'b' || (i % 2) end as s
             from range(5000) t(i)) TO '${path}' (FORMAT parquet)`,
    );
    conn.closeSync();
    const reader = new ParquetReader(path);
    const batches = await collect(reader.batches({ columns: ['id', 's', 'v'], batchSize: 1024 }));
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(5000);
    let row = 0;
    let nulls = 0;
    for (const b of batches) {
      const id = b.getChild('id')?.toArray() as BigInt64Array;
      expect(id).toBeInstanceOf(BigInt64Array);
      for (let i = 0; i < b.numRows; i++, row++) {
        expect(id[i]).toBe(BigInt(row));
        expect(b.getChild('v')?.get(i)).toBe(row * 0.25);
        const s = b.getChild('s')?.get(i);
        if (row % 3 === 0) {
          expect(s).toBeNull();
          nulls++;
        } else expect(s).toBe(`b${row % 2}`);
      }
    }
    // multiples of 3 in [0, 5000): 1667 (analytic)
    expect(nulls).toBe(1667);
  });

  it('lets a consumer stop early, and reads again afterwards', async () => {
    const reader = new ParquetReader(writeFixture('early.parquet'));
    for await (const batch of reader.batches({ columns: ['k'], batchSize: 10 })) {
      expect(batch.numRows).toBe(10);
      break;
    }
    const batches = await collect(reader.batches({ columns: ['k'], batchSize: 10 }));
    expect(batches.reduce((n, b) => n + b.numRows, 0)).toBe(N);
  });

  it('rejects a truncated file', async () => {
    const good = readFileSync(writeFixture('whole.parquet'));
    const path = join(dir, 'truncated.parquet');
    writeFileSync(path, good.subarray(0, good.length >> 1));
    const reader = new ParquetReader(path);
    await expect(reader.schema()).rejects.toThrow(InputError);
    await expect(reader.schema()).rejects.toThrow(/not a readable Parquet file \(truncated or corrupt: .*\); re-export or regenerate it/);
    await expect(collect(reader.batches({ columns: ['x'] }))).rejects.toThrow(/not a readable Parquet file/);
  });

  it('rejects a file that is not Parquet at all, and an empty file', async () => {
    const text = join(dir, 'text.parquet');
    writeFileSync(text, 'analysis_id,branch\nc1,control\n');
    await expect(new ParquetReader(text).schema()).rejects.toThrow(/text\.parquet is not a readable Parquet file/);
    const empty = join(dir, 'empty.parquet');
    writeFileSync(empty, '');
    await expect(collect(new ParquetReader(empty).batches({ columns: ['x'] }))).rejects.toThrow(
      /empty\.parquet is not a readable Parquet file/,
    );
  });

  it('rejects a missing file and a missing column', async () => {
    await expect(new ParquetReader(join(dir, 'nope.parquet')).schema()).rejects.toThrow(
      /nope\.parquet is not a readable Parquet file \(cannot open: no such file\)/,
    );
    const path = writeFixture('cols.parquet');
    await expect(collect(new ParquetReader(path).batches({ columns: ['x', 'retained'] }))).rejects.toThrow(
      /cols\.parquet: column "retained" not found; columns present: analysis_id, branch, x, k/,
    );
  });
});

/** Each batch's values, read before the next batch is requested (a borrowed batch's lifetime). */
async function valuesOf(batches: AsyncIterable<RecordBatch>): Promise<{ names: string[]; types: string[]; rows: unknown[][] }> {
  const rows: unknown[][] = [];
  let names: string[] = [];
  let types: string[] = [];
  for await (const batch of batches) {
    names = batch.schema.fields.map((f) => f.name);
    types = batch.schema.fields.map((f) => String(f.type));
    for (let i = 0; i < batch.numRows; i++) {
      rows.push(names.map((name) => {
        const v = batch.getChild(name)?.get(i) as unknown;
        return typeof v === 'bigint' ? `${v}n` : v instanceof Uint8Array ? Array.from(v) : v;
      }));
    }
  }
  return { names, types, rows };
}

describe('ParquetReader, borrowed reads (views of wasm memory)', () => {
  it('lends batches that hold what an IPC copy holds, for every type the engine decodes (DuckDB-written, nulls included)', async () => {
    const path = join(dir, 'types.parquet');
    const db = await DuckDBInstance.create();
    const conn = await db.connect();
    await conn.run(
      `COPY (select i::bigint as id, i::int as small, case when i % 5 = 0 then null else i * 0.25 end::double as v,
                    case when i % 3 = 0 then null else 'client-' || i end as s, (i % 4 = 1) as flag,
                    case when i % 6 = 0 then null else DATE '2026-10-01' + (i % 9)::int end as d,
                    TIMESTAMP '2026-10-01 12:00:00' + to_seconds(i) as ts, (i / 8)::decimal(10, 2) as dec
             from range(5000) t(i)) TO '${path}' (FORMAT parquet, ROW_GROUP_SIZE 1000)`,
    );
    conn.closeSync();
    const reader = new ParquetReader(path);
    const columns = ['s', 'id', 'small', 'v', 'flag', 'd', 'ts'];
    for (const batchSize of [333, 1024]) {
      const copied = await valuesOf(reader.batches({ columns, batchSize }));
      const lent = await valuesOf(reader.batches({ columns, batchSize, borrow: true }));
      expect(lent.names).toEqual(columns);
      expect(lent.types).toEqual(copied.types);
      expect(lent.rows.length).toBe(5000);
      expect(lent.rows).toEqual(copied.rows);
    }
    // the lent columns are views of wasm memory, not copies
    for await (const batch of reader.batches({ columns, batchSize: 333, borrow: true })) {
      for (const name of columns) expect(batch.getChild(name)?.data[0].values.buffer).toBe(pw.wasmMemory().buffer);
      break;
    }
    // spot values (analytic): row 7 is id 7, v = 7 * 0.25, s = 'client-7', flag 7 % 4 = 3 -> false
    const { rows } = await valuesOf(reader.batches({ columns, batchSize: 333, borrow: true }));
    expect(rows[7].slice(0, 5)).toEqual(['client-7', '7n', 7, 1.75, false]);
    expect(rows[15][3]).toBeNull();
    expect(rows[9][0]).toBeNull();
    // a decimal is not lent (arrow-js-ffi 0.4 sizes its view by rows): it crosses as the copy does
    const withDecimal = ['id', 'dec'];
    const copied = await valuesOf(reader.batches({ columns: withDecimal, batchSize: 1024 }));
    const lent = await valuesOf(reader.batches({ columns: withDecimal, batchSize: 1024, borrow: true }));
    expect(lent.types).toEqual(copied.types);
    expect(lent.types[1]).toMatch(/^Decimal/);
    expect(lent.rows).toEqual(copied.rows);
    for await (const batch of reader.batches({ columns: withDecimal, batchSize: 1024, borrow: true })) {
      expect(batch.getChild('dec')?.data[0].values.buffer).not.toBe(pw.wasmMemory().buffer);
      break;
    }
  });

  it('lends dictionary-encoded strings (written by parquet-wasm) as the copy reads them', async () => {
    const reader = new ParquetReader(writeFixture('lent-strings.parquet'));
    const copied = await valuesOf(reader.batches({ columns: ['branch', 'analysis_id', 'x'], batchSize: 100 }));
    const lent = await valuesOf(reader.batches({ columns: ['branch', 'analysis_id', 'x'], batchSize: 100, borrow: true }));
    expect(lent.rows).toEqual(copied.rows);
    expect(lent.rows.map((r) => r[0])).toEqual(branch);
    expect(lent.rows.map((r) => r[1])).toEqual(ids);
    for await (const batch of reader.batches({ columns: ['branch'], batchSize: 100, borrow: true })) {
      expect(batch.getChild('branch')?.data[0].values.buffer).toBe(pw.wasmMemory().buffer);
      break;
    }
  });

  it('throws, rather than hand on detached views, when the wasm memory grows while a batch is lent', async () => {
    const reader = new ParquetReader(writeFixture('lent-grow.parquet'));
    const read = async () => {
      for await (const batch of reader.batches({ columns: ['x'], batchSize: 100, borrow: true })) {
        expect(batch.numRows).toBe(100);
        pw.wasmMemory().grow(1); // what another read on this thread could do meanwhile
      }
    };
    await expect(read()).rejects.toThrow(/lent-grow\.parquet: parquet-wasm's memory grew while a borrowed batch was in use .*; read it without borrow/);
    // the file reads again afterwards, all of it
    expect((await valuesOf(reader.batches({ columns: ['x'], batchSize: 100, borrow: true }))).rows.length).toBe(N);
  });

  it('lets a borrowing consumer stop early, and reads again afterwards', async () => {
    const reader = new ParquetReader(writeFixture('lent-early.parquet'));
    for await (const batch of reader.batches({ columns: ['k'], batchSize: 10, borrow: true })) {
      expect(batch.getChild('k')?.get(0)).toBe(-100);
      break;
    }
    const { rows } = await valuesOf(reader.batches({ columns: ['k'], batchSize: 10, borrow: true }));
    expect(rows.map((r) => r[0])).toEqual(Array.from(k));
  });
});
