/**
 * The CDF and quantile function of Student's t distribution with `df` degrees of freedom (any
 * positive real, up to 1e8 and beyond; tends to the normal as df grows).
 *
 * Through the regularized incomplete beta, P(|T| > t) = I_{df/(df+t²)}(df/2, 1/2), for df < 1e5.
 * For df >= 1e5 (and |z| <= 10) the incomplete beta's continued fraction loses digits (x within
 * 1e-8 of 1 with a = 5e7), so the Cornish-Fisher expansion of t in the normal quantile z is used
 * instead, with four correction terms: its truncation error there is below 1e-15 relative.
 *
 * Reference: Abramowitz & Stegun 26.5.27 and 26.7.5. Parity: scipy.stats.t.cdf / ppf.
 */
import { incompleteBetaPair, inverseIncompleteBetaTail } from './incomplete-beta.js';
import { normalCdf, normalQuantile } from './normal.js';

const EXPANSION_MIN_DF = 1e5;
const EXPANSION_MAX_Z = 10;

/** t as a function of z (A&S 26.7.5), and its derivative in z. */
function cornishFisher(z: number, df: number): { t: number; slope: number } {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  const d1 = (3 * z2 + 1) / 4;
  const d2 = ((25 * z2 + 48) * z2 + 3) / 96;
  const d3 = (((21 * z2 + 95) * z2 + 51) * z2 - 15) / 384;
  const d4 = ((((711 * z2 + 5432) * z2 + 7410) * z2 - 5760) * z2 - 945) / 92160;
  const v = 1 / df;
  return {
    t: z + v * (g1 + v * (g2 + v * (g3 + v * g4))),
    slope: 1 + v * (d1 + v * (d2 + v * (d3 + v * d4))),
  };
}

/** P(T <= t) for T ~ t(df). Parity: scipy.stats.t.cdf. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 1;
  if (t === Number.NEGATIVE_INFINITY) return 0;
  if (df >= EXPANSION_MIN_DF && Math.abs(t) <= EXPANSION_MAX_Z) {
    // Invert t(z) by Newton from z = t (the correction is O(1/df), so two steps reach rounding).
    let z = t;
    for (let step = 0; step < 4; step++) {
      const { t: tz, slope } = cornishFisher(z, df);
      z -= (tz - t) / slope;
    }
    return normalCdf(z);
  }
  const t2 = t * t;
  // x = df/(df+t²) and y = t²/(df+t²), each computed directly so neither loses precision.
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
  if (df >= EXPANSION_MIN_DF) {
    const z = normalQuantile(p);
    if (Math.abs(z) <= EXPANSION_MAX_Z) return cornishFisher(z, df).t;
  }
  const alpha = 2 * p; // P(|T| > |t|), in (0, 1)
  // Small x (heavy tails, small df): t² = df (1 - x) / x is accurate.
  const x = inverseIncompleteBetaTail(alpha, df / 2, 0.5, false);
  if (x < 0.5) return -Math.sqrt((df * (1 - x)) / x);
  // Otherwise solve for y = 1 - x directly: 1 - I_y(1/2, df/2) = alpha.
  const y = inverseIncompleteBetaTail(alpha, 0.5, df / 2, true);
  return -Math.sqrt((df * y) / (1 - y));
}
