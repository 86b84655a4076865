import { describe, expect, it } from 'vitest';
import { CsvReader } from '../../src/sources/csv-reader.js';
import { openTable } from '../../src/sources/open-table.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { InputError } from '../../src/sources/table-reader.js';

describe('openTable', () => {
  it('chooses the reader by extension', () => {
    expect(openTable('/x/t.parquet')).toBeInstanceOf(ParquetReader);
    expect(openTable('/x/T.PARQUET')).toBeInstanceOf(ParquetReader);
    expect(openTable('/x/t.csv')).toBeInstanceOf(CsvReader);
    expect(openTable('/x/t.csv').description).toBe('/x/t.csv');
  });

  it('rejects other extensions, listing the supported ones', () => {
    expect(() => openTable('/x/t.json')).toThrow(InputError);
    expect(() => openTable('/x/t.json')).toThrow('/x/t.json: cannot read a table with extension ".json"; supported: .parquet, .csv');
  });
});
