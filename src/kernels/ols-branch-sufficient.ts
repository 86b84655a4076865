/**
 * Streamed sufficient statistics of one branch for the ANCOVA regression `y ~ branch [+ x]`: the
 * count, the means of y and x and the centred sums of squares and cross-products, computed per
 * chunk by the corrected two-pass algorithm (no cancellation) and mergeable across chunks with Chan,
 * Golub & LeVeque's pairwise formula, so memory stays O(1) per branch. Rows with a NaN y (or a NaN
 * x, when a covariate is used) are skipped; y and x are clipped from above at their thresholds first
 * (`np.clip(upper=t)`).
 *
 * From these per-branch moments the full normal equations X'X b = X'y of the design
 * [intercept, k-1 branch dummies, covariate] follow exactly (see `ols-branch-fit.ts`).
 *
 * Parity: mozanalysis `prepare_df_for_modeling` (dropna, pooled clip) feeding `MozOLS.fit`.
 */
import { forBlocks } from './for-blocks.js';

export interface BranchMoments {
  /** Rows used. */
  n: number;
  meanY: number;
  meanX: number;
  /** Σ (y - ȳ)². */
  syy: number;
  /** Σ (x - x̄)². */
  sxx: number;
  /** Σ (x - x̄)(y - ȳ). */
  sxy: number;
}

/** The moments of no rows, the start of an accumulation. */
export function emptyMoments(): BranchMoments {
  return { n: 0, meanY: 0, meanX: 0, syy: 0, sxx: 0, sxy: 0 };
}

/** One chunk of a branch's rows and the pooled clip thresholds. */
export interface AccumulateInput {
  readonly y: ArrayLike<number>;
  /** The covariate, row-aligned with y; omitted for the unadjusted model. */
  readonly x?: ArrayLike<number>;
  /** Upper clip of y (Infinity for none). */
  readonly clipY: number;
  /** Upper clip of x (Infinity for none). */
  readonly clipX: number;
}

/**
 * Folds the rows of one chunk into `into` (returned as a new object; `into` is not written): the
 * chunk's moments by the corrected two-pass algorithm (means first, then centred sums less the
 * rounding left in the means: Chan, Golub & LeVeque 1983, eq. 1.7), merged into `into` by
 * `mergeMoments`. Why not Welford's one-pass update: its division per row sits on the loop's
 * dependency chain (~24 ns per row, 245 ms of a 10M-row task here); two passes of sums are
 * ~3-4 ns per row, and at least as accurate.
 */
export function accumulateMoments(into: BranchMoments, input: AccumulateInput): BranchMoments {
  const chunk = input.x === undefined ? momentsOfY(input.y, input.clipY) : momentsOfYX(input.y, input.x, input.clipY, input.clipX);
  return chunk === null ? { ...into } : mergeMoments(into, chunk);
}

// The sums run per block (for-blocks.ts): a task calls this kernel a few times on up to 10M rows.
// Running sums carry from block to block, so the result is that of one loop.

/** The moments of the non-null y, clipped at clipY; null when there are none. */
function momentsOfY(y: ArrayLike<number>, clipY: number): BranchMoments | null {
  const len = y.length;
  const sums = new Float64Array(3); // n, Σy; then Σd, Σd²
  forBlocks(len, (from, to) => sumsOfY(y, clipY, from, to, sums));
  const n = sums[0];
  if (n === 0) return null;
  const meanY = sums[1] / n;
  sums.fill(0);
  forBlocks(len, (from, to) => centredOfY(y, clipY, meanY, from, to, sums));
  return { n, meanY, meanX: 0, syy: sums[1] - (sums[0] * sums[0]) / n, sxx: 0, sxy: 0 };
}

/** Adds the count and Σ min(y, clipY) of the non-null y[from..to) to sums[0..1]. */
function sumsOfY(y: ArrayLike<number>, clipY: number, from: number, to: number, sums: Float64Array): void {
  let n = sums[0];
  let sumY = sums[1];
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) continue;
    n++;
    sumY += Math.min(v, clipY);
  }
  sums[0] = n;
  sums[1] = sumY;
}

/** Adds Σ d and Σ d² of d = min(y, clipY) - meanY over the non-null y[from..to) to sums[0..1]. */
function centredOfY(y: ArrayLike<number>, clipY: number, meanY: number, from: number, to: number, sums: Float64Array): void {
  let dY = sums[0];
  let syy = sums[1];
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) continue;
    const dy = Math.min(v, clipY) - meanY;
    dY += dy;
    syy += dy * dy;
  }
  sums[0] = dY;
  sums[1] = syy;
}

/** The moments of the rows where y and x are both non-null, clipped at clipY and clipX; null when there are none. */
function momentsOfYX(y: ArrayLike<number>, x: ArrayLike<number>, clipY: number, clipX: number): BranchMoments | null {
  const len = y.length;
  const sums = new Float64Array(5); // n, Σy, Σx; then Σdy, Σdx, Σdy², Σdx², Σdx·dy
  forBlocks(len, (from, to) => sumsOfYX(y, x, clipY, clipX, from, to, sums));
  const n = sums[0];
  if (n === 0) return null;
  const meanY = sums[1] / n;
  const meanX = sums[2] / n;
  sums.fill(0);
  forBlocks(len, (from, to) => centredOfYX(y, x, clipY, clipX, meanY, meanX, from, to, sums));
  const [dY, dX, syy, sxx, sxy] = sums;
  return { n, meanY, meanX, syy: syy - (dY * dY) / n, sxx: sxx - (dX * dX) / n, sxy: sxy - (dX * dY) / n };
}

/** Adds the count, Σ min(y, clipY) and Σ min(x, clipX) of the rows of [from, to) with both non-null to sums[0..2]. */
function sumsOfYX(y: ArrayLike<number>, x: ArrayLike<number>, clipY: number, clipX: number, from: number, to: number, sums: Float64Array): void {
  let n = sums[0];
  let sumY = sums[1];
  let sumX = sums[2];
  for (let i = from; i < to; i++) {
    const v = y[i];
    const w = x[i];
    if (v !== v || w !== w) continue;
    n++;
    sumY += Math.min(v, clipY);
    sumX += Math.min(w, clipX);
  }
  sums[0] = n;
  sums[1] = sumY;
  sums[2] = sumX;
}

/** Adds Σ dy, Σ dx, Σ dy², Σ dx², Σ dx·dy (d: clipped value less its mean) over the rows of [from, to) with both non-null to sums[0..4]. */
function centredOfYX(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  clipY: number,
  clipX: number,
  meanY: number,
  meanX: number,
  from: number,
  to: number,
  sums: Float64Array,
): void {
  let dY = sums[0];
  let dX = sums[1];
  let syy = sums[2];
  let sxx = sums[3];
  let sxy = sums[4];
  for (let i = from; i < to; i++) {
    const v = y[i];
    const w = x[i];
    if (v !== v || w !== w) continue;
    const dy = Math.min(v, clipY) - meanY;
    const dx = Math.min(w, clipX) - meanX;
    dY += dy;
    dX += dx;
    syy += dy * dy;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  sums[0] = dY;
  sums[1] = dX;
  sums[2] = syy;
  sums[3] = sxx;
  sums[4] = sxy;
}

/** The moments of the union of two disjoint chunks (Chan et al. 1979). */
export function mergeMoments(a: BranchMoments, b: BranchMoments): BranchMoments {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const dy = b.meanY - a.meanY;
  const dx = b.meanX - a.meanX;
  const f = (a.n * b.n) / n;
  return {
    n,
    meanY: a.meanY + (dy * b.n) / n,
    meanX: a.meanX + (dx * b.n) / n,
    syy: a.syy + b.syy + dy * dy * f,
    sxx: a.sxx + b.sxx + dx * dx * f,
    sxy: a.sxy + b.sxy + dx * dy * f,
  };
}
