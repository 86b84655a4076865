/**
 * Puts every branch's rows in a canonical order, by client-id hash, so that results do not depend on
 * the physical order of the table: a BigQuery read session returns rows in whatever order its
 * streams arrive, and floating-point sums (linear models) and index resampling (population_ratio)
 * would otherwise differ in their last digits, or their draws, between two reads of the same table.
 *
 * An LSD radix argsort over the 53-bit hashes: four passes of at most 14 bits, O(n) per branch.
 */
import type { BranchPartition } from './partition.js';
import { isValid, setValid } from './validity.js';

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

/**
 * The branch's rows in ascending key order (ties keep their order), permuted in place: the arrays
 * of `part` are rearranged, not copied (the partitioner owns them and hands them out only after
 * this). Unchanged without keys.
 */
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
  const cycles = new PermutationCycles(order);
  for (const column of Object.values(part.columns)) {
    cycles.apply(column.values);
    permuteBits(column.valid, order);
  }
  for (const mask of Object.values(part.masks)) cycles.apply(mask);
  cycles.apply(keys);
  return part;
}

/** Applies `out[i] = in[order[i]]` in place by following the permutation's cycles. */
class PermutationCycles {
  private readonly visited: Uint8Array;

  constructor(private readonly order: Uint32Array) {
    this.visited = new Uint8Array(order.length);
  }

  apply(array: Float64Array | Uint8Array): void {
    const { order, visited } = this;
    visited.fill(0);
    for (let start = 0; start < order.length; start++) {
      if (visited[start] === 1 || order[start] === start) continue;
      const first = array[start];
      let j = start;
      for (;;) {
        visited[j] = 1;
        const k = order[j];
        if (k === start) {
          array[j] = first;
          break;
        }
        array[j] = array[k];
        j = k;
      }
    }
  }
}

/** The validity bitmap rearranged as the rows (a new bitmap, n/8 bytes, copied back). */
function permuteBits(bits: Uint8Array, order: Uint32Array): void {
  const out = new Uint8Array(bits.length);
  for (let i = 0; i < order.length; i++) if (isValid(bits, order[i])) setValid(out, i);
  bits.set(out);
}
