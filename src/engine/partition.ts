/**
 * One pass over a table's record batches: rows are split by branch into SharedArrayBuffer-backed
 * columns (values + validity) and row masks (segments, the exposures basis). Rows never become JS
 * objects; each batch is decoded column by column into scratch arrays and scattered by branch.
 *
 * Rows without a branch, or without an enrollment date (Jetstream's `enrollment_date IS NOT NULL`),
 * are dropped and counted, so every row read is accounted for.
 */
import type { RecordBatch } from 'apache-arrow';
import { InputError } from '../sources/table-reader.js';
import { decodeBranch, decodeNotNull, decodeNumeric, decodeTrue } from './arrow-decode.js';
import { GrowableColumn, GrowableMask, sharedFloat64, sharedUint8 } from './shared-buffers.js';
import { setValid, validityBytes } from './validity.js';
import { decodeKeyHash } from './key-hash.js';
import { canonicalOrder } from './canonical-order.js';
import { tallyBranches } from '../kernels/tally-branches.js';

export interface PartitionRequest {
  /** Numeric columns to collect (metrics, upstream metrics). */
  readonly columns: readonly string[];
  /** Boolean columns that become masks (segments). */
  readonly segments: readonly string[];
  readonly branchColumn: string;
  /** When set, rows where this column is null are dropped (`enrollment_date`). */
  readonly enrollmentColumn: string | null;
  /** When set, its non-null rows form the `exposures` mask (`exposure_date`). */
  readonly exposureColumn: string | null;
  /**
   * When set, a 53-bit hash of this client-id column is kept per row (for covariate joins) and each
   * branch's rows are put in canonical (hash) order, so results do not depend on the table's row order.
   */
  readonly keyColumn?: string | null;
  /** What the table is, for messages. */
  readonly description: string;
}

/** Every column a request reads, the branch first. */
export function requestedColumns(request: PartitionRequest): string[] {
  return [
    request.branchColumn,
    ...(request.keyColumn ? [request.keyColumn] : []),
    ...(request.enrollmentColumn !== null ? [request.enrollmentColumn] : []),
    ...(request.exposureColumn !== null ? [request.exposureColumn] : []),
    ...request.segments,
    ...request.columns,
  ];
}

export interface SharedColumn {
  /** The values; NaN where null. */
  readonly values: Float64Array;
  /** Validity bitmap, Arrow's layout (src/engine/validity.ts). */
  readonly valid: Uint8Array;
}

export interface BranchPartition {
  readonly length: number;
  readonly columns: Readonly<Record<string, SharedColumn>>;
  /** Segment masks by segment name, and `exposures` when requested. */
  readonly masks: Readonly<Record<string, Uint8Array>>;
  /** Client-id hashes, when the request named a key column. */
  readonly keys?: Float64Array;
}

export interface PartitionedTable {
  /** Branch names in order of first appearance. */
  readonly branches: readonly string[];
  readonly parts: readonly BranchPartition[];
  readonly rowsRead: number;
  readonly rowsDropped: Readonly<Record<string, number>>;
}

export const EXPOSURES_MASK = 'exposures';

interface Building {
  length: number;
  columns: Map<string, GrowableColumn>;
  masks: Map<string, GrowableMask>;
  keys: GrowableColumn | null;
}

export async function partitionBatches(
  batches: AsyncIterable<RecordBatch>,
  request: PartitionRequest,
): Promise<PartitionedTable> {
  const branches: string[] = [];
  const lookup = new Map<string, number>();
  const building: Building[] = [];
  const maskNames = [...request.segments, ...(request.exposureColumn !== null ? [EXPOSURES_MASK] : [])];
  let rowsRead = 0;
  const tally = new RowTally();

  let scratchBranch = new Int32Array(0);
  let scratchPosition = new Int32Array(0);
  let scratchValues = new Float64Array(0);
  let scratchValid = new Uint8Array(0);
  let scratchMask = new Uint8Array(0);

  for await (const batch of batches) {
    const n = batch.numRows;
    if (n === 0) continue;
    rowsRead += n;
    if (scratchBranch.length < n) {
      scratchBranch = new Int32Array(n);
      scratchPosition = new Int32Array(n);
      scratchValues = new Float64Array(n);
      scratchValid = new Uint8Array(n);
      scratchMask = new Uint8Array(n);
    }
    const branchIndex = scratchBranch.subarray(0, n);
    decodeKeptBranches(batch, request, branches, lookup, branchIndex, scratchMask, tally);

    while (building.length < branches.length) {
      building.push({
        length: 0,
        columns: new Map(request.columns.map((c) => [c, new GrowableColumn()])),
        masks: new Map(maskNames.map((m) => [m, new GrowableMask()])),
        keys: request.keyColumn ? new GrowableColumn() : null,
      });
    }

    // Destination position of every row inside its branch, then room for the batch.
    const position = scratchPosition.subarray(0, n);
    const added = new Int32Array(branches.length);
    for (let i = 0; i < n; i++) {
      const b = branchIndex[i];
      if (b >= 0) position[i] = building[b].length + added[b]++;
    }
    for (let b = 0; b < branches.length; b++) {
      const target = building[b].length + added[b];
      for (const column of building[b].columns.values()) column.reserve(target);
      for (const mask of building[b].masks.values()) mask.reserve(target);
      building[b].keys?.reserve(target);
    }

    if (request.keyColumn) {
      const hashes = scratchValues.subarray(0, n);
      decodeKeyHash(requireColumn(batch, request.keyColumn, request), hashes, `column "${request.keyColumn}" of ${request.description}`);
      for (let i = 0; i < n; i++) {
        const b = branchIndex[i];
        if (b >= 0) building[b].keys!.values[position[i]] = hashes[i];
      }
    }

    for (const name of request.columns) {
      const values = scratchValues.subarray(0, n);
      const valid = scratchValid.subarray(0, n);
      decodeNumeric(requireColumn(batch, name, request), values, valid, `column "${name}" of ${request.description}`);
      for (let i = 0; i < n; i++) {
        const b = branchIndex[i];
        if (b < 0) continue;
        const column = building[b].columns.get(name)!;
        column.values[position[i]] = values[i];
        if (valid[i] === 1) setValid(column.valid, position[i]);
      }
    }

    for (const name of maskNames) {
      const bits = scratchMask.subarray(0, n);
      if (name === EXPOSURES_MASK) {
        decodeNotNull(requireColumn(batch, request.exposureColumn!, request), bits);
      } else {
        decodeTrue(requireColumn(batch, name, request), bits, `segment column "${name}" of ${request.description}`);
      }
      for (let i = 0; i < n; i++) {
        const b = branchIndex[i];
        if (b >= 0) building[b].masks.get(name)!.bits[position[i]] = bits[i];
      }
    }

    for (let b = 0; b < branches.length; b++) building[b].length += added[b];
  }

  // The canonical order gathers every array into an exact-size buffer; arrays it leaves alone (no
  // keys, or rows already in order) are trimmed to size, so the doubled growth buffers are dropped.
  const parts = building.map((part): BranchPartition => {
    const n = part.length;
    const columns: Record<string, SharedColumn> = {};
    for (const [name, column] of part.columns) {
      columns[name] = { values: column.values.subarray(0, n), valid: column.valid.subarray(0, validityBytes(n)) };
    }
    const masks: Record<string, Uint8Array> = {};
    for (const [name, mask] of part.masks) masks[name] = mask.bits.subarray(0, n);
    const keys = part.keys === null ? undefined : part.keys.values.subarray(0, n);
    const ordered = canonicalOrder({ length: n, columns, masks, ...(keys !== undefined ? { keys } : {}) });
    for (const [name, column] of Object.entries(ordered.columns)) {
      ordered.columns[name] = { values: trimmedFloat64(column.values, n), valid: trimmedUint8(column.valid, validityBytes(n)) };
    }
    for (const [name, mask] of Object.entries(ordered.masks)) ordered.masks[name] = trimmedUint8(mask, n);
    if (ordered.keys !== undefined) ordered.keys = trimmedFloat64(ordered.keys, n);
    return ordered;
  });
  return { branches, parts, rowsRead, rowsDropped: droppedRecord(request, tally) };
}

function trimmedFloat64(source: Float64Array, length: number): Float64Array {
  if (source.buffer.byteLength === length * 8) return source.subarray(0, length);
  const out = sharedFloat64(length);
  out.set(source.subarray(0, length));
  return out;
}

function trimmedUint8(source: Uint8Array, length: number): Uint8Array {
  if (source.buffer.byteLength === length) return source.subarray(0, length);
  const out = sharedUint8(length);
  out.set(source.subarray(0, length));
  return out;
}

/** A table's rows so far: those dropped, by reason, and those kept, by branch. */
export class RowTally {
  /** Rows dropped for [a null branch, a null enrollment date]. */
  readonly dropped = new Float64Array(2);
  #kept = new Int32Array(8);

  /** The kept rows per branch, with room for `branches` branches (grown, counts kept). */
  kept(branches: number): Int32Array {
    if (this.#kept.length < branches) {
      const grown = new Int32Array(Math.max(branches, 2 * this.#kept.length));
      grown.set(this.#kept);
      this.#kept = grown;
    }
    return this.#kept;
  }
}

/**
 * Each row's branch index in `out` (growing `branches`), or -1 for a row that is dropped: no branch,
 * or no enrollment date when the request names that column; `tally` counts them, and the kept rows
 * per branch (tallyBranches). `scratch` holds at least the batch's rows.
 */
export function decodeKeptBranches(
  batch: RecordBatch,
  request: PartitionRequest,
  branches: string[],
  lookup: Map<string, number>,
  out: Int32Array,
  scratch: Uint8Array,
  tally: RowTally,
): void {
  decodeBranch(requireColumn(batch, request.branchColumn, request), branches, lookup, out);
  let enrolled: Uint8Array | null = null;
  if (request.enrollmentColumn !== null) {
    enrolled = scratch.subarray(0, out.length);
    decodeNotNull(requireColumn(batch, request.enrollmentColumn, request), enrolled);
  }
  tallyBranches(out, enrolled, tally.kept(branches.length), tally.dropped);
}

/** The table's `rowsDropped`: the count of each reason that dropped any row. */
export function droppedRecord(request: PartitionRequest, tally: RowTally): Record<string, number> {
  const [noBranch, noEnrollment] = tally.dropped;
  const record: Record<string, number> = {};
  if (noBranch > 0) record[`${request.branchColumn} is null`] = noBranch;
  if (noEnrollment > 0) record[`${request.enrollmentColumn} is null`] = noEnrollment;
  return record;
}

/** The batch's column `name`, or an InputError naming the table and its columns. */
export function requireColumn(batch: RecordBatch, name: string, request: PartitionRequest) {
  const vector = batch.getChild(name);
  if (vector === null) {
    const known = batch.schema.fields.map((f) => f.name).join(', ');
    throw new InputError(`${request.description} has no column "${name}"; its columns are: ${known}`);
  }
  return vector;
}
