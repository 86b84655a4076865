/**
 * The CDF of the Bayesian-bootstrap mean M = Σ v_k g_k / Σ g_k, g_k ~ Gamma(c_k, 1) independent, over
 * a tally of distinct values v_k with counts c_k, by the Lugannani-Rice saddlepoint approximation,
 * without random numbers.
 *
 * P(M <= t) = P(S_t <= 0) with S_t = Σ g_k a_k, a_k = v_k - t (exact: the Dirichlet is a set of
 * normalised gammas). S_t has the cumulant generating function K(s) = -Σ c_k log(1 - s a_k) on
 * 1/min(a) < s < 1/max(a). The saddlepoint s solves K'(s) = Σ c_k a_k / (1 - s a_k) = 0 (K' increases,
 * so Newton's method is safeguarded by bisection inside the domain); with w = sign(s) √(-2 K(s)) and
 * u = s √K''(s), F = Φ(w) + φ(w) (1/w - 1/u) plus Daniels' second-order term (`lugannaniRiceTails`:
 * it takes the n = 5 heavy-tailed upper endpoint from 0.7 % to 0.3 % of the interval width). K(s) is summed as
 * -Σ c_k h(s a_k) + s K'(s) with h(x) = log(1 - x) + x / (1 - x) (a series for small x), so it keeps
 * its relative precision when t is near the mean. At s = 0 (t = the mean) the limit
 * 1/2 + κ3 / (6 √(2π) κ2^{3/2}) is used. Outside the support (min v, max v) the CDF is 0 or 1; a tally
 * of one distinct value is a point mass.
 *
 * Reference: R. Lugannani & S. Rice (1980), Adv. Appl. Probab. 12; H. E. Daniels (1987), Int. Statist.
 * Rev. 55 (the limit at the mean); Contrail method note `mc-free-bootstrap.md`. Parity: the
 * distribution mozanalysis `bayesian_bootstrap.get_bootstrap_samples` samples.
 */
import { lugannaniRiceTails, tailsAtMean, type TailPair } from './lugannani-rice.js';
import type { Tally } from './tally-sorted.js';

export type { TailPair } from './lugannani-rice.js';

/** h(x) = log(1 - x) + x / (1 - x) = Σ_{j>=2} (1 - 1/j) x^j, accurate for every x < 1. */
function logRemainder(x: number): number {
  if (Math.abs(x) < 0.02) {
    // Terms up to x^12: the next is below 0.02^11 ≈ 2e-19 of the leading x²/2.
    let sum = 0;
    for (let j = 12; j >= 2; j--) sum = sum * x + (1 - 1 / j);
    return sum * x * x;
  }
  return Math.log1p(-x) + x / (1 - x);
}

/** The saddlepoint of K'(s) = 0 for a = v - t, with min v < t < max v; `guess` warm-starts it. */
export function saddlepoint(values: Float64Array, counts: Float64Array, t: number, guess = 0): number {
  const u = values.length;
  // Domain (1/min a, 1/max a); a little inside so 1 - s a stays positive.
  let lo = 1 / (values[0] - t);
  let hi = 1 / (values[u - 1] - t);
  let s = guess > lo && guess < hi ? guess : 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    let d1 = 0;
    let d2 = 0;
    for (let k = 0; k < u; k++) {
      const a = values[k] - t;
      const r = a / (1 - s * a);
      d1 += counts[k] * r;
      d2 += counts[k] * r * r;
    }
    if (d1 === 0) return s;
    if (d1 > 0) hi = s;
    else lo = s;
    let next = s - d1 / d2;
    const newton = next > lo && next < hi;
    // Otherwise bisect: the domain ends are poles of K', so stay strictly inside.
    if (!newton) next = 0.5 * (lo + hi);
    const step = Math.abs(next - s) * Math.sqrt(d2);
    s = next;
    // A Newton step in units of the saddlepoint's scale (≈ the change of u): converged below 1e-13.
    if ((newton && step < 1e-13) || hi - lo <= 4e-16 * Math.abs(s)) return s;
  }
  return s;
}

/**
 * P(M <= t) and P(M > t) for the Bayesian-bootstrap mean of `tally` (ascending distinct values and
 * their counts). `mean` is Σ c v / Σ c, passed in because callers compute it once.
 */
export function bayesianMeanTails(tally: Tally, mean: number, t: number, guess = 0): TailPair & { s: number } {
  const { values, counts } = tally;
  const u = values.length;
  if (u === 0 || Number.isNaN(t)) return { lower: Number.NaN, upper: Number.NaN, s: 0 };
  // Support: a point mass at v (u = 1), else M lies in (min v, max v) almost surely.
  if (t >= values[u - 1]) return { lower: 1, upper: 0, s: 0 };
  if (t <= values[0]) return { lower: 0, upper: 1, s: 0 };
  const s = t === mean ? 0 : saddlepoint(values, counts, t, guess);
  let k1 = 0;
  let k2 = 0;
  let k3 = 0;
  let k4 = 0;
  let remainder = 0;
  for (let k = 0; k < u; k++) {
    const a = values[k] - t;
    const x = s * a;
    const r = a / (1 - x);
    const c = counts[k];
    k1 += c * r;
    k2 += c * r * r;
    k3 += c * r * r * r;
    k4 += c * r * r * r * r;
    remainder += c * logRemainder(x);
  }
  const cgf = -remainder + s * k1;
  const w0 = Math.sqrt(Math.max(0, -2 * cgf));
  const uu = s * Math.sqrt(k2);
  // Daniels' limit at the mean; κ3 of S is 2 Σ c a³ (Gamma(c) has κ3 = 2c).
  if (s === 0 || w0 < 1e-9 || Math.abs(uu) < 1e-9) return { ...tailsAtMean(k2, 2 * k3), s };
  const w = s < 0 ? -w0 : w0;
  // Gamma(c) cumulants: K'''(s) = 2 Σ c r³, K''''(s) = 6 Σ c r⁴.
  return { ...lugannaniRiceTails(w, uu, (2 * k3) / Math.pow(k2, 1.5), (6 * k4) / (k2 * k2)), s };
}
