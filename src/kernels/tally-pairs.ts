/**
 * The distinct (x, y) pairs of two aligned columns and how often each occurs, sorted by x then y:
 * the sufficient statistic of a resampling-with-replacement bootstrap of any function of the two
 * sums (the multinomial is closed under aggregation of equal rows). Gives up, returning null, once
 * more than `limit` distinct pairs appear, so a caller can fall back to per-row resampling in O(n).
 *
 * One pass with an open-addressing hash on the pairs' float64 bit patterns (-0 counts as 0). NaN
 * never equals itself, so a column with NaN exceeds any limit below n and gets null. Reference: D. Knuth, TAOCP vol. 3, 6.4 (linear probing).
 */

/** Distinct pairs (ascending by x, then y) and their multiplicities, aligned. */
export interface PairTally {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly counts: Float64Array;
}

/**
 * The tally of the pairs (x[i], y[i]), or null when there are more than `limit` distinct pairs;
 * `order` 'first-seen' skips the sort (the pairs in the order of their first rows), for a caller
 * that looks at a few of many pairs.
 */
export function tallyPairs(x: Float64Array, y: Float64Array, limit: number, order: 'sorted' | 'first-seen' = 'sorted'): PairTally | null {
  const n = x.length;
  if (y.length !== n) throw new RangeError(`tallyPairs: columns differ in length, ${n} and ${y.length}; pass aligned columns`);
  const maxDistinct = Math.min(n, Math.max(0, Math.floor(limit)));
  let capacity = 16;
  while (capacity < 2 * maxDistinct + 2) capacity *= 2;
  const mask = capacity - 1;
  const slots = new Int32Array(capacity).fill(-1); // index into the distinct arrays
  const keyX = new Float64Array(maxDistinct + 1);
  const keyY = new Float64Array(maxDistinct + 1);
  const counts = new Float64Array(maxDistinct + 1);
  const bits = new Float64Array(2);
  const words = new Int32Array(bits.buffer);
  let distinct = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] + 0; // -0 + 0 = 0: one key for both zeros
    const b = y[i] + 0;
    bits[0] = a;
    bits[1] = b;
    let h = Math.imul(words[0] ^ Math.imul(words[1], 0x9e3779b1), 0x85ebca6b);
    h ^= Math.imul(words[2] ^ Math.imul(words[3], 0xc2b2ae35), 0x27d4eb2f);
    h ^= h >>> 15;
    let slot = h & mask;
    for (;;) {
      const k = slots[slot];
      if (k < 0) {
        if (distinct === maxDistinct) return null;
        slots[slot] = distinct;
        keyX[distinct] = a;
        keyY[distinct] = b;
        counts[distinct] = 1;
        distinct++;
        break;
      }
      if (keyX[k] === a && keyY[k] === b) {
        counts[k]++;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  if (order === 'first-seen') return { x: keyX.subarray(0, distinct), y: keyY.subarray(0, distinct), counts: counts.subarray(0, distinct) };
  // Sorted by (x, y) so the result never depends on row order.
  const sorted = Array.from({ length: distinct }, (_, k) => k).sort((p, q) => keyX[p] - keyX[q] || keyY[p] - keyY[q]);
  return {
    x: Float64Array.from(sorted, (k) => keyX[k]),
    y: Float64Array.from(sorted, (k) => keyY[k]),
    counts: Float64Array.from(sorted, (k) => counts[k]),
  };
}
