/**
 * Sorts a Float64Array in place into the order `Float64Array.prototype.sort()` gives (ascending,
 * -0 before +0, NaN last), by an LSD radix sort on the IEEE-754 bits: each value becomes an
 * unsigned 64-bit key that orders as the number (sign bit flipped for positives, every bit flipped
 * for negatives; NaN the largest). Four passes of 12-bit digits (4,096 buckets, whose write
 * positions stay in L2) sort by the keys' top 48 bits: sign, exponent and 36 mantissa bits; a digit
 * every key shares is skipped. Values that agree in those bits (equal values, or values within
 * 2^-36 relative of each other) then lie in runs, each finished by the built-in sort when it holds
 * different values.
 *
 * Why not the built-in sort: on 10M doubles it took 1.27 s of a linear_model_mean task (V8 sorts
 * typed arrays by comparison, O(n log n)); this takes O(n) (bench/RESULTS.md). Why 48 bits: six
 * 11-bit passes over all 64 took 570 ms for 10M pre-enrollment active_hours values, these four
 * ~460 ms (the runs are almost all of equal values). Below RADIX_MIN values the built-in sort is
 * used: the histograms and passes cost more than they save.
 */

import { nativeSort } from './native-sort.js';

/** Values from which the radix sort beats the built-in one. */
export const RADIX_MIN = 1 << 15;

const BUCKETS = 4096;

export function sortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN) return values.sort();
  // the same sort in C where the addon is built: ~1.5x faster (src/kernels/native/radix-sort.c)
  const native = nativeSort();
  if (native !== null) {
    native.sortFloat64(values);
    return values;
  }
  return radixSortFloat64(values);
}

/** sortFloat64's radix sort in TypeScript (n >= RADIX_MIN). */
function radixSortFloat64(values: Float64Array): Float64Array {
  const n = values.length;
  // The keys overwrite the values' own words (low, high), so only one more buffer is touched: on
  // this machine kind a first touch of fresh memory costs ~3 ms per MB. NaN becomes the largest key.
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  const counts = new Uint32Array(4 * BUCKETS);
  for (let i = 0; i < n; i++) {
    let lo = words[2 * i];
    let hi = words[2 * i + 1];
    if (values[i] !== values[i]) {
      lo = 0xffffffff;
      hi = 0xffffffff;
    } else if (hi >>> 31 === 1) {
      lo = ~lo >>> 0;
      hi = ~hi >>> 0;
    } else {
      hi = (hi | 0x80000000) >>> 0;
    }
    words[2 * i] = lo;
    words[2 * i + 1] = hi;
    // the four digits, written out (see `digit`)
    counts[(lo >>> 16) & 0xfff]++;
    counts[4096 + ((lo >>> 28) | ((hi & 0xff) << 4))]++;
    counts[8192 + ((hi >>> 8) & 0xfff)]++;
    counts[12288 + (hi >>> 20)]++;
  }
  let keys = words;
  let spare: Uint32Array | null = null;
  for (let d = 0; d < 4; d++) {
    const base = d * BUCKETS;
    // A digit all keys share leaves the order as it is.
    if (counts[base + digit(d, keys[0], keys[1])] === n) continue;
    let sum = 0;
    for (let k = 0; k < BUCKETS; k++) {
      const c = counts[base + k];
      counts[base + k] = sum;
      sum += c;
    }
    spare ??= new Uint32Array(2 * n);
    scatter(keys, spare, counts.subarray(base, base + BUCKETS), d, n);
    [keys, spare] = [spare, keys];
  }
  // Back to values. A run of keys that agree in their top 48 bits is in arrival order; one that
  // holds different keys is sorted once it is written. NaN keys (all ones) come out as a NaN.
  let runStart = 0;
  let mixed = false;
  let previousLo = keys[0];
  let previousHi = keys[1];
  for (let i = 0; i < n; i++) {
    const lo = keys[2 * i];
    const hi = keys[2 * i + 1];
    if (hi !== previousHi || lo >>> 16 !== previousLo >>> 16) {
      if (mixed) values.subarray(runStart, i).sort();
      mixed = false;
      runStart = i;
    } else if (lo !== previousLo) {
      mixed = true;
    }
    previousLo = lo;
    previousHi = hi;
    // `keys` may be `words`: both words of key i are read before they are written.
    if (hi >>> 31 === 1) {
      words[2 * i] = lo;
      words[2 * i + 1] = (hi & 0x7fffffff) >>> 0;
    } else {
      words[2 * i] = ~lo >>> 0;
      words[2 * i + 1] = ~hi >>> 0;
    }
  }
  if (mixed) values.subarray(runStart, n).sort();
  // Write the canonical NaN over whichever NaN the bits make.
  for (let i = n - 1; i >= 0 && values[i] !== values[i]; i--) values[i] = Number.NaN;
  return values;
}

/** Digit d (0 least significant) of the key's top 48 bits: bits 16 + 12 d .. 27 + 12 d of (hi, lo). */
function digit(d: number, lo: number, hi: number): number {
  if (d === 0) return (lo >>> 16) & 0xfff;
  if (d === 1) return (lo >>> 28) | ((hi & 0xff) << 4);
  if (d === 2) return (hi >>> 8) & 0xfff;
  return hi >>> 20;
}

/** One stable counting-sort pass of the (lo, hi) keys by digit d into `out`; `at` holds each bucket's next position. */
function scatter(keys: Uint32Array, out: Uint32Array, at: Uint32Array, d: number, n: number): void {
  // One loop per digit: the digit's shifts are constants in each.
  if (d === 0) {
    for (let i = 0; i < n; i++) {
      const lo = keys[2 * i];
      const p = at[(lo >>> 16) & 0xfff]++;
      out[2 * p] = lo;
      out[2 * p + 1] = keys[2 * i + 1];
    }
  } else if (d === 1) {
    for (let i = 0; i < n; i++) {
      const lo = keys[2 * i];
      const hi = keys[2 * i + 1];
      const p = at[(lo >>> 28) | ((hi & 0xff) << 4)]++;
      out[2 * p] = lo;
      out[2 * p + 1] = hi;
    }
  } else if (d === 2) {
    for (let i = 0; i < n; i++) {
      const hi = keys[2 * i + 1];
      const p = at[(hi >>> 8) & 0xfff]++;
      out[2 * p] = keys[2 * i];
      out[2 * p + 1] = hi;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const hi = keys[2 * i + 1];
      const p = at[hi >>> 20]++;
      out[2 * p] = keys[2 * i];
      out[2 * p + 1] = hi;
    }
  }
}
