/**
 * A monotone piecewise-cubic Hermite interpolant (PCHIP) through increasing nodes, extended linearly
 * beyond the first and last node with the end slopes. Slopes by Fritsch & Carlson's weighted harmonic
 * mean, so monotone data give a monotone curve with no overshoot.
 *
 * Reference: F. N. Fritsch & J. Butland (1984), SIAM J. Sci. Stat. Comput. 5(2).
 * Parity: scipy.interpolate.PchipInterpolator (interior slopes; one-sided three-point ends).
 */

/** Nodes x (strictly increasing), values y and slopes m, aligned. Plain data: structured-cloneable. */
export interface MonotoneSpline {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly m: Float64Array;
}

function endSlope(h0: number, h1: number, d0: number, d1: number): number {
  const m = ((2 * h0 + h1) * d0 - h0 * d1) / (h0 + h1);
  if (Math.sign(m) !== Math.sign(d0)) return 0;
  if (Math.sign(d0) !== Math.sign(d1) && Math.abs(m) > Math.abs(3 * d0)) return 3 * d0;
  return m;
}

/** The PCHIP through (x_i, y_i); x strictly increasing, at least one node. Inputs are not modified. */
export function monotoneSpline(x: Float64Array, y: Float64Array): MonotoneSpline {
  const n = x.length;
  const m = new Float64Array(n);
  if (n === 2) m[0] = m[1] = (y[1] - y[0]) / (x[1] - x[0]);
  if (n > 2) {
    const h = new Float64Array(n - 1);
    const d = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      h[i] = x[i + 1] - x[i];
      d[i] = (y[i + 1] - y[i]) / h[i];
    }
    for (let i = 1; i < n - 1; i++) {
      if (d[i - 1] * d[i] <= 0) continue;
      const w1 = 2 * h[i] + h[i - 1];
      const w2 = h[i] + 2 * h[i - 1];
      m[i] = (w1 + w2) / (w1 / d[i - 1] + w2 / d[i]);
    }
    m[0] = endSlope(h[0], h[1], d[0], d[1]);
    m[n - 1] = endSlope(h[n - 2], h[n - 3], d[n - 2], d[n - 3]);
  }
  return { x: Float64Array.from(x), y: Float64Array.from(y), m };
}

/** The spline's value at `at` (linear beyond the ends). */
export function evaluateSpline(spline: MonotoneSpline, at: number): number {
  const { x, y, m } = spline;
  const n = x.length;
  if (n === 1) return y[0];
  if (at <= x[0]) return y[0] + m[0] * (at - x[0]);
  if (at >= x[n - 1]) return y[n - 1] + m[n - 1] * (at - x[n - 1]);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= at) lo = mid;
    else hi = mid;
  }
  const h = x[hi] - x[lo];
  const t = (at - x[lo]) / h;
  const t2 = t * t;
  const t3 = t2 * t;
  return (
    (2 * t3 - 3 * t2 + 1) * y[lo] + (t3 - 2 * t2 + t) * h * m[lo] + (-2 * t3 + 3 * t2) * y[hi] + (t3 - t2) * h * m[hi]
  );
}
