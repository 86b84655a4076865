/**
 * The footer reader against DuckDB's own reading of the same footers (`parquet_metadata`,
 * `parquet_schema`, `parquet_file_metadata`, `parquet_kv_metadata`): every column chunk's first page,
 * length, codec and value count, each top-level column's type and repetition, the row count and the
 * key-value metadata.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { openFileRanges } from '../../src/sources/file-ranges.js';
import { parseFooter, readFooter } from '../../src/sources/parquet-footer.js';
import { ThriftError } from '../../src/sources/thrift-compact.js';
import { tempDir } from '../support/temp-dir.js';

const CODECS: Record<string, number> = { UNCOMPRESSED: 0, SNAPPY: 1, GZIP: 2, ZSTD: 6 };
const TYPES: Record<string, number> = { BOOLEAN: 0, INT32: 1, INT64: 2, FLOAT: 4, DOUBLE: 5, BYTE_ARRAY: 6 };

async function footerOf(path: string) {
  const { ranges, close } = await openFileRanges(path);
  try {
    return await readFooter(ranges);
  } finally {
    await close();
  }
}

describe('readFooter', () => {
  it.each([
    ['the demo fixture (parquet-wasm, snappy)', join(import.meta.dirname, '../../fixtures/contrail-demo/contrail_demo_enrollments_week_1.parquet'), ''],
    ['a DuckDB file (zstd, nested and required columns)', '', "COMPRESSION 'zstd', ROW_GROUP_SIZE 700"],
  ])('locates every chunk as DuckDB does: %s', async (_, fixture, options) => {
    const duck = await (await DuckDBInstance.create(':memory:')).connect();
    let path = fixture;
    if (path === '') {
      path = join(tempDir('parquet-footer'), 'duck.parquet');
      await duck.run(`COPY (SELECT i::INTEGER AS id, [i, i + 1] AS pair, {'a': i} AS s, 'x' || i AS name FROM range(2000) t(i)) TO '${path}' (FORMAT parquet, ${options})`);
    }
    const footer = await footerOf(path);
    const meta = (await duck.runAndReadAll(
      `SELECT row_group_id, column_id, row_group_num_rows, compression, total_compressed_size, data_page_offset, dictionary_page_offset FROM parquet_metadata('${path}') ORDER BY row_group_id, column_id`,
    )).getRowObjectsJS();
    expect(meta.length).toBeGreaterThan(0);
    for (const row of meta) {
      const group = footer.rowGroups[Number(row.row_group_id)];
      expect(group.rows).toBe(Number(row.row_group_num_rows));
      const chunk = group.chunks[Number(row.column_id)];
      const dictionary = row.dictionary_page_offset === null ? -1 : Number(row.dictionary_page_offset);
      expect(chunk.start).toBe(dictionary > 0 && dictionary < Number(row.data_page_offset) ? dictionary : Number(row.data_page_offset));
      expect(chunk.length).toBe(Number(row.total_compressed_size));
      expect(chunk.codec).toBe(CODECS[String(row.compression)]);
      expect(chunk.elsewhere).toBe(false);
    }
    const [file] = (await duck.runAndReadAll(`SELECT num_rows FROM parquet_file_metadata('${path}')`)).getRowObjectsJS();
    expect(footer.rowCount).toBe(Number(file.num_rows));
    const keyValues = (await duck.runAndReadAll(`SELECT decode(key) AS key, decode(value) AS value FROM parquet_kv_metadata('${path}')`)).getRowObjectsJS();
    expect([...footer.keyValues]).toEqual(keyValues.map((kv) => [kv.key, kv.value]));
    // the fixture (arrow-rs) stores its Arrow schema there, DuckDB nothing
    expect(footer.keyValues.has('ARROW:schema')).toBe(fixture !== '');
    const schema = (await duck.runAndReadAll(`SELECT name, type, repetition_type, num_children FROM parquet_schema('${path}')`)).getRowObjectsJS();
    // the top-level columns: those whose parent is the root (the root's children, depth-first)
    const names = [...footer.columns.keys()];
    for (const name of names) {
      const column = footer.columns.get(name)!;
      const element = schema.find((e) => e.name === name)!;
      expect(column.flat).toBe(element.num_children === null && element.repetition_type !== 'REPEATED');
      if (column.flat) {
        expect(column.physical).toBe(TYPES[String(element.type)]);
        expect(column.maxDefinition).toBe(element.repetition_type === 'OPTIONAL' ? 1 : 0);
      }
    }
    if (fixture === '') {
      expect(names).toEqual(['id', 'pair', 's', 'name']);
      // leaves: id 0, pair's element 1, s.a 2, name 3
      expect(footer.columns.get('name')!.leaf).toBe(3);
      expect(footer.columns.get('pair')!.flat).toBe(false);
    }
  });

  it('rejects a truncated footer with a ThriftError', async () => {
    const path = join(import.meta.dirname, '../../fixtures/contrail-demo/contrail_demo_enrollments_week_1.parquet');
    const bytes = readFileSync(path);
    const length = bytes.readUInt32LE(bytes.length - 8);
    const footer = bytes.subarray(bytes.length - 8 - length, bytes.length - 8);
    expect(parseFooter(footer).rowGroups.length).toBeGreaterThan(0);
    expect(() => parseFooter(footer.subarray(0, footer.length >> 1))).toThrow(ThriftError);
  });
});
