/**
 * The CDF and quantile function of Student's t distribution with `df` degrees of freedom (any
 * positive real; checked against scipy up to df = 1e8, where it is the normal to 1e-8), through the
 * regularized incomplete beta: P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2) = 1 - I_{t²/(df+t²)}(1/2, df/2).
 * Both x = df/(df+t²) and y = t²/(df+t²) are formed directly, so neither loses digits when the other
 * is near 1 (large df, or heavy tails).
 *
 * Reference: Abramowitz & Stegun 26.5.27. Parity: scipy.stats.t.cdf / ppf.
 */
import { incompleteBetaPair, inverseIncompleteBetaTail } from './incomplete-beta.js';

/** P(T <= t) for T ~ t(df). Parity: scipy.stats.t.cdf. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  const t2 = t * t;
  const x = df / (df + t2);
  const y = t2 / (df + t2);
  const twoSided = incompleteBetaPair(x, y, df / 2, 0.5).lower; // P(|T| > |t|)
  return t < 0 ? 0.5 * twoSided : 1 - 0.5 * twoSided;
}

/** The t with P(T <= t) = p for T ~ t(df). Parity: scipy.stats.t.ppf. */
export function studentTQuantile(p: number, df: number): number {
  if (Number.isNaN(p) || !(df > 0) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  const alpha = 2 * p; // P(|T| > |t|), in (0, 1)
  // Small x (heavy tails, small df): t² = df (1 - x) / x is accurate.
  const x = inverseIncompleteBetaTail(alpha, df / 2, 0.5, false);
  if (x < 0.5) return -Math.sqrt((df * (1 - x)) / x);
  // Otherwise solve for y = 1 - x directly (large df): 1 - I_y(1/2, df/2) = alpha.
  const y = inverseIncompleteBetaTail(alpha, 0.5, df / 2, true);
  return -Math.sqrt((df * y) / (1 - y));
}
