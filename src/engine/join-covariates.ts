/**
 * Covariate adjustment's join: `<metric>_pre` columns from the pre-enrollment table, matched to the
 * analysis table's clients by (analysis_id, branch), as Jetstream's LEFT JOIN does. A client absent
 * from the pre-enrollment table gets a null covariate (and linear_model_mean then drops it, as
 * mozanalysis does). Memory: one Float64 per client per covariate plus a hash index of the
 * pre-enrollment table's ids, per branch.
 */
import type { PartitionedTable, SharedColumn } from './partition.js';
import { sharedFloat64, sharedUint8 } from './shared-buffers.js';
import { isValid, setValid, validityBytes } from './validity.js';
import { sameFloat64 } from '../kernels/float64-scans.js';

/** An open-addressing index from 53-bit client-id hashes to row positions. */
class KeyIndex {
  private readonly slots: Float64Array;
  private readonly rows: Int32Array;
  private readonly mask: number;

  constructor(keys: Float64Array) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.slots = new Float64Array(capacity).fill(Number.NaN);
    this.rows = new Int32Array(capacity);
    this.mask = capacity - 1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (Number.isNaN(key)) continue;
      let slot = this.slotOf(key);
      while (!Number.isNaN(this.slots[slot]) && this.slots[slot] !== key) slot = (slot + 1) & this.mask;
      this.slots[slot] = key;
      this.rows[slot] = i;
    }
  }

  private slotOf(key: number): number {
    const lo = key % 4294967296;
    const hi = Math.floor(key / 4294967296);
    return (Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b) >>> 0) & this.mask;
  }

  /** The row holding `key`, or -1. */
  find(key: number): number {
    if (Number.isNaN(key)) return -1;
    let slot = this.slotOf(key);
    for (;;) {
      const found = this.slots[slot];
      if (Number.isNaN(found)) return -1;
      if (found === key) return this.rows[slot];
      slot = (slot + 1) & this.mask;
    }
  }
}

/**
 * For each branch of `target`, the column `<metric>_pre` for every requested metric, looked up in
 * `pre` (same branch). Both partitions must have been read with a key column.
 */
export function joinCovariates(target: PartitionedTable, pre: PartitionedTable, metrics: readonly string[]): Record<string, SharedColumn>[] {
  return target.parts.map((part, b) => {
    const out: Record<string, SharedColumn> = {};
    const preIndex = pre.branches.indexOf(target.branches[b]);
    const prePart = preIndex >= 0 ? pre.parts[preIndex] : null;
    // The same clients in the same (canonical) order, as when the pre-enrollment table holds just
    // the analysis table's enrolled clients: its columns are the covariates as they are, shared.
    // Merging and copying took 0.25-0.35 s of a 10M-client linear_model_mean on the main thread
    // (bench/RESULTS.md, eighth session of 2026-12-06).
    const same = prePart !== null && sameKeys(part.keys, prePart.keys);
    const rowOf = same ? null : matchRows(part.keys, prePart?.keys);
    for (const metric of metrics) {
      const shared = same ? prePart.columns[metric] : undefined;
      if (shared !== undefined) {
        out[`${metric}_pre`] = shared;
        continue;
      }
      const values = sharedFloat64(part.length);
      const valid = sharedUint8(validityBytes(part.length));
      const source = prePart?.columns[metric];
      if (source === undefined || rowOf === null) values.fill(Number.NaN);
      else copyMatched(rowOf, source, values, valid);
      out[`${metric}_pre`] = { values, valid };
    }
    return out;
  });
}

/** Whether both key arrays are there and equal, key for key (a NaN key, a null id, never equals). */
function sameKeys(keys: Float64Array | undefined, preKeys: Float64Array | undefined): boolean {
  return keys !== undefined && preKeys !== undefined && sameFloat64(keys, preKeys);
}

/** values[i] = the source's value at rowOf[i], valid when that row is (NaN, null, where rowOf[i] < 0). */
function copyMatched(rowOf: Int32Array, source: SharedColumn, values: Float64Array, valid: Uint8Array): void {
  const from = source.values;
  const fromValid = source.valid;
  for (let i = 0; i < rowOf.length; i++) {
    const row = rowOf[i];
    if (row >= 0 && isValid(fromValid, row)) {
      values[i] = from[row];
      setValid(valid, i);
    } else {
      values[i] = Number.NaN;
    }
  }
}

/**
 * For each target row, the row of `preKeys` with the same key, or -1. Partitions come in canonical
 * order (ascending key hash), so this is a merge of two sorted arrays, which checks the order as it
 * goes (NaN keys, null ids, aside); the hash index is the fallback for keys that are not in order.
 * Checking within the merge instead of before it saved a pass over each array (~50 ms of a 10M-row
 * join, bench/RESULTS.md, eighth session of 2026-12-06).
 */
function matchRows(keys: Float64Array | undefined, preKeys: Float64Array | undefined): Int32Array {
  const rowOf = new Int32Array(keys?.length ?? 0).fill(-1);
  if (keys === undefined || preKeys === undefined) return rowOf;
  if (mergeRows(keys, preKeys, rowOf)) return rowOf;
  const index = new KeyIndex(preKeys);
  for (let i = 0; i < keys.length; i++) rowOf[i] = index.find(keys[i]);
  return rowOf;
}

/** The merge join into rowOf (-1 where no match); false, as soon as either array's keys are out of order. */
function mergeRows(keys: Float64Array, preKeys: Float64Array, rowOf: Int32Array): boolean {
  const m = preKeys.length;
  let previous = -1;
  let previousPre = -1;
  let j = 0;
  // the last key matched and its row: a key repeated in the target (two ids of one hash, or one id
  // twice) takes the pre-enrollment rows with it in order, the k-th the k-th (past them, the last),
  // as sharing a column of the same keys in the same order does (joinCovariates)
  let runKey = Number.NaN;
  let runRow = -1;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key !== key) continue; // NaN: a null id matches nothing
    if (key < previous) return false;
    previous = key;
    if (key === runKey) {
      if (runRow + 1 < m && preKeys[runRow + 1] === key) runRow++;
      rowOf[i] = runRow;
      continue;
    }
    // advance past smaller pre-enrollment keys, checking each key's order the first time it is seen
    while (j < m) {
      const p = preKeys[j];
      if (p === p) {
        if (p < previousPre) return false;
        previousPre = p;
        if (p >= key) break;
      }
      j++;
    }
    if (j < m && preKeys[j] === key) {
      rowOf[i] = j;
      runKey = key;
      runRow = j;
    }
  }
  for (; j < m; j++) {
    const p = preKeys[j];
    if (p !== p) continue;
    if (p < previousPre) return false;
    previousPre = p;
  }
  return true;
}
