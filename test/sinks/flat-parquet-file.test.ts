/**
 * Parquet files written by flatParquetFile, read back by three readers: DuckDB and parquet-wasm
 * (arrow-rs), both independent of this repository, and this repository's ParquetReader (its footer
 * reader; parquet-wasm decodes GZIP pages behind it). Each must give the written values, nulls, NaN,
 * -0 and infinities included, for 0, 1, 9 (two level bytes) and 1,000 rows and for more than 14
 * columns (the compact protocol's long list header).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { flatParquetFile, type FlatColumn } from '../../src/sinks/flat-parquet-file.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { parquetWasm } from '../../src/sources/parquet-wasm.js';
import { readFooter } from '../../src/sources/parquet-footer.js';
import { openFileRanges } from '../../src/sources/file-ranges.js';
import { tableFromIPC } from 'apache-arrow';
import { tempDir } from '../support/temp-dir.js';

const dir = tempDir('flat-parquet');

const TEXTS = ['control', '', 'treatment-ä', 'größe 🚀', null, 'x'.repeat(300)];
const DOUBLES = [0.5, null, Number.NaN, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324, -1.7976931348623157e308];

function columnsOf(rows: number, extra = 0): FlatColumn[] {
  return [
    { name: 'label', type: 'utf8', values: Array.from({ length: rows }, (_, i) => TEXTS[(i * 7) % TEXTS.length]) },
    { name: 'value', type: 'double', values: Array.from({ length: rows }, (_, i) => DOUBLES[(i * 5) % DOUBLES.length]) },
    { name: 'empty', type: 'double', values: Array<null>(rows).fill(null) },
    ...Array.from({ length: extra }, (_, k): FlatColumn => ({ name: `c${k}`, type: 'utf8', values: Array.from({ length: rows }, (_, i) => (i % 3 === k % 3 ? null : `${k}:${i}`)) })),
  ];
}

/** Plain values: -0 as '-0', NaN as 'NaN' (toEqual tells neither apart from DuckDB's JSON forms otherwise). */
const plain = (v: unknown): unknown => (typeof v === 'number' ? (Object.is(v, -0) ? '-0' : Number.isNaN(v) ? 'NaN' : v) : v ?? null);

function write(name: string, columns: FlatColumn[], rows: number): string {
  const path = join(dir, name);
  writeFileSync(path, flatParquetFile(columns, rows, 'contrail test'));
  return path;
}

describe('flatParquetFile', () => {
  it.each([0, 1, 9, 1000])('%i rows: DuckDB, parquet-wasm and ParquetReader give the values written', async (rows) => {
    const columns = columnsOf(rows, rows === 9 ? 14 : 0);
    const path = write(`rows-${rows}.parquet`, columns, rows);
    const expected = Object.fromEntries(columns.map((c) => [c.name, c.values.map(plain)]));

    const duck = await (await DuckDBInstance.create()).connect();
    const result = await duck.runAndReadAll(`select * from read_parquet('${path}')`);
    expect(result.columnNames()).toEqual(columns.map((c) => c.name));
    const duckRows = result.getRows();
    expect(Object.fromEntries(columns.map((c, j) => [c.name, duckRows.map((r) => plain(r[j]))]))).toEqual(expected);

    const wasm = tableFromIPC(parquetWasm().readParquet(new Uint8Array(readFileSync(path))).intoIPCStream());
    expect(wasm.numRows).toBe(rows);
    expect(Object.fromEntries(columns.map((c) => [c.name, Array.from({ length: rows }, (_, i) => plain(wasm.getChild(c.name)!.get(i)))]))).toEqual(expected);
    expect(wasm.schema.fields.map((f) => String(f.type))).toEqual(columns.map((c) => (c.type === 'utf8' ? 'Utf8' : 'Float64')));

    const native: Record<string, unknown[]> = Object.fromEntries(columns.map((c) => [c.name, []]));
    for await (const batch of new ParquetReader(path).batches({ columns: columns.map((c) => c.name) })) {
      for (const c of columns) for (let i = 0; i < batch.numRows; i++) native[c.name].push(plain(batch.getChild(c.name)!.get(i)));
    }
    expect(native).toEqual(expected);
  });

  it('writes a footer whose row count and codec (GZIP) this repository\'s footer reader reads', async () => {
    const path = write('footer.parquet', columnsOf(20), 20);
    const { ranges, close } = await openFileRanges(path);
    try {
      const footer = await readFooter(ranges);
      expect(footer.rowGroups).toHaveLength(1);
      expect(footer.rowGroups[0].rows).toBe(20);
      expect(footer.rowGroups[0].chunks.map((c) => c.codec)).toEqual([2, 2, 2]);
    } finally {
      await close();
    }
  });

  it('refuses a column whose values do not match the row count, naming it', () => {
    expect(() => flatParquetFile([{ name: 'point', type: 'double', values: [1, 2] }], 3, 'x')).toThrow('flatParquetFile: column point has 2 values for 3 rows');
  });
});
