/**
 * A small per-client table for BigQuery reader tests and the loopback server: `rows` clients with
 * an int id, a string branch, a float metric with nulls, an int metric and a bool with nulls, all
 * plain (non-dictionary) Arrow types as BigQuery sends them; plus helpers to bring read batches back
 * into id order for comparison.
 */
import { Bool, Float64, Int32, Table, Utf8, vectorFromArray } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';

/** Value of row `i` in each column; null where the column has a null. */
export const rowValue = {
  id: (i: number): number => i,
  branch: (i: number): string | null => (i % 13 === 5 ? null : i % 3 === 0 ? 'control' : 'treatment'),
  metric_f: (i: number): number | null => (i % 7 === 3 ? null : i * 0.25 - 100),
  metric_i: (i: number): number => (i * 37) % 1000,
  flag: (i: number): boolean | null => (i % 11 === 4 ? null : i % 2 === 0),
} as const;

/** The table of `rows` clients, columns id, branch, metric_f, metric_i, flag. */
export function makeClientTable(rows: number): Table {
  const ids = Array.from({ length: rows }, (_, i) => i);
  return new Table({
    id: vectorFromArray(ids.map(rowValue.id), new Int32()),
    branch: vectorFromArray(ids.map(rowValue.branch), new Utf8()),
    metric_f: vectorFromArray(ids.map(rowValue.metric_f), new Float64()),
    metric_i: vectorFromArray(ids.map(rowValue.metric_i), new Int32()),
    flag: vectorFromArray(ids.map(rowValue.flag), new Bool()),
  });
}

/** Column `name` of all `batches`, as plain values, in the order read. */
export function columnValues(batches: readonly RecordBatch[], name: string): unknown[] {
  const values: unknown[] = [];
  for (const batch of batches) {
    const column = batch.getChild(name);
    if (column === null) throw new Error(`columnValues: batch has no column "${name}"`);
    for (let i = 0; i < batch.numRows; i += 1) values.push(column.get(i));
  }
  return values;
}

/** Collects an async iterable of batches. */
export async function collect(batches: AsyncIterable<RecordBatch>): Promise<RecordBatch[]> {
  const out: RecordBatch[] = [];
  for await (const batch of batches) out.push(batch);
  return out;
}
