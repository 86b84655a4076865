/**
 * Exact Binomial(n, p) draws for n up to 1e8 and beyond (any n below 2^53): BTRS, Hörmann's
 * transformed rejection with squeeze, when min(p, 1-p) n >= 10; sequential inversion from 0 below.
 * p > 1/2 draws n - Binomial(n, 1 - p). The acceptance test compares log-factorial differences
 * written with log1p and Stirling remainders, so it stays exact to rounding at n = 1e8 (plain
 * lgamma differences of size 1e9 would carry 1e-7 absolute error).
 *
 * Reference: W. Hörmann (1993), "The generation of binomial random variates", J. Statist. Comput.
 * Simul. 46 (algorithm BTRS). Parity: numpy `np.random.binomial` (BTPE / inversion: same
 * distribution, different stream), as drawn by mozanalysis `get_quantile_bootstrap_samples`.
 */
import { logGamma } from './log-gamma.js';
import { stirlingCorrection } from './log-beta-terms.js';
import type { Rng } from './rng.js';

const HALF_LOG_TWO_PI = 0.91893853320467274178;

/** lgamma(z) - [(z - 1/2) log z - z + log(2π)/2], for z >= 1. */
function correction(z: number): number {
  if (z >= 10) return stirlingCorrection(z);
  return logGamma(z) - ((z - 0.5) * Math.log(z) - z + HALF_LOG_TWO_PI);
}

/**
 * log(m! / k!) - (m - k) log(k + 1), without forming either factorial (Stirling):
 * -(m + 1/2) log1p((k - m)/(m + 1)) - (m - k) + corr(m + 1) - corr(k + 1).
 */
function logFactorialRatioRest(m: number, k: number): number {
  return -(m + 0.5) * Math.log1p((k - m) / (m + 1)) - (m - k) + correction(m + 1) - correction(k + 1);
}

/** Sequential inversion (np < 10): the expected number of steps is np + 1. */
function inversion(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const r0 = Math.exp(n * Math.log1p(-p));
  const bound = Math.min(n, Math.floor(n * p + 10 * Math.sqrt(n * p * q + 1)));
  for (;;) {
    let r = r0;
    let u = rng.nextFloat();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > bound) break;
      r *= a / x - s;
    }
    if (x <= bound) return x;
    // Rounding left u beyond the mass we walked: start again (numpy's binomial_inversion does too).
  }
}

/** |k - m| up to which BTRS evaluates f(k)/f(m) by its successive ratios (BTPE uses 15). */
const RECURSIVE_SPAN = 15;

/** BTRS for np >= 10 with p <= 1/2. */
function btrs(n: number, p: number, rng: Rng): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const vr = 0.92 - 4.2 / b;
  const alpha = (2.83 + 5.1 / b) * spq;
  const m = Math.floor((n + 1) * p);
  for (;;) {
    const u = rng.nextFloat() - 0.5;
    let v = rng.nextFloat();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (us === 0) continue;
    v = (v * alpha) / (a / (us * us) + b);
    // Near the mode, f(k)/f(m) as a product of the pmf's successive ratios, without a logarithm
    // (BTPE's step 5.1, Kachitvichyanukul & Schmeiser 1988): at the n·p of 10-100 of population
    // ratio's pairs the squeeze above rejects half the draws, and four logarithms cost more than
    // up to RECURSIVE_SPAN multiplications and divisions.
    const d = k - m;
    if (d <= RECURSIVE_SPAN && d >= -RECURSIVE_SPAN) {
      const s = p / q;
      let f = 1;
      if (d > 0) for (let j = m + 1; j <= k; j++) f *= ((n - j + 1) * s) / j;
      else for (let j = k + 1; j <= m; j++) f *= j / ((n - j + 1) * s);
      if (v <= f) return k;
      continue;
    }
    v = Math.log(v);
    // log f(k)/f(m) = log(m!/k!) + log((n-m)!/(n-k)!) + (k - m) log(p/q); the (k - m) log terms of the
    // two ratios and of p/q are combined into one log of a ratio near 1.
    const bound =
      logFactorialRatioRest(m, k) +
      logFactorialRatioRest(n - m, n - k) +
      (k - m) * Math.log(((n - k + 1) * p) / ((k + 1) * q));
    if (v <= bound) return k;
  }
}

/** One Binomial(n, p) draw: n a non-negative integer, p in [0, 1]. */
export function sampleBinomial(n: number, p: number, rng: Rng): number {
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, rng);
  return n * p < 10 ? inversion(n, p, rng) : btrs(n, p, rng);
}
