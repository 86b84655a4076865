/**
 * Puts every branch's rows in a canonical order, by client-id hash, so that results do not depend on
 * the physical order of the table: a BigQuery read session returns rows in whatever order its
 * streams arrive, and floating-point sums (linear models) and index resampling (population_ratio)
 * would otherwise differ in their last digits, or their draws, between two reads of the same table.
 *
 * An LSD radix argsort over the 53-bit hashes: four passes of at most 14 bits, O(n) per branch.
 */
import type { BranchPartition, SharedColumn } from './partition.js';
import { sharedFloat64, sharedUint8 } from './shared-buffers.js';

/** The permutation that sorts `keys` (non-negative integers below 2^53) ascending, stable. */
export function radixArgsort(keys: Float64Array): Uint32Array {
  const n = keys.length;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Uint32Array(n);
  const digit = (key: number, pass: number): number => {
    const lo = key % 4294967296;
    const hi = (key - lo) / 4294967296;
    switch (pass) {
      case 0:
        return lo & 0x3fff;
      case 1:
        return (lo >>> 14) & 0x3fff;
      case 2:
        return (lo >>> 28) | ((hi & 0x3ff) << 4);
      default:
        return hi >>> 10;
    }
  };
  const counts = new Uint32Array(16385);
  for (let pass = 0; pass < 4; pass++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digit(keys[order[i]], pass) + 1]++;
    for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) next[counts[digit(keys[order[i]], pass)]++] = order[i];
    [order, next] = [next, order];
  }
  return order;
}

/** The branch's rows in ascending key order (ties keep their order); unchanged without keys. */
export function canonicalOrder(part: BranchPartition): BranchPartition {
  const keys = part.keys;
  if (keys === undefined || part.length < 2) return part;
  const order = radixArgsort(keys);
  let sorted = true;
  for (let i = 0; i < order.length; i++) {
    if (order[i] !== i) {
      sorted = false;
      break;
    }
  }
  if (sorted) return part;
  const columns: Record<string, SharedColumn> = {};
  for (const [name, column] of Object.entries(part.columns)) {
    const values = sharedFloat64(part.length);
    const valid = sharedUint8(part.length);
    for (let i = 0; i < order.length; i++) {
      values[i] = column.values[order[i]];
      valid[i] = column.valid[order[i]];
    }
    columns[name] = { values, valid };
  }
  const masks: Record<string, Uint8Array> = {};
  for (const [name, mask] of Object.entries(part.masks)) {
    const out = sharedUint8(part.length);
    for (let i = 0; i < order.length; i++) out[i] = mask[order[i]];
    masks[name] = out;
  }
  const sortedKeys = sharedFloat64(part.length);
  for (let i = 0; i < order.length; i++) sortedKeys[i] = keys[order[i]];
  return { length: part.length, columns, masks, keys: sortedKeys };
}
