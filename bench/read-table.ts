/**
 * Time to stream a table's projected columns through the engine's reader (ParquetReader or
 * CsvReader by extension), three reads in a row: compares codecs and batch sizes on this machine.
 *
 *   npx tsx bench/read-table.ts FILE [analysis_id,branch,active_hours] [--batch-size N]
 */
import { openTable } from '../src/sources/open-table.js';

const [path, columnList, flag, size] = process.argv.slice(2);
if (path === undefined) throw new Error('read-table: give a table file, e.g. /tmp/contrail-bench-fixture-1M-snappy/contrail_demo_enrollments_week_1.parquet');
const columns = (columnList ?? 'analysis_id,branch,active_hours').split(',');
const batchSize = flag === '--batch-size' ? Number(size) : undefined;
for (let read = 0; read < 3; read++) {
  const started = performance.now();
  let rows = 0;
  for await (const batch of openTable(path).batches({ columns, batchSize })) rows += batch.numRows;
  console.log(`${path}: ${rows} rows, ${columns.length} columns in ${(performance.now() - started).toFixed(0)} ms`);
}
