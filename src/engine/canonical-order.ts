/**
 * Puts every branch's rows in a canonical order, by client-id hash, so that results do not depend on
 * the physical order of the table: a BigQuery read session returns rows in whatever order its
 * streams arrive, and floating-point sums (linear models) and index resampling (population_ratio)
 * would otherwise differ in their last digits, or their draws, between two reads of the same table.
 *
 * An LSD radix argsort over the 53-bit hashes: four passes of at most 14 bits, O(n) per branch.
 */
import type { SharedColumn } from './partition.js';
import { sharedFloat64, sharedUint8 } from './shared-buffers.js';
import { isValid, setValid, validityBytes } from './validity.js';

/**
 * The permutation that sorts `keys` (non-negative integers below 2^53) ascending, stable. The keys'
 * low and high words travel with the permutation from pass to pass, so every pass reads in
 * sequence (indexing the keys through the permutation cost 6.7 s of a 10M-row run, here).
 */
export function radixArgsort(keys: Float64Array): Uint32Array {
  const n = keys.length;
  let lo = new Uint32Array(n);
  let hi = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    const low = keys[i] % 4294967296;
    lo[i] = low;
    hi[i] = (keys[i] - low) / 4294967296;
    order[i] = i;
  }
  let lo2 = new Uint32Array(n);
  let hi2 = new Uint32Array(n);
  let order2 = new Uint32Array(n);
  const digits = new Uint32Array(n);
  const counts = new Uint32Array(16385);
  for (let pass = 0; pass < 4; pass++) {
    for (let i = 0; i < n; i++) digits[i] = digit(lo[i], hi[i], pass);
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[digits[i] + 1]++;
    for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
    for (let i = 0; i < n; i++) {
      const at = counts[digits[i]]++;
      lo2[at] = lo[i];
      hi2[at] = hi[i];
      order2[at] = order[i];
    }
    [lo, lo2] = [lo2, lo];
    [hi, hi2] = [hi2, hi];
    [order, order2] = [order2, order];
  }
  return order;
}

/** Digit `pass` (14, 14, 14 and 11 bits, least significant first) of the 53-bit key hi:lo. */
function digit(lo: number, hi: number, pass: number): number {
  if (pass === 0) return lo & 0x3fff;
  if (pass === 1) return (lo >>> 14) & 0x3fff;
  if (pass === 2) return (lo >>> 28) | ((hi & 0x3ff) << 4);
  return hi >>> 10;
}

/**
 * The branch's rows in ascending key order (ties keep their order). Each array is gathered into a
 * new exact-size SharedArrayBuffer and replaces the old one in `part` at once, so at most one column
 * is held twice (the partitioner owns `part` and hands it out only after this). A gather reads at
 * random but writes in sequence: rearranging in place by following the permutation's cycles did
 * both at random and took 23 s more on the 10M-client demo (bench/RESULTS.md).
 */
export function canonicalOrder(part: MutablePartition): MutablePartition {
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
  for (const [name, column] of Object.entries(part.columns)) {
    part.columns[name] = { values: gatherFloat64(column.values, order), valid: gatherBits(column.valid, order) };
  }
  for (const [name, mask] of Object.entries(part.masks)) {
    const out = sharedUint8(order.length);
    for (let i = 0; i < order.length; i++) out[i] = mask[order[i]];
    part.masks[name] = out;
  }
  part.keys = gatherFloat64(keys, order);
  return part;
}

/** A branch partition while the partitioner still owns it. */
export interface MutablePartition {
  readonly length: number;
  columns: Record<string, SharedColumn>;
  masks: Record<string, Uint8Array>;
  keys?: Float64Array;
}

function gatherFloat64(source: Float64Array, order: Uint32Array): Float64Array {
  const out = sharedFloat64(order.length);
  for (let i = 0; i < order.length; i++) out[i] = source[order[i]];
  return out;
}

function gatherBits(bits: Uint8Array, order: Uint32Array): Uint8Array {
  const out = sharedUint8(validityBytes(order.length));
  for (let i = 0; i < order.length; i++) if (isValid(bits, order[i])) setValid(out, i);
  return out;
}
