/**
 * The Bayesian bootstrap of the mean (Rubin 1981) over a tally, evaluated without random numbers: the
 * exact mean of the replicate distribution (the tally's mean), its central quantile interval by
 * inverting the Lugannani-Rice saddlepoint CDF (`bayesianMeanTails`) with Brent's method on the normal
 * score, and a `ScoreDistribution` (score z(t) at nodes mean ± 0.75 k sd, k = -12..12, inside the
 * support, plus nodes stepping geometrically towards a support end until |z| passes 8.6) for the
 * exact comparisons.
 *
 * Reference: Contrail method note `mc-free-bootstrap.md`. Parity: the limit of mozanalysis
 * `bayesian_bootstrap.get_bootstrap_samples` + `summarize_one_branch_samples` as num_samples grows.
 */
import { brentRoot } from './brent-root.js';
import type { Interval } from './interval.js';
import { monotoneSpline } from './monotone-spline.js';
import { normalQuantile } from './normal.js';
import { bayesianMeanTails } from './saddlepoint-mean-cdf.js';
import type { ScoreDistribution } from './score-distribution.js';
import type { Tally } from './tally-sorted.js';

/** The per-branch result: the interval row and the distribution for comparisons. */
export interface ExactBayesianMean {
  readonly interval: Interval;
  readonly distribution: ScoreDistribution;
}

const Z_LIMIT = 38;
const NODE_STEP = 0.75;
const NODE_RANGE = 12;
const SCORE_REACH = 8.6;

/** Mean and sd of the Bayesian-bootstrap mean: Σ c v / n and √(Σ c (v - mean)² / (n (n + 1))). */
function moments(tally: Tally): { mean: number; sd: number; n: number } {
  const { values, counts } = tally;
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    n += counts[k];
    sum += counts[k] * values[k];
  }
  let mean = sum / n;
  // One correction pass: the mean of a large tally loses a few ulps in the first sum.
  let residual = 0;
  for (let k = 0; k < values.length; k++) residual += counts[k] * (values[k] - mean);
  mean += residual / n;
  let ss = 0;
  for (let k = 0; k < values.length; k++) ss += counts[k] * (values[k] - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n * (n + 1))), n };
}

/** A scorer z(t) that warm-starts each saddlepoint from the previous one. */
function scorer(tally: Tally, mean: number): (t: number) => number {
  let guess = 0;
  return (t) => {
    const tails = bayesianMeanTails(tally, mean, t, guess);
    guess = tails.s;
    const z = tails.lower < 0.5 ? normalQuantile(tails.lower) : -normalQuantile(tails.upper);
    return z < -Z_LIMIT ? -Z_LIMIT : z > Z_LIMIT ? Z_LIMIT : z;
  };
}

/** The exact replicate distribution of `tally`'s Bayesian-bootstrap mean, at `confidence`. */
export function exactBayesianMean(tally: Tally, confidence: number): ExactBayesianMean {
  const { values } = tally;
  const u = values.length;
  if (u === 0) throw new RangeError('exactBayesianMean: the tally is empty; pass at least one value');
  const min = values[0];
  const max = values[u - 1];
  const { mean, sd } = moments(tally);
  const empty = monotoneSpline(new Float64Array(0), new Float64Array(0));
  if (u === 1 || !(sd > 0)) {
    const distribution = { mean: min, sd: 0, min, max: min, score: empty, inverse: empty };
    return { interval: { point: min, lower: min, upper: min }, distribution };
  }
  const score = scorer(tally, mean);
  const tail = (1 - confidence) / 2;
  const lo = Math.max(min, mean - 12 * sd);
  const hi = Math.min(max, mean + 12 * sd);
  const quantileAt = (p: number): number => {
    const target = normalQuantile(p);
    return brentRoot((t) => score(t) - target, lo, hi, 1e-9 * sd);
  };
  const lower = quantileAt(tail);
  const upper = quantileAt(1 - tail);
  return { interval: { point: mean, lower, upper }, distribution: scoreNodes(score, { mean, sd, min, max }) };
}

/** Nodes of z(t) inside the support, then towards each support end until |z| reaches SCORE_REACH. */
function scoreNodes(
  score: (t: number) => number,
  d: { mean: number; sd: number; min: number; max: number },
): ScoreDistribution {
  const ts: number[] = [];
  const zs: number[] = [];
  // From the mean outwards, so each saddlepoint warm-starts from a neighbour.
  const below: [number, number][] = [];
  const above: [number, number][] = [];
  const center = score(d.mean);
  for (let k = 1; k <= NODE_RANGE; k++) {
    const t = d.mean - NODE_STEP * k * d.sd;
    if (!(t > d.min)) break;
    below.push([t, score(t)]);
  }
  towardsEnd(score, below, d.min, d.mean, -1);
  score(d.mean);
  for (let k = 1; k <= NODE_RANGE; k++) {
    const t = d.mean + NODE_STEP * k * d.sd;
    if (!(t < d.max)) break;
    above.push([t, score(t)]);
  }
  towardsEnd(score, above, d.max, d.mean, 1);
  for (let i = below.length - 1; i >= 0; i--) push(ts, zs, below[i]);
  push(ts, zs, [d.mean, center]);
  for (const node of above) push(ts, zs, node);
  const t = Float64Array.from(ts);
  const z = Float64Array.from(zs);
  return { ...d, score: monotoneSpline(t, z), inverse: monotoneSpline(z, t) };
}

/** Adds nodes halving the distance to the support end `end` until the score passes ±SCORE_REACH. */
function towardsEnd(score: (t: number) => number, nodes: [number, number][], end: number, mean: number, side: number): void {
  let last = nodes.length > 0 ? nodes[nodes.length - 1] : [mean, 0];
  for (let j = 0; j < 60 && side * last[1] < SCORE_REACH; j++) {
    const t = end + 0.5 * (last[0] - end);
    if (t === last[0] || t === end) break;
    last = [t, score(t)];
    nodes.push(last as [number, number]);
  }
}

/** Appends a node when both t and z increase strictly and z is finite (drops clamped or flat ones). */
function push(ts: number[], zs: number[], [t, z]: [number, number]): void {
  if (!(Math.abs(z) < Z_LIMIT)) return;
  const n = ts.length;
  if (n > 0 && !(t > ts[n - 1] && z > zs[n - 1])) return;
  ts.push(t);
  zs.push(z);
}
