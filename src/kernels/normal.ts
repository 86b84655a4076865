/**
 * The standard normal CDF and quantile function, to full double precision.
 *
 * normalCdf: Φ(x) = erfc(-x/√2)/2, with erf by its everywhere-positive series for |z| < 2 and erfc by
 * its continued fraction (modified Lentz) beyond; e^{-z²} is split as in Cody/R so that the far tails
 * keep their relative precision. normalQuantile: Acklam's rational approximation (1.15e-9 relative)
 * refined by one Halley step on normalCdf.
 *
 * Reference: Abramowitz & Stegun 7.1.6 and 7.1.14; P. J. Acklam (2003), "An algorithm for computing
 * the inverse normal cumulative distribution function".
 * Parity: scipy.stats.norm.cdf / ppf.
 */

const SQRT_PI = 1.7724538509055160273;

/** e^{-z²} with z² split into an exact high part and a small low part. */
function expMinusSquare(z: number): number {
  const high = Math.trunc(z * 16) / 16;
  return Math.exp(-high * high) * Math.exp(-(z - high) * (z + high));
}

/** erf(z) for 0 <= z < 2: (2/√π) e^{-z²} Σ 2^n z^{2n+1} / (1·3·…·(2n+1)). */
function erfSeries(z: number): number {
  const z2 = 2 * z * z;
  let term = z;
  let sum = z;
  for (let n = 1; n < 200; n++) {
    term *= z2 / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return ((2 / SQRT_PI) * expMinusSquare(z) * sum);
}

/** erfc(z) for z >= 2: e^{-z²}/√π · 1/(z + (1/2)/(z + 1/(z + (3/2)/(z + …)))). */
function erfcContinuedFraction(z: number): number {
  const tiny = 1e-300;
  // f = z + K(k/2 / z), evaluated with modified Lentz.
  let f = z;
  let c = z;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = z + a * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = z + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return expMinusSquare(z) / (SQRT_PI * f);
}

/** Φ(x) = P(Z <= x) for Z ~ N(0, 1). Parity: scipy.stats.norm.cdf. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return Number.NaN;
  const z = Math.abs(x) / Math.SQRT2;
  if (z > 27.3) return x < 0 ? 0 : 1; // erfc(27.3)/2 underflows
  let tail: number; // P(Z > |x|)
  if (z < 2) {
    const erf = erfSeries(z);
    tail = 0.5 - 0.5 * erf;
  } else {
    tail = 0.5 * erfcContinuedFraction(z);
  }
  return x < 0 ? tail : 1 - tail;
}

const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Acklam's approximation for p <= 0.5. */
function acklamLower(p: number): number {
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) /
      ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) /
    (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
}

/** The x with Φ(x) = p. Parity: scipy.stats.norm.ppf. */
export function normalQuantile(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  // Work in the lower tail, where Φ keeps relative precision; 1 - p is exact for p >= 0.5.
  if (p > 0.5) return -normalQuantile(1 - p);
  let x = acklamLower(p);
  for (let step = 0; step < 2; step++) {
    const e = normalCdf(x) - p;
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp(0.5 * x * x);
    x -= u / (1 + 0.5 * x * u);
  }
  return x;
}
