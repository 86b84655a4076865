/**
 * Order statistics of the rows a tally counts, without expanding or sorting the rows: the j-th
 * smallest (0-based) is the distinct value whose cumulative count first exceeds j. For discrete
 * metrics the tally (tallyWinsorized: a counting array or hash map, O(n)) replaces an O(n log n)
 * sort, with the same values out: statistics that read order statistics give the same bits.
 */
import type { Tally } from './tally-sorted.js';

/** j -> the j-th smallest row value, for 0 <= j < the tally's row count (binary search, O(log K)). */
export function tallyOrderStatistic({ values, counts }: Tally): (j: number) => number {
  const cumulative = new Float64Array(counts.length);
  let rows = 0;
  for (let k = 0; k < counts.length; k++) cumulative[k] = rows += counts[k];
  return (j) => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > j) hi = mid;
      else lo = mid + 1;
    }
    return values[lo];
  };
}
