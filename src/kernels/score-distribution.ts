/**
 * A continuous distribution on [min, max] stored as its normal score z(t) = Φ⁻¹(F(t)) at a few dozen
 * nodes, with monotone splines for z(t) and its inverse t(z): the smooth per-branch representation the
 * exact comparisons integrate over. z(t) of a bootstrap mean is nearly linear in t, so a few dozen
 * nodes reproduce the saddlepoint CDF to far below Monte Carlo error. min === max is a point mass.
 *
 * Reference: Contrail method note `mc-free-bootstrap.md` (splines of the saddlepoint score).
 */
import { evaluateSpline, type MonotoneSpline } from './monotone-spline.js';
import { normalCdf } from './normal.js';

/** Plain data (structured-cloneable): moments, support and the two splines. */
export interface ScoreDistribution {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** z as a function of t; empty nodes for a point mass. */
  readonly score: MonotoneSpline;
  /** t as a function of z (the same nodes swapped). */
  readonly inverse: MonotoneSpline;
}

/** True when the distribution is a point mass at `min` (= `max`). */
export function isPointMass(d: ScoreDistribution): boolean {
  return d.min === d.max;
}

/** P(X <= x): 0 below the support, 1 from its top, Φ(z(x)) inside. */
export function scoreCdf(d: ScoreDistribution, x: number): number {
  if (x >= d.max) return 1;
  if (x < d.min || (x === d.min && d.min !== d.max)) return 0;
  return normalCdf(evaluateSpline(d.score, x));
}

/** The t with Φ⁻¹(F(t)) = z, clipped to the support (a point mass returns its value). */
export function scoreQuantile(d: ScoreDistribution, z: number): number {
  if (d.min === d.max) return d.min;
  const t = evaluateSpline(d.inverse, z);
  return t < d.min ? d.min : t > d.max ? d.max : t;
}
