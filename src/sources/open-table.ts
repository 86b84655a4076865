/**
 * Opens a local per-client metrics table with the reader its file extension calls for.
 */
import { extname } from 'node:path';
import { CsvReader } from './csv-reader.js';
import { ParquetReader } from './parquet-reader.js';
import { InputError } from './table-reader.js';
import type { TableReader } from './table-reader.js';
import type { Schema } from 'apache-arrow';

/** The file extensions `openTable` reads, each with its reader. */
export const TABLE_EXTENSIONS = ['.parquet', '.csv'] as const;

/**
 * A `TableReader` for `path`: `.parquet` -> `ParquetReader`, `.csv` -> `CsvReader` (case-insensitive).
 * Nothing is read until `schema()` or `batches()` is called. `known`: a Parquet file's schema and row
 * count, read already (ParquetReader).
 */
export function openTable(path: string, known?: { readonly schema: Schema; readonly rowCount: number }): TableReader {
  const extension = extname(path).toLowerCase();
  if (extension === '.parquet') return new ParquetReader(path, known);
  if (extension === '.csv') return new CsvReader(path);
  throw new InputError(
    `${path}: cannot read a table with extension "${extension}"; supported: ${TABLE_EXTENSIONS.join(', ')}`,
  );
}
