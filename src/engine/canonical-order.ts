/**
 * Puts every branch's rows in a canonical order, by client-id hash, so that results do not depend on
 * the physical order of the table: a BigQuery read session returns rows in whatever order its
 * streams arrive, and floating-point sums (linear models) and index resampling (population_ratio)
 * would otherwise differ in their last digits, or their draws, between two reads of the same table.
 *
 * A radix argsort over the 53-bit hashes (two passes over their top 32 bits, then ties of the
 * prefix by insertion), O(n) per branch.
 */
import type { SharedColumn } from './partition.js';
import { sharedFloat64, sharedUint8 } from './shared-buffers.js';
import { isValid, setValid, validityBytes } from './validity.js';
import { forBlocks } from '../kernels/for-blocks.js';

/**
 * The permutation that sorts `keys` (non-negative integers below 2^53) ascending, stable: an LSD
 * radix sort on the keys' top 32 bits (two passes of 16 bits, the prefix travelling with the
 * permutation so every pass reads in sequence), then an insertion sort of each run of equal prefixes
 * by the full key. Client-id hashes are uniform, so such runs are rare (~n^2 / 2^33 pairs: ~1,300 in
 * a 3.3M-row branch). Four passes over the full 53 bits took 3.4 s of a 10M-row run; two take about
 * half (bench/RESULTS.md).
 *
 * With `items`, it sorts those indices of `keys` instead of all of them (the same order as sorting
 * their keys alone), and with `scratch` it works in those arrays and returns a view of one of them,
 * valid until the scratch is used again: sorting several branches then touches fresh memory once.
 */
export function radixArgsort(keys: Float64Array, items?: Uint32Array, scratch: RadixScratch = new RadixScratch()): Uint32Array {
  const n = items === undefined ? keys.length : items.length;
  scratch.reserve(n);
  let prefix = scratch.prefix.subarray(0, n);
  let order = scratch.order.subarray(0, n);
  fillPrefixes(keys, items, prefix, order);
  let prefix2 = scratch.prefix2.subarray(0, n);
  let order2 = scratch.order2.subarray(0, n);
  const counts = new Uint32Array(65537);
  for (let shift = 0; shift <= 16; shift += 16) {
    radixPass(prefix, order, shift, counts, prefix2, order2);
    [prefix, prefix2] = [prefix2, prefix];
    [order, order2] = [order2, order];
  }
  // Runs of equal prefixes, by the full key; insertion sort shifts only past strictly greater keys,
  // so equal keys keep their order (stable).
  for (let i = 1; i < n; i++) {
    if (prefix[i] !== prefix[i - 1]) continue;
    const row = order[i];
    const key = keys[row];
    let j = i - 1;
    while (j >= 0 && prefix[j] === prefix[i] && keys[order[j]] > key) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = row;
  }
  return order;
}

// The loops run per block (src/kernels/for-blocks.ts: a table's fresh reader thread sorts each
// branch once). They sit in functions of their own so that no closure captures radixArgsort's
// swapped arrays, which would leave its tie loop reading them from a context.

/** The prefixes and items of all n entries, block by block. */
function fillPrefixes(keys: Float64Array, items: Uint32Array | undefined, prefix: Uint32Array, order: Uint32Array): void {
  forBlocks(prefix.length, (from, to) => prefixes(keys, items, prefix, order, from, to));
}

/** One stable counting-sort pass by the 16-bit digit at `shift`, from (prefix, order) into (prefix2, order2). */
function radixPass(prefix: Uint32Array, order: Uint32Array, shift: number, counts: Uint32Array, prefix2: Uint32Array, order2: Uint32Array): void {
  const n = prefix.length;
  counts.fill(0);
  forBlocks(n, (from, to) => histogram(prefix, shift, counts, from, to));
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  forBlocks(n, (from, to) => scatter(prefix, order, shift, counts, prefix2, order2, from, to));
}

/** prefix[i] = the top 32 of the 53 bits of item i's key (floor(key / 2^21)), order[i] = the item, for i in [from, to). */
function prefixes(keys: Float64Array, items: Uint32Array | undefined, prefix: Uint32Array, order: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const item = items === undefined ? i : items[i];
    prefix[i] = Math.floor(keys[item] / 2097152);
    order[i] = item;
  }
}

/** Counts the 16-bit digits at `shift` of prefix[from, to) into counts[digit + 1]. */
function histogram(prefix: Uint32Array, shift: number, counts: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) counts[((prefix[i] >>> shift) & 0xffff) + 1]++;
}

/** Moves entries [from, to) to their digit's next slot (counts: running starts), prefix and item together. */
function scatter(prefix: Uint32Array, order: Uint32Array, shift: number, counts: Uint32Array, prefix2: Uint32Array, order2: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const at = counts[(prefix[i] >>> shift) & 0xffff]++;
    prefix2[at] = prefix[i];
    order2[at] = order[i];
  }
}

/** The working arrays of `radixArgsort`, grown to the largest sort they serve. */
export class RadixScratch {
  prefix = new Uint32Array(0);
  order = new Uint32Array(0);
  prefix2 = new Uint32Array(0);
  order2 = new Uint32Array(0);

  reserve(n: number): void {
    if (this.prefix.length >= n) return;
    this.prefix = new Uint32Array(n);
    this.order = new Uint32Array(n);
    this.prefix2 = new Uint32Array(n);
    this.order2 = new Uint32Array(n);
  }
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
