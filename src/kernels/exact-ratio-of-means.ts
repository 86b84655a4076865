/**
 * The classical bootstrap of a ratio of means Σ num / Σ den over n rows, evaluated without random
 * numbers: the central quantile interval from the Davison-Hinkley saddlepoint CDF
 * (`ratioOfMeansTails`), and a `ScoreDistribution` for the exact comparisons. The point is the mean of
 * the replicate distribution, E[r*] = E_Z[t(Z)] over the score spline by a 341-point normal rule (the
 * Monte Carlo point is the mean of the replicates, which carries the ratio's O(1/n) bootstrap bias).
 * Requires every den_i >= 0 and Σ den > 0.
 *
 * Reference: Davison & Hinkley (1988), Biometrika 75(3). Parity: the limit of mozanalysis
 * `bootstrap.get_bootstrap_samples` (stat_fn mean(num) / mean(den)) + `summarize_one_branch_samples`.
 */
import { pointMassBranch, type ExactBranch } from './exact-bayesian-mean.js';
import { ratioOfMeansTails } from './saddlepoint-ratio-cdf.js';
import { scoreQuantile } from './score-distribution.js';
import { scoreFromTails, scoreNodes, scoreQuantileOf, type ScoreFrame } from './score-nodes.js';

/** The exact bootstrap distribution of Σ num / Σ den at `confidence`; inputs are not modified. */
export function exactRatioOfMeans(num: Float64Array, den: Float64Array, confidence: number): ExactBranch {
  const n = num.length;
  let sn = 0;
  let sd = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let zeroDenominator = false;
  for (let i = 0; i < n; i++) {
    if (den[i] < 0) throw new RangeError(`exactRatioOfMeans: denominator ${den[i]} at row ${i} is negative; the exact method needs denominators >= 0`);
    sn += num[i];
    sd += den[i];
    if (den[i] > 0) {
      const r = num[i] / den[i];
      if (r < min) min = r;
      if (r > max) max = r;
    } else if (num[i] !== 0) zeroDenominator = true;
  }
  if (!(sd > 0)) throw new RangeError('exactRatioOfMeans: the denominators sum to 0; the ratio is undefined');
  const ratio = sn / sd;
  // Rows with den 0 and num != 0 move r* beyond the per-row ratios: leave that side open.
  if (zeroDenominator) {
    min = Number.NEGATIVE_INFINITY;
    max = Number.POSITIVE_INFINITY;
  }
  if (min === max) return pointMassBranch(min);
  // Delta-method sd of r*: √(Σ (num - R den)² / n²) / mean(den).
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (num[i] - ratio * den[i]) ** 2;
  const spread = Math.sqrt(ss) / n / (sd / n);
  if (!(spread > 0)) return pointMassBranch(ratio);
  const frame: ScoreFrame = { mean: ratio, sd: spread, min, max };
  let guess = 0;
  const score = scoreFromTails((r) => {
    const tails = ratioOfMeansTails(num, den, r, guess);
    guess = tails.s;
    return tails;
  });
  const tail = (1 - confidence) / 2;
  const lower = scoreQuantileOf(score, frame, tail);
  const upper = scoreQuantileOf(score, frame, 1 - tail);
  const distribution = scoreNodes(score, frame);
  const point = ruleMean((z) => scoreQuantile(distribution, z));
  return { interval: { point, lower, upper }, distribution: { ...distribution, mean: point } };
}

/** E[t(Z)], Z ~ N(0, 1), by the trapezoid rule on 341 points in [-8.5, 8.5] weighted by φ. */
function ruleMean(t: (z: number) => number): number {
  let total = 0;
  let weight = 0;
  for (let j = 0; j < 341; j++) {
    const z = -8.5 + j * 0.05;
    const w = Math.exp(-0.5 * z * z) * (j === 0 || j === 340 ? 0.5 : 1);
    total += w * t(z);
    weight += w;
  }
  return total / weight;
}
