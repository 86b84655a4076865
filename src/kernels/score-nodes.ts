/**
 * From a CDF given as its two tails to the pieces the exact bootstrap needs: the normal score
 * z(t) = Φ⁻¹(F(t)) (each tail inverted on its own side, clamped to ±38), quantiles by Brent's method on
 * z(t) - Φ⁻¹(p), and a `ScoreDistribution` with nodes at center ± 0.375 k sd within 1.5 sd and ± 0.75 k sd
 * to 9 sd inside the support plus nodes halving the distance to a support end until |z| passes 8.6 (the comparison rule
 * reaches |z| = 8.5). Nodes whose z is clamped or not increasing are dropped.
 *
 * Reference: Contrail method note `mc-free-bootstrap.md` (Brent on the score, 41-node splines; 25 + end
 * nodes here, checked against the direct inversion in the tests).
 */
import { brentRoot } from './brent-root.js';
import { monotoneSpline } from './monotone-spline.js';
import { normalQuantile } from './normal.js';
import type { TailPair } from './saddlepoint-mean-cdf.js';
import type { ScoreDistribution } from './score-distribution.js';

const Z_LIMIT = 38;
/** Node offsets in sd: every 0.375 sd within 1.5 sd (where a skewed score bends most), then every 0.75 to 9. */
const NODE_OFFSETS = [0.375, 0.75, 1.125, 1.5, 2.25, 3, 3.75, 4.5, 5.25, 6, 6.75, 7.5, 8.25, 9];
const SCORE_REACH = 8.6;
const MAX_GAP = 0.8;
const MAX_NODES = 160;

/** Location, scale and support of a distribution whose tails are known. */
export interface ScoreFrame {
  readonly mean: number;
  readonly sd: number;
  readonly min: number;
  readonly max: number;
}

/** z(t) = Φ⁻¹(P(X <= t)) from the tails, each inverted on its own side, clamped to ±38. */
export function scoreFromTails(tails: (t: number) => TailPair): (t: number) => number {
  return (t) => {
    const pair = tails(t);
    const z = pair.lower < 0.5 ? normalQuantile(pair.lower) : -normalQuantile(pair.upper);
    return z < -Z_LIMIT ? -Z_LIMIT : z > Z_LIMIT ? Z_LIMIT : z;
  };
}

/** The level-p quantile: the root of z(t) = Φ⁻¹(p) within center ± 12 sd clipped to the support. */
export function scoreQuantileOf(score: (t: number) => number, frame: ScoreFrame, p: number): number {
  const lo = Math.max(frame.min, frame.mean - 12 * frame.sd);
  const hi = Math.min(frame.max, frame.mean + 12 * frame.sd);
  const target = normalQuantile(p);
  return brentRoot((t) => score(t) - target, lo, hi, 1e-9 * frame.sd);
}

/** Nodes of z(t) from the center outwards (so warm starts chain), as a ScoreDistribution. */
export function scoreNodes(score: (t: number) => number, frame: ScoreFrame): ScoreDistribution {
  const center = score(frame.mean);
  const below = side(score, frame, -1, frame.min);
  score(frame.mean);
  const above = side(score, frame, 1, frame.max);
  const ts: number[] = [];
  const zs: number[] = [];
  for (let i = below.length - 1; i >= 0; i--) push(ts, zs, below[i]);
  push(ts, zs, [frame.mean, center]);
  for (const node of above) push(ts, zs, node);
  refine(score, ts, zs);
  const t = Float64Array.from(ts);
  const z = Float64Array.from(zs);
  return { ...frame, score: monotoneSpline(t, z), inverse: monotoneSpline(z, t) };
}

function side(score: (t: number) => number, frame: ScoreFrame, sign: number, end: number): [number, number][] {
  const nodes: [number, number][] = [];
  for (const offset of NODE_OFFSETS) {
    const t = frame.mean + sign * offset * frame.sd;
    if (!(sign * (end - t) > 0)) break;
    nodes.push([t, score(t)]);
  }
  let last: [number, number] = nodes.length > 0 ? nodes[nodes.length - 1] : [frame.mean, 0];
  for (let j = 0; j < 60 && sign * last[1] < SCORE_REACH && Number.isFinite(end); j++) {
    const t = end + 0.5 * (last[0] - end);
    if (t === last[0] || t === end) break;
    last = [t, score(t)];
    nodes.push(last);
  }
  return nodes;
}

/**
 * Inserts midpoints (in t) where consecutive scores differ by more than MAX_GAP within |z| < 8.6, so a
 * skewed or lumpy distribution (one dominant outlier, a lone success) gets nodes where its score bends;
 * at most MAX_NODES nodes in all.
 */
function refine(score: (t: number) => number, ts: number[], zs: number[]): void {
  for (let i = 0; i + 1 < ts.length && ts.length < MAX_NODES; ) {
    const gap = zs[i + 1] - zs[i];
    const relevant = zs[i] < SCORE_REACH && zs[i + 1] > -SCORE_REACH;
    const t = ts[i] + 0.5 * (ts[i + 1] - ts[i]);
    if (!(gap > MAX_GAP && relevant && t > ts[i] && t < ts[i + 1])) {
      i++;
      continue;
    }
    const z = score(t);
    if (z > zs[i] && z < zs[i + 1]) {
      ts.splice(i + 1, 0, t);
      zs.splice(i + 1, 0, z);
    } else i++;
  }
}

/** Appends a node when both t and z increase strictly and z is not clamped. */
function push(ts: number[], zs: number[], [t, z]: [number, number]): void {
  if (!(Math.abs(z) < Z_LIMIT)) return;
  const n = ts.length;
  if (n > 0 && !(t > ts[n - 1] && z > zs[n - 1])) return;
  ts.push(t);
  zs.push(z);
}
