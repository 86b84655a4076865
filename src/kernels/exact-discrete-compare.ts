/**
 * `difference` B - A and `relative_uplift` B / A - 1 of two independent discrete replicate
 * distributions (e.g. the bootstrapped deciles of two branches), exactly: the CDF of the difference
 * P(B - A <= d) = Σ_i P(A = a_i) F_B(a_i + d) is evaluated over the full (already truncated) supports
 * in O(|A| + |B|) by a merge, never forming the |A| |B| convolution; its quantiles are found by
 * bisection and snapped to the exact jump b_j - a_i (so they are differences of two atoms, to
 * rounding), with the tie rule of `discreteQuantile`. Points are exact: E[B] - E[A] and
 * E[B] E[1 / A] - 1. The error bound is the supports' truncation: below 1e-17 of probability per branch
 * for `orderStatisticDistribution`, far below any quantile level's resolution.
 *
 * A reference with an atom at 0 has replicates B / 0: its relative row is NaN (null), as the Monte
 * Carlo path's is when it draws that atom; an atom at 0 with probability below 1e-9, which no
 * practical Monte Carlo run draws, is left out instead.
 *
 * Parity: the limit of mozanalysis `summarize_joint_samples` over independent draws as num_samples grows.
 */
import { discreteMean, stepCdfQuantile, type DiscreteDistribution } from './discrete-distribution.js';
import type { Interval } from './interval.js';

const ZERO_ATOM_NEGLIGIBLE = 1e-9;

/** Cumulative probabilities: cumulative[j] = P(X <= values[j]). */
function cumulativeOf(d: DiscreteDistribution): Float64Array {
  const out = new Float64Array(d.values.length);
  let c = 0;
  for (let j = 0; j < out.length; j++) out[j] = c += d.probabilities[j];
  return out;
}

/** Index of the first value > x (strict) or >= x, by binary search. */
function firstAbove(values: Float64Array, x: number, orEqual: boolean): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] > x || (orEqual && values[mid] === x)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Exact difference and relative uplift of focus B and reference A at `confidence`. */
export function compareDiscreteDistributions(
  focus: DiscreteDistribution,
  reference: DiscreteDistribution,
  confidence: number,
): { difference: Interval; relativeUplift: Interval } {
  const tail = (1 - confidence) / 2;
  const b = focus;
  const a = reference;
  const bCum = cumulativeOf(b);
  const bv = b.values;
  const av = a.values;
  const m = av.length;
  const cdfB = (x: number, strict: boolean): number => {
    const j = firstAbove(bv, x, strict);
    return j === 0 ? 0 : bCum[j - 1];
  };

  // Difference: x_i = a_i + d increases with i, so one pointer walks B.
  const differenceCdf = (d: number): number => {
    let p = 0;
    let j = 0;
    for (let i = 0; i < m; i++) {
      const x = av[i] + d;
      while (j < bv.length && bv[j] <= x) j++;
      if (j > 0) p += a.probabilities[i] * bCum[j - 1];
    }
    return p;
  };
  const differenceJump = (d: number): number => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < m; i++) {
      const j = firstAbove(bv, av[i] + d, false);
      if (j < bv.length) best = Math.min(best, bv[j] - av[i]);
    }
    return best;
  };
  const dBracket = [bv[0] - av[m - 1], bv[bv.length - 1] - av[0]] as const;
  const meanB = discreteMean(b);
  const difference: Interval = {
    point: meanB - discreteMean(a),
    lower: stepCdfQuantile(differenceCdf, differenceJump, dBracket, tail),
    upper: stepCdfQuantile(differenceCdf, differenceJump, dBracket, 1 - tail),
  };

  // An atom at 0 makes replicates B / 0. With probability below 1e-9 no practical Monte Carlo run draws
  // it, and it is left out (with its mass: the rest is renormalized); above, the row is NaN (null).
  let zeroMass = 0;
  for (let i = 0; i < m; i++) if (av[i] === 0) zeroMass += a.probabilities[i];
  if (zeroMass > ZERO_ATOM_NEGLIGIBLE) {
    return { difference, relativeUplift: { point: Number.NaN, lower: Number.NaN, upper: Number.NaN } };
  }
  const keep = 1 / (1 - zeroMass);
  let inverseMean = 0;
  for (let i = 0; i < m; i++) if (av[i] !== 0) inverseMean += (keep * a.probabilities[i]) / av[i];
  // P(B / a <= y): F_B(y a) for a > 0, P(B >= y a) = 1 - F_B((y a)-) for a < 0.
  const relativeCdf = (r: number): number => {
    const y = 1 + r;
    let p = 0;
    for (let i = 0; i < m; i++) {
      const x = y * av[i];
      if (av[i] !== 0) p += keep * a.probabilities[i] * (av[i] > 0 ? cdfB(x, false) : 1 - cdfB(x, true));
    }
    return p;
  };
  const relativeJump = (r: number): number => {
    let best = Number.POSITIVE_INFINITY;
    const y = 1 + r;
    for (let i = 0; i < m; i++) {
      if (av[i] === 0) continue;
      // The first atom of B / a_i - 1 above r: for a_i > 0 the first b > y a_i, for a_i < 0 the last b < y a_i.
      const j = av[i] > 0 ? firstAbove(bv, y * av[i], false) : firstAbove(bv, y * av[i], true) - 1;
      if (j >= 0 && j < bv.length) best = Math.min(best, bv[j] / av[i] - 1);
    }
    return best;
  };
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m; i++) {
    if (av[i] === 0) continue;
    for (const v of [bv[0], bv[bv.length - 1]]) {
      const r = v / av[i] - 1;
      lo = Math.min(lo, r);
      hi = Math.max(hi, r);
    }
  }
  const relativeUplift: Interval = {
    point: meanB * inverseMean - 1,
    lower: stepCdfQuantile(relativeCdf, relativeJump, [lo, hi], tail),
    upper: stepCdfQuantile(relativeCdf, relativeJump, [lo, hi], 1 - tail),
  };
  return { difference, relativeUplift };
}
