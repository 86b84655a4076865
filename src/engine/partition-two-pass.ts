/**
 * Partitioning in two passes, for a table that reads twice in the same row order (a local Parquet
 * file; parquet-wasm decodes only the projected columns, so the two passes decode what one would):
 * - pass 1 reads the branch, client-id and enrollment-date columns, drops rows as the one-pass
 *   partitioner does, and gives every kept row its final position: its rank in its branch's
 *   canonical order (src/engine/canonical-order.ts; arrival order without a client id);
 * - pass 2 reads the metric, segment and exposure columns and writes each value straight to that
 *   position: one SharedArrayBuffer per column holds every branch, each branch a view of its range.
 * The one-pass partitioner (src/engine/partition.ts), which any stream can use, writes every value
 * twice instead (in arrival order into growing buffers, then gathered into canonical order), and
 * leaves the first copies to the garbage collector. The result is the same bit for bit: the same
 * stable sort of the same keys.
 *
 * Pass 2 reads its columns again rather than have pass 1 stage them in file order (values and
 * validity bytes, 9 bytes per row and metric): memory new to the process is what costs most on the
 * machines this runs on (~1.5-3 ms of CPU per MB to fault in: guest memory a process frees goes back
 * to the host, and each run faults it in afresh), more than decoding a column twice. Dropping the
 * stage took lmm 10M's peak RSS from ~887 to ~718 MiB and its time from 2.48 to 2.34 s (medians of 6
 * alternating runs), and lmm on ZSTD pages (read by parquet-wasm) from 5.5 to 4.9 s (bench/RESULTS.md,
 * fifteenth session).
 */
import type { RecordBatch } from 'apache-arrow';
import { InputError } from '../sources/table-reader.js';
import { decodeNotNull, decodeNumeric, decodeTrue, plainFloat64 } from './arrow-decode.js';
import { radixSortKeys, RadixScratch } from './canonical-order.js';
import { decodeKeyHash } from './key-hash.js';
import { decodeKeptBranches, droppedRecord, EXPOSURES_MASK, requireColumn, RowTally, type BranchPartition, type PartitionedTable, type PartitionRequest, type SharedColumn } from './partition.js';
import { sharedFloat64, sharedUint8 } from './shared-buffers.js';
import { validityBytes } from './validity.js';
import { forBlocks } from '../kernels/for-blocks.js';
import { scatterBytes, scatterNumbers, scatterValues } from '../kernels/scatter-rows.js';
import { nativeSort } from '../kernels/native-sort.js';

/** Reads the table's rows, projected to `columns`, from the first row (called once per pass). */
export type ReadColumns = (columns: string[]) => AsyncIterable<RecordBatch>;

/** Entries past the row count in the hashes' buffer: the branches' padding to multiples of 8, for up to 64 branches. */
const HASH_SLACK = 7 * 64;

/** `rowCount`: the table's rows if known (a Parquet footer), to size pass 1's arrays at once. */
export async function partitionInTwoPasses(read: ReadColumns, request: PartitionRequest, rowCount?: number): Promise<PartitionedTable> {
  const maskNames = [...request.segments, ...(request.exposureColumn !== null ? [EXPOSURES_MASK] : [])];
  const second = secondPassColumns(request);
  const first = await assignPositions(read, request, rowCount ?? 0);
  const { branches, lengths, start, total, slot, rows } = first;
  // One buffer per column and mask for all branches, each branch a view of its range (see `slot`).
  // The first column takes the memory of the rows' key hashes when it is large enough: they are
  // read no more, and its 8 bytes per row were first-touch page faults (~45 ms per 10M rows).
  const reuse = first.spent;
  const columns = new Map(
    request.columns.map((c, k): [string, SharedColumn] => [
      c,
      { values: k === 0 && reuse !== null && reuse.byteLength >= 8 * total ? new Float64Array(reuse, 0, total) : sharedFloat64(total), valid: sharedUint8(validityBytes(total)) },
    ]),
  );
  const masks = new Map(maskNames.map((m): [string, Uint8Array] => [m, sharedUint8(total)]));

  if (second.length > 0) {
    // A column's validity bits wait until its first null: until then every kept row is valid
    const bitsPending = new Set(request.columns);
    let scratchValues = new Float64Array(0);
    let scratchValid = new Uint8Array(0);
    let row = 0;
    for await (const batch of read(second)) {
      const n = batch.numRows;
      if (n === 0) continue;
      if (row + n > rows) throw changedError(request, rows, row + n);
      if (scratchValues.length < n) {
        scratchValues = new Float64Array(n);
        scratchValid = new Uint8Array(n);
      }
      const values = scratchValues.subarray(0, n);
      const valid = scratchValid.subarray(0, n);
      const at = slot.subarray(row, row + n);
      for (const name of request.columns) {
        const target = columns.get(name)!;
        const vector = requireColumn(batch, name, request);
        // a Float64 chunk without nulls is scattered from the decoder's buffer, not copied first
        const plain = bitsPending.has(name) ? plainFloat64(vector) : null;
        if (plain !== null) {
          scatterNumbers(plain, at, target.values);
          continue;
        }
        const allValid = decodeNumeric(vector, values, valid, `column "${name}" of ${request.description}`);
        if (bitsPending.has(name)) {
          if (allValid) {
            scatterNumbers(values, at, target.values);
            continue;
          }
          setSlotsValid(slot.subarray(0, row), target.valid);
          bitsPending.delete(name);
        }
        scatterValues(values, valid, at, target.values, target.valid);
      }
      for (const name of maskNames) {
        decodeMask(batch, name, request, valid);
        scatterBytes(valid, at, masks.get(name)!);
      }
      row += n;
    }
    if (row !== rows) throw changedError(request, rows, row);
    for (const name of bitsPending) setRangesValid(columns.get(name)!.valid, start, lengths);
  }

  // Branch b: rows [start[b], start[b] + length) of every buffer, validity bytes from start[b] / 8.
  const parts = lengths.map((length, b): BranchPartition => ({
    length,
    columns: Object.fromEntries(
      [...columns].map(([name, c]) => [name, { values: c.values.subarray(start[b], start[b] + length), valid: c.valid.subarray(start[b] >> 3, (start[b] >> 3) + validityBytes(length)) }]),
    ),
    masks: Object.fromEntries([...masks].map(([name, m]) => [name, m.subarray(start[b], start[b] + length)])),
    ...(first.keys !== null ? { keys: first.keys[b] } : {}),
  }));
  return { branches, parts, rowsRead: rows, rowsDropped: first.rowsDropped };
}

/** Pass 1: each row's branch (-1: dropped) and position in it, and each branch's keys in order. */
async function assignPositions(read: ReadColumns, request: PartitionRequest, capacity: number) {
  const branches: string[] = [];
  const lookup = new Map<string, number>();
  let branchOf = new Int32Array(capacity);
  // shared, and with room for the branches' padding, so that a column can take this memory after
  // the sort (partitionInTwoPasses); one that grows past the row count is plain
  let hashes = request.keyColumn ? sharedFloat64(capacity + HASH_SLACK) : new Float64Array(0);
  let scratch = new Uint8Array(0);
  let rows = 0;
  const tally = new RowTally();
  const columns = [request.branchColumn, ...(request.keyColumn ? [request.keyColumn] : []), ...(request.enrollmentColumn !== null ? [request.enrollmentColumn] : [])];
  for await (const batch of read(columns)) {
    const n = batch.numRows;
    if (n === 0) continue;
    if (rows + n > branchOf.length) {
      const grown = Math.max(rows + n, branchOf.length * 2);
      branchOf = grownTo(branchOf, grown, Int32Array);
      if (request.keyColumn) hashes = grownTo(hashes.subarray(0, rows), grown, Float64Array);
    }
    if (scratch.length < n) scratch = new Uint8Array(n);
    decodeKeptBranches(batch, request, branches, lookup, branchOf.subarray(rows, rows + n), scratch, tally);
    if (request.keyColumn) {
      decodeKeyHash(requireColumn(batch, request.keyColumn, request), hashes.subarray(rows, rows + n), `column "${request.keyColumn}" of ${request.description}`);
    }
    rows += n;
  }

  const lengths = Array.from(tally.kept(branches.length).subarray(0, branches.length));
  // Branch b's rows go to [start[b], start[b] + lengths[b]) of one buffer per column; starts are
  // multiples of 8, so each branch's validity bits begin at a byte. slot[row]: that index, or -1.
  const start = new Int32Array(branches.length);
  let total = 0;
  for (let b = 0; b < branches.length; b++) {
    start[b] = total;
    total += (lengths[b] + 7) & ~7;
  }
  // The slots take branchOf's memory: each row's branch is read before its slot is written. A fresh
  // array was 40 MB per 10M rows: lmm 10M's peak RSS 1134-1222 -> 1032-1181 MiB (bench/RESULTS.md,
  // ninth session of 2026-12-06)
  const slot = branchOf.subarray(0, rows);
  let keys: Float64Array[] | null = null;
  const native = nativeSort();
  if (!request.keyColumn) {
    // Arrival order: each row's index among its branch's rows.
    const next = start.slice();
    forBlocks(rows, (from, to) => arrivalSlots(branchOf, next, slot, from, to));
  } else if (native !== null) {
    // the same order and slots in one call in C (src/kernels/native/radix-sort.c canonicalSlots),
    // sorting in the keys' own memory with the slots' as scratch: no rows' lists, no row arrays
    keys = lengths.map((n) => sharedFloat64(n));
    native.canonicalSlots(hashes.subarray(0, rows), slot, keys, start);
  } else {
    // Canonical order: each branch's rows in arrival order (a counting sort), radix-sorted by their
    // keys (stable), then each row's slot set from its rank.
    const offsets = new Int32Array(branches.length + 1);
    for (let b = 0; b < branches.length; b++) offsets[b + 1] = offsets[b] + lengths[b];
    const rowOf = new Uint32Array(offsets[branches.length]);
    const next = offsets.slice(0, branches.length);
    forBlocks(rows, (from, to) => bucketRows(branchOf, next, rowOf, from, to));
    slot.fill(-1);
    const radix = new RadixScratch();
    keys = [];
    for (let b = 0; b < branches.length; b++) {
      const sorted = sharedFloat64(offsets[b + 1] - offsets[b]);
      const { order } = radixSortKeys(hashes, rowOf.subarray(offsets[b], offsets[b + 1]), radix, sorted);
      forBlocks(order.length, (from, to) => placeSlots(order, slot, start[b], from, to));
      keys.push(sorted);
    }
  }
  // the hashes' memory, read no more (a column may take it)
  const spent = hashes.buffer instanceof SharedArrayBuffer ? hashes.buffer : null;
  return { branches, lengths, start, total, slot, keys, rows, rowsDropped: droppedRecord(request, tally), spent };
}

/** The columns pass 2 reads: the exposure date, the segments, the metric columns. */
function secondPassColumns(request: PartitionRequest): string[] {
  return [...(request.exposureColumn !== null ? [request.exposureColumn] : []), ...request.segments, ...request.columns];
}

/** Mask `name` of a batch into bytes: the exposure date's presence, or a segment's TRUE. */
function decodeMask(batch: RecordBatch, name: string, request: PartitionRequest, out: Uint8Array): void {
  if (name === EXPOSURES_MASK) decodeNotNull(requireColumn(batch, request.exposureColumn!, request), out);
  else decodeTrue(requireColumn(batch, name, request), out, `segment column "${name}" of ${request.description}`);
}

// Pass 1's loops run per block (src/kernels/for-blocks.ts): a table's fresh reader thread runs each
// of them once. Pass 2's run per batch.

/** slot[i] = the next slot of row i's branch (next[b], advanced), or -1 for a dropped row. */
function arrivalSlots(branchOf: Int32Array, next: Int32Array, slot: Int32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const b = branchOf[i];
    slot[i] = b < 0 ? -1 : next[b]++;
  }
}

/** Appends each kept row of [from, to) to its branch's range of rowOf (next[b]: the range's next entry). */
function bucketRows(branchOf: Int32Array, next: Int32Array, rowOf: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const b = branchOf[i];
    if (b >= 0) rowOf[next[b]++] = i;
  }
}

/** For ranks j in [from, to) of a branch whose slots begin at `base`: its row's slot. */
function placeSlots(order: Uint32Array, slot: Int32Array, base: number, from: number, to: number): void {
  for (let j = from; j < to; j++) slot[order[j]] = base + j;
}

/** The validity bits of every branch's rows: [start[b], start[b] + lengths[b]) (starts are multiples of 8). */
function setRangesValid(valid: Uint8Array, start: Int32Array, lengths: readonly number[]): void {
  for (let b = 0; b < lengths.length; b++) {
    const end = start[b] + lengths[b];
    valid.fill(0xff, start[b] >> 3, end >> 3);
    if ((end & 7) !== 0) valid[end >> 3] |= (1 << (end & 7)) - 1;
  }
}

/** The validity bit of each slot (skipped where < 0). */
function setSlotsValid(slots: Int32Array, valid: Uint8Array): void {
  for (let i = 0; i < slots.length; i++) {
    const p = slots[i];
    if (p >= 0) valid[p >> 3] |= 1 << (p & 7);
  }
}

function grownTo<T extends Int32Array | Float64Array | Uint8Array>(array: T, length: number, Type: new (length: number) => T): T {
  const grown = new Type(length);
  grown.set(array);
  return grown;
}

function changedError(request: PartitionRequest, first: number, second: number): InputError {
  return new InputError(
    `${request.description} changed while it was read: ${first} rows in the first pass, ${second} in the second; read it again when it is no longer being written`,
  );
}
