import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { partitionBatches, requestedColumns, type PartitionedTable, type PartitionRequest } from '../../src/engine/partition.js';
import { partitionInTwoPasses } from '../../src/engine/partition-two-pass.js';
import { InputError } from '../../src/sources/table-reader.js';

// 3,000 clients in three branches, rows in no particular order: a null branch every 97th row, a null
// enrollment date every 89th, null values every 7th, a segment, exposures for two rows in three; a
// metric without nulls (count), doubles without nulls (spend) and one whose first null comes at row
// 1,500 (late): their validity bits are set by ranges, or from the first batch with a null.
const N = 3000;
function table(): arrow.Table {
  const id = (i: number) => `client-${(i * 7919) % N}`;
  return new arrow.Table({
    branch: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => (i % 97 === 5 ? null : ['treatment-a', 'control', 'treatment-b'][(i * 31) % 3])), new arrow.Utf8()),
    analysis_id: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => id(i)), new arrow.Utf8()),
    enrollment_date: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => (i % 89 === 3 ? null : 1)), new arrow.Int32()),
    exposure_date: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => (i % 3 === 0 ? null : 2)), new arrow.Int32()),
    segment_a: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => (i % 11 === 0 ? null : i % 4 === 1)), new arrow.Bool()),
    hours: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => (i % 7 === 0 ? null : Math.sin(i) * 100)), new arrow.Float64()),
    count: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => BigInt(i % 13)), new arrow.Int64()),
    late: arrow.vectorFromArray(Array.from({ length: N }, (_, i) => (i >= 1500 && i % 5 === 0 ? null : i / 2)), new arrow.Float64()),
    // doubles without nulls (-0, NaN and infinities among them): scattered from the batch's own buffer
    spend: arrow.vectorFromArray(Float64Array.from({ length: N }, (_, i) => [-0, Number.NaN, Infinity][i % 101] ?? Math.cos(i) * 7)),
  });
}

const request: PartitionRequest = {
  columns: ['hours', 'count', 'late', 'spend'],
  segments: ['segment_a'],
  branchColumn: 'branch',
  enrollmentColumn: 'enrollment_date',
  exposureColumn: 'exposure_date',
  keyColumn: 'analysis_id',
  description: 'test table',
};

async function* batchesOf(t: arrow.Table, size: number) {
  for (let start = 0; start < t.numRows; start += size) yield* t.slice(start, start + size).batches;
}

/** The table read through `columns`, in batches of `size` rows. */
const reading = (t: arrow.Table, size: number) => (columns: string[]) => batchesOf(t.select(columns), size);

function arrays(t: PartitionedTable) {
  return {
    branches: t.branches,
    rowsRead: t.rowsRead,
    rowsDropped: t.rowsDropped,
    parts: t.parts.map((p) => ({
      length: p.length,
      columns: Object.fromEntries(Object.entries(p.columns).map(([k, c]) => [k, [Array.from(c.values), Array.from(c.valid)]])),
      masks: Object.fromEntries(Object.entries(p.masks).map(([k, m]) => [k, Array.from(m)])),
      keys: p.keys === undefined ? null : Array.from(p.keys),
    })),
  };
}

describe('partitionInTwoPasses', () => {
  it('gives the one-pass partition bit for bit, for any batch size and row-count hint', async () => {
    const t = table();
    const onePass = arrays(await partitionBatches(batchesOf(t.select(requestedColumns(request)), 500), request));
    // Dropped rows: 31 null branches (i % 97 = 5); 34 null enrollments (i % 89 = 3), one of them
    // (i = 2139) already without a branch, so 33 more.
    expect(onePass.rowsDropped).toEqual({ 'branch is null': 31, 'enrollment_date is null': 33 });
    expect(onePass.parts.reduce((s, p) => s + p.length, 0)).toBe(N - 31 - 33);
    for (const size of [1, 7, 1000, N]) {
      // a row-count hint of 10 rows: pass 1's arrays grow
      for (const rowCount of [undefined, 10, N]) {
        const twoPass = await partitionInTwoPasses(reading(t, size), request, rowCount);
        expect(arrays(twoPass)).toEqual(onePass);
        // with the exact row count the first column takes the key hashes' buffer (larger than
        // its own rows: room for every row read and padding), the others get their own
        const [hours, count] = [twoPass.parts[0].columns.hours.values.buffer, twoPass.parts[0].columns.count.values.buffer];
        if (rowCount === N) expect(hours.byteLength).toBeGreaterThan(count.byteLength);
        else expect(hours.byteLength).toBe(count.byteLength);
      }
    }
  });

  it("reads pass 1's columns, then pass 2's", async () => {
    const t = table();
    const reads: string[][] = [];
    const counting = (columns: string[]) => {
      reads.push(columns);
      return batchesOf(t.select(columns), 700);
    };
    await partitionInTwoPasses(counting, request, N);
    expect(reads).toEqual([['branch', 'analysis_id', 'enrollment_date'], ['exposure_date', 'segment_a', 'hours', 'count', 'late', 'spend']]);
  });

  it('keeps arrival order without a client-id column, as one pass does', async () => {
    const t = table();
    const unkeyed = { ...request, keyColumn: null };
    const onePass = arrays(await partitionBatches(batchesOf(t.select(requestedColumns(unkeyed)), 64), unkeyed));
    const twoPass = arrays(await partitionInTwoPasses(reading(t, 64), unkeyed));
    expect(twoPass).toEqual(onePass);
    expect(twoPass.parts[0].keys).toBeNull();
  });

  it('puts rows in canonical order: a shuffled table gives the same partition', async () => {
    const t = table();
    const shuffled = new arrow.Table(
      Object.fromEntries(t.schema.fields.map((f) => [f.name, arrow.vectorFromArray(Array.from({ length: N }, (_, i) => t.getChild(f.name)!.get((i * 1009) % N)), f.type)])),
    );
    const a = arrays(await partitionInTwoPasses(reading(t, 256), request));
    const b = arrays(await partitionInTwoPasses(reading(shuffled, 256), request));
    expect(b).toEqual(a);
  });

  it('rejects a table whose row count changes between the passes, naming both counts', async () => {
    const t = table();
    const shorter = t.slice(0, N - 10);
    let pass = 0;
    const read = (columns: string[]) => batchesOf((pass++ === 0 ? t : shorter).select(columns), 512);
    const error = await partitionInTwoPasses(read, request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `test table changed while it was read: ${N} rows in the first pass, ${N - 10} in the second; read it again when it is no longer being written`,
    );
  });
});
