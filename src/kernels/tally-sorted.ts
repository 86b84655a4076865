/**
 * The distinct values of an ascending array and how often each occurs: the sufficient statistic of
 * the Bayesian bootstrap (Dirichlet(counts) over distinct values = Dirichlet(1, ..., 1) over rows).
 * `-sorted`: the input must be ascending and free of NaN.
 *
 * Parity: numpy `np.unique(data, return_counts=True)` (mozanalysis bayesian_bootstrap).
 */

/** Distinct values (ascending) with their multiplicities, aligned. */
export interface Tally {
  readonly values: Float64Array;
  readonly counts: Float64Array;
}

/** Distinct values and counts of an ascending, NaN-free array. Parity: np.unique(return_counts=True). */
export function tallySorted(sorted: Float64Array): Tally {
  const n = sorted.length;
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < n; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) {
      k++;
      values[k] = sorted[i];
    }
    counts[k]++;
  }
  return { values, counts };
}
