import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CallingThreadReads } from '../../src/engine/calling-thread-reads.js';
import { partitionTable } from '../../src/engine/partition-table.js';
import { partitionBatches, requestedColumns } from '../../src/engine/partition.js';
import type { PartitionedTable, PartitionRequest } from '../../src/engine/partition.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { InputError } from '../../src/sources/table-reader.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const table = join(root, 'fixtures/contrail-demo/contrail_demo_enrollments_week_1.parquet');
const dir = mkdtempSync(join(tmpdir(), 'contrail-partition-table-'));

const request: PartitionRequest = {
  columns: ['active_hours', 'search_count'],
  segments: ['regular_users_v3'],
  branchColumn: 'branch',
  enrollmentColumn: 'enrollment_date',
  exposureColumn: 'exposure_date',
  keyColumn: 'analysis_id',
  description: table,
};

afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A window's turn to read on this thread, taken by another read: every table then goes to a thread of its own, however small. */
function onThread() {
  const here = new CallingThreadReads();
  here.tryTake();
  return { threadMinRows: 0, here };
}

function arrays(t: PartitionedTable) {
  return t.parts.map((p) => ({
    length: p.length,
    columns: Object.fromEntries(Object.entries(p.columns).map(([k, c]) => [k, [Array.from(c.values), Array.from(c.valid)]])),
    masks: Object.fromEntries(Object.entries(p.masks).map(([k, m]) => [k, Array.from(m)])),
    keys: Array.from(p.keys!),
  }));
}

describe('partitionTable', () => {
  it('partitions a Parquet file on its own thread (its batches borrowed from parquet-wasm) exactly as on this one and as in one pass, into shared memory', async () => {
    const onePass = await partitionBatches(new ParquetReader(table).batches({ columns: requestedColumns(request) }), request);
    const here = await partitionTable(new ParquetReader(table), request, { batchSize: 4096, here: new CallingThreadReads() });
    const there = await partitionTable(new ParquetReader(table), request, { batchSize: 4096, ...onThread() });
    expect(arrays(here)).toEqual(arrays(onePass));
    // The fixture's README: 20,000 clients in three branches.
    expect(there.rowsRead).toBe(20_000);
    expect(there.branches).toEqual(here.branches);
    expect(there.rowsDropped).toEqual(here.rowsDropped);
    expect(arrays(there)).toEqual(arrays(here));
    expect(there.parts[0].columns.active_hours.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(there.parts[0].masks.exposures.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('reads a large table on this thread when the turn to read here is free, exactly as on a thread, and gives the turn back', async () => {
    const there = await partitionTable(new ParquetReader(table), request, { batchSize: 4096, ...onThread() });
    const here = new CallingThreadReads();
    const read = await partitionTable(new ParquetReader(table), request, { batchSize: 4096, threadMinRows: 0, here });
    expect(read.rowsRead).toBe(20_000);
    expect(read.rowsDropped).toEqual(there.rowsDropped);
    expect(arrays(read)).toEqual(arrays(there));
    expect(read.parts[0].columns.active_hours.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(here.tryTake()).toBe(true);
    // an input error of a table read here is the same InputError, and the turn is given back
    here.release();
    const error = await partitionTable(new ParquetReader(table), { ...request, columns: ['no_such_metric'] }, { threadMinRows: 0, here }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(here.tryTake()).toBe(true);
  });

  it('sends a large table to a thread while another read holds the turn, and makes a small one wait for it', async () => {
    const here = new CallingThreadReads();
    expect(here.tryTake()).toBe(true);
    // never released while it reads: it can only have been read on a thread
    const large = await partitionTable(new ParquetReader(table), request, { threadMinRows: 0, here });
    let smallDone = false;
    const small = partitionTable(new ParquetReader(table), request, { here }).then((t) => ((smallDone = true), t));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smallDone).toBe(false);
    here.release();
    expect(arrays(await small)).toEqual(arrays(large));
    expect(here.tryTake()).toBe(true);
  });

  it('reads several tables at once, each on its thread, each the same as alone', async () => {
    const alone = await partitionTable(new ParquetReader(table), request, onThread());
    const taken = onThread();
    const [a, b, c] = await Promise.all([0, 1, 2].map(() => partitionTable(new ParquetReader(table), request, taken)));
    for (const t of [a, b, c]) expect(arrays(t)).toEqual(arrays(alone));
  });

  it('brings an input error back as an InputError with its message', async () => {
    const missing = { ...request, columns: [...request.columns, 'no_such_metric'] };
    // onRead: once per table, read or failed, as its promise settles
    const reads: string[] = [];
    const done = partitionTable(new ParquetReader(table), request, { ...onThread(), onRead: () => reads.push('read') }).then(() => reads.push('resolved'));
    const error = await partitionTable(new ParquetReader(table), missing, { ...onThread(), onRead: () => reads.push('failed') }).catch((e: unknown) => e);
    await done;
    expect(reads.sort()).toEqual(['failed', 'read', 'resolved']);
    expect(reads.indexOf('read')).toBeLessThan(reads.indexOf('resolved'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(`${table}: column "no_such_metric" not found; columns present: ${(await new ParquetReader(table).schema()).fields.map((f) => f.name).join(', ')}`);
  });

  it('turns a corrupt data page, which kills the reader thread, into an InputError naming the file', async () => {
    const bytes = readFileSync(table);
    // Flip bytes of the data pages; the footer (file metadata) stays intact.
    for (let i = 1000; i < 200_000; i += 997) bytes[i] ^= 0x5a;
    const corrupt = join(dir, 'corrupt.parquet');
    writeFileSync(corrupt, bytes);
    const error = await partitionTable(new ParquetReader(corrupt), { ...request, description: corrupt }, onThread()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/corrupt\.parquet (could not be decoded \(a corrupt data page: .*\); re-export or regenerate the file|is not a readable Parquet file \(truncated or corrupt)/);
  });
});
