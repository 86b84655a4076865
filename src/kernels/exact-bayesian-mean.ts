/**
 * The Bayesian bootstrap of the mean (Rubin 1981) over a tally, evaluated without random numbers: the
 * exact mean of the replicate distribution (the tally's mean), its central quantile interval by
 * inverting the Lugannani-Rice saddlepoint CDF (`bayesianMeanTails`) with Brent's method on the normal
 * score, and a `ScoreDistribution` (`scoreNodes`) for the exact comparisons. A tally of one distinct
 * value is a point mass.
 *
 * Reference: Contrail method note `mc-free-bootstrap.md`. Parity: the limit of mozanalysis
 * `bayesian_bootstrap.get_bootstrap_samples` + `summarize_one_branch_samples` as num_samples grows.
 */
import type { Interval } from './interval.js';
import { monotoneSpline } from './monotone-spline.js';
import { bayesianMeanTails } from './saddlepoint-mean-cdf.js';
import type { ScoreDistribution } from './score-distribution.js';
import { scoreFromTails, scoreNodes, scoreQuantileOf, type ScoreFrame } from './score-nodes.js';
import type { Tally } from './tally-sorted.js';

/** A per-branch exact result: the interval row and the distribution for comparisons. */
export interface ExactBranch {
  readonly interval: Interval;
  readonly distribution: ScoreDistribution;
}

/** Mean, sd and support of the Bayesian-bootstrap mean: Σ c v / n, √(Σ c (v - mean)² / (n (n + 1))). */
export function bayesianMeanFrame(tally: Tally): ScoreFrame {
  const { values, counts } = tally;
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    n += counts[k];
    sum += counts[k] * values[k];
  }
  let mean = sum / n;
  // One correction pass: the first sum of a large tally loses a few ulps.
  let residual = 0;
  for (let k = 0; k < values.length; k++) residual += counts[k] * (values[k] - mean);
  mean += residual / n;
  let ss = 0;
  for (let k = 0; k < values.length; k++) ss += counts[k] * (values[k] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n * (n + 1))), min: values[0], max: values[values.length - 1] };
}

/** A point mass at v, as a branch result. */
export function pointMassBranch(v: number): ExactBranch {
  const empty = monotoneSpline(new Float64Array(0), new Float64Array(0));
  return {
    interval: { point: v, lower: v, upper: v },
    distribution: { mean: v, sd: 0, min: v, max: v, score: empty, inverse: empty },
  };
}

/** The exact replicate distribution of `tally`'s Bayesian-bootstrap mean, at `confidence`. */
export function exactBayesianMean(tally: Tally, confidence: number): ExactBranch {
  if (tally.values.length === 0) throw new RangeError('exactBayesianMean: the tally is empty; pass at least one value');
  const frame = bayesianMeanFrame(tally);
  if (tally.values.length === 1 || !(frame.sd > 0)) return pointMassBranch(frame.min);
  let guess = 0;
  const score = scoreFromTails((t) => {
    const tails = bayesianMeanTails(tally, frame.mean, t, guess);
    guess = tails.s;
    return tails;
  });
  const tail = (1 - confidence) / 2;
  const lower = scoreQuantileOf(score, frame, tail);
  const upper = scoreQuantileOf(score, frame, 1 - tail);
  return { interval: { point: frame.mean, lower, upper }, distribution: scoreNodes(score, frame) };
}
