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
import { nativeSort } from '../kernels/native-sort.js';

/**
 * The permutation that sorts `keys` (non-negative integers below 2^53) ascending, stable: an LSD
 * radix sort on the keys' top 32 bits (two passes of 16 bits, the keys travelling with the
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
  return radixSortKeys(keys, items, scratch).order;
}

/**
 * radixArgsort's permutation, and the keys in its order (`sorted[j] = keys[order[j]]`), both views
 * of `scratch`, or the keys in `into` (n entries) when given: the passes start and end there, so a
 * caller that keeps the sorted keys copies nothing. The keys move with the permutation (8 more bytes
 * per entry and pass) so that no one gathers them at random afterwards: that gather and the slot
 * scatter took ~0.57 s of each 10M-row table's reader thread (bench/RESULTS.md, fifth session of
 * 2026-12-05).
 */
export function radixSortKeys(
  keys: Float64Array,
  items?: Uint32Array,
  scratch: RadixScratch = new RadixScratch(),
  into?: Float64Array,
): { order: Uint32Array; sorted: Float64Array } {
  const n = items === undefined ? keys.length : items.length;
  scratch.reserve(n);
  // an even number of passes below: the keys end where they start
  let key: Float64Array = into === undefined ? scratch.key.subarray(0, n) : into.subarray(0, n);
  let order = scratch.order.subarray(0, n);
  fillKeys(keys, items, key, order);
  let key2: Float64Array = scratch.key2.subarray(0, n);
  let order2 = scratch.order2.subarray(0, n);
  // the same order from four 8-bit passes in C where the addon is built (src/kernels/native/radix-sort.c)
  const native = nativeSort();
  if (native !== null) {
    native.radixSortKeys(key, order, key2, order2);
    return { order, sorted: key };
  }
  const counts = new Uint32Array(65537);
  // the digits: bits 21..36 of the key, then bits 37..52 (its top 32 bits, low digit first); the
  // keys are scaled by a power of two, exactly, rather than divided: a division per key and pass
  // cost ~13 % of the sort (165 -> 144 ms per 3.3M keys, mean of 12 alternating sorts;
  // bench/RESULTS.md, eighth session of 2026-12-06)
  for (const scale of [2 ** -21, 2 ** -37]) {
    radixPass(key, order, scale, counts, key2, order2);
    [key, key2] = [key2, key];
    [order, order2] = [order2, order];
  }
  sortTies(key, order);
  return { order, sorted: key };
}

// The loops run per block (src/kernels/for-blocks.ts: a table's fresh reader thread sorts each
// branch once). They sit in functions of their own so that no closure captures radixSortKeys's
// swapped arrays, which would leave its loops reading them from a context.

/** The keys and items of all n entries, block by block. */
function fillKeys(keys: Float64Array, items: Uint32Array | undefined, key: Float64Array, order: Uint32Array): void {
  forBlocks(key.length, (from, to) => keysOf(keys, items, key, order, from, to));
}

/** One stable counting-sort pass by the 16-bit digit floor(key · scale) & 0xffff, from (key, order) into (key2, order2). */
function radixPass(key: Float64Array, order: Uint32Array, scale: number, counts: Uint32Array, key2: Float64Array, order2: Uint32Array): void {
  const n = key.length;
  counts.fill(0);
  forBlocks(n, (from, to) => histogram(key, scale, counts, from, to));
  for (let d = 1; d < counts.length; d++) counts[d] += counts[d - 1];
  forBlocks(n, (from, to) => scatter(key, order, scale, counts, key2, order2, from, to));
}

/** Runs of equal top-32-bit prefixes in order by the full key (insertion: only past strictly greater keys, so stable). */
function sortTies(key: Float64Array, order: Uint32Array): void {
  forBlocks(key.length, (from, to) => insertTies(key, order, Math.max(1, from), to));
}

/** key[i] = keys[item], order[i] = item, for i in [from, to), item = items[i] or i. */
function keysOf(keys: Float64Array, items: Uint32Array | undefined, key: Float64Array, order: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const item = items === undefined ? i : items[i];
    key[i] = keys[item];
    order[i] = item;
  }
}

/** Counts the digits floor(key · scale) & 0xffff of key[from, to) into counts[digit + 1]. */
function histogram(key: Float64Array, scale: number, counts: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) counts[(Math.floor(key[i] * scale) & 0xffff) + 1]++;
}

/** Moves entries [from, to) to their digit's next slot (counts: running starts), key and item together. */
function scatter(key: Float64Array, order: Uint32Array, scale: number, counts: Uint32Array, key2: Float64Array, order2: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const k = key[i];
    const at = counts[Math.floor(k * scale) & 0xffff]++;
    key2[at] = k;
    order2[at] = order[i];
  }
}

/** The insertion step for i in [from, to): entry i moves down past earlier entries of its prefix with greater keys. */
function insertTies(key: Float64Array, order: Uint32Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    // the prefix as a uint32 (a NaN key, a null id, counts as prefix 0, as it always has)
    const prefix = Math.floor(key[i] / 2097152) >>> 0;
    if (prefix !== Math.floor(key[i - 1] / 2097152) >>> 0) continue;
    const row = order[i];
    const k = key[i];
    let j = i - 1;
    while (j >= 0 && Math.floor(key[j] / 2097152) >>> 0 === prefix && key[j] > k) {
      order[j + 1] = order[j];
      key[j + 1] = key[j];
      j--;
    }
    order[j + 1] = row;
    key[j + 1] = k;
  }
}

/**
 * The working arrays of `radixArgsort`, grown to the largest sort they serve. Memory is allocated
 * untouched: `key` costs nothing while sorts write their keys `into` arrays of their own.
 */
export class RadixScratch {
  key = new Float64Array(0);
  order = new Uint32Array(0);
  key2 = new Float64Array(0);
  order2 = new Uint32Array(0);

  reserve(n: number): void {
    if (this.key.length >= n) return;
    this.key = new Float64Array(n);
    this.order = new Uint32Array(n);
    this.key2 = new Float64Array(n);
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
