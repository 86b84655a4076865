/**
 * Logarithms of the Beta function and of the incomplete-beta prefactor x^a (1-x)^b / B(a, b),
 * computed without the catastrophic cancellation of lgamma differences when a or b is large
 * (up to 1e7 and beyond): Stirling's series with its remainder, and log1p(u) - u for the terms whose
 * linear parts cancel analytically.
 *
 * Reference: DiDonato & Morris (1992), ACM TOMS 18 (algorithm 708), sections 2-3; the same split as
 * Boost's `ibeta_power_terms`.
 */
import { logGamma } from './log-gamma.js';

const HALF_LOG_TWO_PI = 0.91893853320467274178;
/** Below this, plain log-gamma differences lose nothing that matters. */
const LARGE = 10;

/** Stirling remainder lgamma(z) - [(z - 1/2) log z - z + log(2π)/2], for z >= 10. */
export function stirlingCorrection(z: number): number {
  const r = 1 / (z * z);
  // B_2k / (2k (2k - 1)) for k = 1..8, Horner in 1/z^2.
  return (
    (1 / 12 +
      r * (-1 / 360 +
        r * (1 / 1260 +
          r * (-1 / 1680 +
            r * (1 / 1188 + r * (-691 / 360360 + r * (1 / 156 + r * (-3617 / 122400)))))))) /
    z
  );
}

/** log1p(u) - u, accurate for small |u| (series) and any u > -1. */
export function log1pMinusX(u: number): number {
  if (Math.abs(u) > 0.25) return Math.log1p(u) - u;
  let power = u * u;
  let sum = 0;
  for (let k = 2; k < 60; k++) {
    const term = power / k;
    sum += k % 2 === 0 ? -term : term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
    power *= u;
  }
  return sum;
}

/** log B(a, b) for a, b > 0. */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const big = Math.max(a, b);
  if (big < LARGE) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const c = a + b;
  if (small < LARGE) {
    // lgamma(big) - lgamma(c) by Stirling, so the huge terms cancel analytically.
    return (
      logGamma(small) - (big - 0.5) * Math.log1p(small / big) - small * Math.log(c) + small +
      stirlingCorrection(big) - stirlingCorrection(c)
    );
  }
  return (
    HALF_LOG_TWO_PI + (a - 0.5) * Math.log(a / c) + (b - 0.5) * Math.log(b / c) - 0.5 * Math.log(c) +
    stirlingCorrection(a) + stirlingCorrection(b) - stirlingCorrection(c)
  );
}

/**
 * log [x^a y^b / B(a, b)] with y = 1 - x given separately (so a tiny y keeps its precision).
 */
export function logBetaPrefactor(x: number, y: number, a: number, b: number): number {
  if (Math.min(a, b) < LARGE) {
    const logX = x < 0.5 ? Math.log(x) : Math.log1p(-y);
    const logY = y < 0.5 ? Math.log(y) : Math.log1p(-x);
    return a * logX + b * logY - logBeta(a, b);
  }
  const c = a + b;
  const x0 = a / c;
  const y0 = b / c;
  // d = x - x0 = y0 - y, from whichever of x, y is the smaller (hence exact-er) number.
  const d = x <= y ? x - x0 : y0 - y;
  return (
    a * log1pMinusX(d / x0) + b * log1pMinusX(-d / y0) + 0.5 * Math.log((a * b) / c) - HALF_LOG_TWO_PI +
    stirlingCorrection(c) - stirlingCorrection(a) - stirlingCorrection(b)
  );
}
