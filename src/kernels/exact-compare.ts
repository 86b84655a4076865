/**
 * `difference` and `relative_uplift` of two independent continuous replicate distributions, each a
 * `ScoreDistribution`, without random numbers: by the probability-integral transform X = t_X(Z),
 * Z ~ N(0, 1), every probability is a one-dimensional integral over the outer branch X,
 *   P(B - A <= d) = E_Z[F_B(t_A(Z) + d)]  or  E_Z[1 - F_A(t_B(Z) - d)],
 *   P(B / A - 1 <= r) = E_Z[F_B((1 + r) t_A(Z))]  (A > 0)  or  E_Z[1 - F_A(t_B(Z) / (1 + r))]  (B >= 0, r > -1),
 * taken by a 341-point normal-weighted trapezoid rule on [-8.5, 8.5] (exponentially convergent for a
 * smooth integrand); the outer branch is the narrower one, so the inner CDF is smooth on the rule's step
 * (a point mass goes outside, where the integrand is constant and the rule exact). Quantiles by Brent's method on the probability; point = the exact mean:
 * E[B] - E[A] and E[B] E[1 / A] - 1 (E[1/A] by the same rule).
 *
 * A reference branch whose support contains 0 has no finite E[1 / A]: its relative point is NaN, as the
 * Monte Carlo path's is for an all-zero reference; bounds follow the signs (NaN for a point mass at 0).
 *
 * Reference: Contrail method note `mc-free-bootstrap.md`. Parity: the limit of mozanalysis
 * `summarize_joint_samples` (replicate-by-replicate pairs of independent draws) as num_samples grows.
 */
import { brentRoot } from './brent-root.js';
import type { Interval } from './interval.js';
import { isPointMass, scoreCdf, scoreQuantile, type ScoreDistribution } from './score-distribution.js';

const POINTS = 341;
const Z_MAX = 8.5;

/** Nodes and weights (φ(z) times the step, normalised to sum 1) of the rule. */
const RULE = (() => {
  const z = new Float64Array(POINTS);
  const w = new Float64Array(POINTS);
  const h = (2 * Z_MAX) / (POINTS - 1);
  let total = 0;
  for (let j = 0; j < POINTS; j++) {
    z[j] = -Z_MAX + j * h;
    w[j] = Math.exp(-0.5 * z[j] * z[j]) * (j === 0 || j === POINTS - 1 ? 0.5 : 1);
    total += w[j];
  }
  for (let j = 0; j < POINTS; j++) w[j] /= total;
  return { z, w };
})();

function quantiles(at: (x: number) => number, lo: number, hi: number, tail: number, scale: number): [number, number] {
  if (lo === hi) return [lo, hi];
  const xtol = 1e-10 * scale;
  return [brentRoot((x) => at(x) - tail, lo, hi, xtol), brentRoot((x) => at(x) - (1 - tail), lo, hi, xtol)];
}

/** Exact `difference` B - A and `relative_uplift` B / A - 1 of focus B and reference A at `confidence`. */
export function compareScoreDistributions(
  focus: ScoreDistribution,
  reference: ScoreDistribution,
  confidence: number,
): { difference: Interval; relativeUplift: Interval } {
  const tail = (1 - confidence) / 2;
  return {
    difference: difference(focus, reference, tail),
    relativeUplift: relativeUplift(focus, reference, tail),
  };
}

function outerPoints(d: ScoreDistribution): Float64Array {
  const t = new Float64Array(POINTS);
  for (let j = 0; j < POINTS; j++) t[j] = scoreQuantile(d, RULE.z[j]);
  return t;
}

function difference(b: ScoreDistribution, a: ScoreDistribution, tail: number): Interval {
  const point = b.mean - a.mean;
  if (isPointMass(a) && isPointMass(b)) return { point, lower: point, upper: point };
  // Integrate over the narrower branch: the wider one's CDF is then smooth on the rule's z-step (over
  // the wider one, a narrow inner CDF would jump within one step of 0.05 sd).
  const overA = a.sd <= b.sd;
  const outer = outerPoints(overA ? a : b);
  const cdf = (d: number): number => {
    let p = 0;
    for (let j = 0; j < POINTS; j++) {
      p += RULE.w[j] * (overA ? scoreCdf(b, outer[j] + d) : 1 - scoreCdf(a, outer[j] - d));
    }
    return p;
  };
  const sd = Math.hypot(a.sd, b.sd);
  const lo = Math.max(b.min - a.max, point - 15 * sd);
  const hi = Math.min(b.max - a.min, point + 15 * sd);
  const [lower, upper] = quantiles(cdf, lo, hi, tail, sd);
  return { point, lower, upper };
}

function relativeUplift(b: ScoreDistribution, a: ScoreDistribution, tail: number): Interval {
  if (isPointMass(a) && a.min === 0) return { point: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  // M_A > min A almost surely unless A is a point mass, so min A = 0 still keeps A > 0.
  const aSigned = a.min >= 0 ? 1 : a.max <= 0 ? -1 : 0;
  const outerA = outerPoints(a);
  let inverseMean = 0;
  for (let j = 0; j < POINTS; j++) inverseMean += RULE.w[j] / outerA[j];
  const point = aSigned === 0 ? Number.NaN : b.mean * inverseMean - 1;
  // Integrate over B when it is the narrower one relative to its mean and the signs allow it.
  const overB = aSigned === 1 && b.min >= 0 && !isPointMass(a) && (isPointMass(b) || b.sd / b.mean < a.sd / a.mean);
  const outerB = overB ? outerPoints(b) : outerA;
  const cdf = (r: number): number => {
    const y = 1 + r;
    let p = 0;
    if (overB) {
      if (!(y > 0)) return 0;
      for (let j = 0; j < POINTS; j++) p += RULE.w[j] * (1 - scoreCdf(a, outerB[j] / y));
      return p;
    }
    for (let j = 0; j < POINTS; j++) {
      const x = outerA[j];
      // P(B / x <= y): B <= y x for x > 0, B >= y x for x < 0.
      p += RULE.w[j] * (x > 0 ? scoreCdf(b, y * x) : x < 0 ? 1 - scoreCdf(b, y * x) : 0.5);
    }
    return p;
  };
  // The ratio's extremes are at the ends of B's support over the outer nodes of A.
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < POINTS; j++) {
    const x = outerA[j];
    if (x === 0) continue;
    for (const v of [b.min, b.max]) {
      const r = v / x - 1;
      if (r < lo) lo = r;
      if (r > hi) hi = r;
    }
  }
  if (!(lo < hi)) return { point, lower: lo, upper: hi };
  // The delta-method sd of B / A sets Brent's tolerance (the bracket can be far wider when A nears 0).
  const delta = Math.hypot(b.sd / a.mean, (b.mean * a.sd) / (a.mean * a.mean));
  const scale = aSigned !== 0 && delta > 0 && Number.isFinite(delta) ? delta : hi - lo;
  // An open support (a ratio branch with zero denominators) leaves the bracket infinite: 40 sd suffice.
  if (!Number.isFinite(lo)) lo = b.mean / a.mean - 1 - 40 * scale;
  if (!Number.isFinite(hi)) hi = b.mean / a.mean - 1 + 40 * scale;
  const [lower, upper] = quantiles(cdf, lo, hi, tail, scale);
  return { point, lower, upper };
}
