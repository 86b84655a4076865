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
import { nativeSort } from './native-sort.js';

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
  const { chunk } = momentsAndRawOf(input);
  return chunk === null ? { ...into } : mergeMoments(into, chunk);
}

/**
 * accumulateMoments of one chunk, and from the same two passes over its rows the moments of all its
 * non-null y unclipped (x and the clips aside), folded into `intoRaw`: the same bits as
 * accumulateMoments(intoRaw, { y, clipY: Infinity, clipX: Infinity }), whose min(v, Infinity) is v.
 * linear_model_mean checks the pooled standard deviation of the raw target before it uses the fit:
 * two more passes over 10M rows were ~75-135 ms of its fit part (bench/RESULTS.md, tenth session of
 * 2026-12-06).
 */
export function accumulateMomentsAndRaw(
  into: BranchMoments,
  intoRaw: BranchMoments,
  input: AccumulateInput,
): { moments: BranchMoments; raw: BranchMoments } {
  const { chunk, raw } = momentsAndRawOf(input);
  return { moments: chunk === null ? { ...into } : mergeMoments(into, chunk), raw: raw === null ? { ...intoRaw } : mergeMoments(intoRaw, raw) };
}

// The sums run per block (for-blocks.ts): a task calls this kernel a few times on up to 10M rows.
// Running sums carry from block to block, so the result is that of one loop. Each loop also sums
// every non-null y unclipped (accumulateMomentsAndRaw); accumulateMoments leaves those aside.

/**
 * The moments of the rows used (y non-null, and x when there is one; clipped) and of every non-null
 * y unclipped, each null when there are no such rows.
 */
function momentsAndRawOf(input: AccumulateInput): { chunk: BranchMoments | null; raw: BranchMoments | null } {
  const { y, x } = input;
  // [n, Σy, Σx, nRaw, Σraw] of the first pass, then [Σdy, Σdx, Σdy², Σdx², Σdx·dy, Σd, Σd²] of the second
  const out = new Float64Array(12);
  const native = nativeSort();
  if (native !== null && y instanceof Float64Array && (x === undefined || x instanceof Float64Array)) {
    native.branchMoments(y, x ?? null, input.clipY, input.clipX, out);
  } else {
    twoPasses(input, out);
  }
  const [n, sumY, sumX, nRaw, sumRaw, dY, dX, syy, sxx, sxy, dRaw, syyRaw] = out;
  const meanY = sumY / n;
  const meanX = x === undefined ? 0 : sumX / n;
  const meanRaw = sumRaw / nRaw;
  const chunk = n === 0 ? null : x === undefined
    ? { n, meanY, meanX: 0, syy: syy - (dY * dY) / n, sxx: 0, sxy: 0 }
    : { n, meanY, meanX, syy: syy - (dY * dY) / n, sxx: sxx - (dX * dX) / n, sxy: sxy - (dX * dY) / n };
  const raw = nRaw === 0 ? null : { n: nRaw, meanY: meanRaw, meanX: 0, syy: syyRaw - (dRaw * dRaw) / nRaw, sxx: 0, sxy: 0 };
  return { chunk, raw };
}

/**
 * The two passes in TypeScript (in C: src/kernels/native/branch-moments.c, the same operations in
 * the same order): out[0..4] the counts and sums, out[5..11] the centred sums about their means.
 */
function twoPasses(input: AccumulateInput, out: Float64Array): void {
  const { y, x, clipY, clipX } = input;
  const len = y.length;
  const sums = out.subarray(0, 5);
  if (x === undefined) forBlocks(len, (from, to) => sumsOfYAndRaw(y, clipY, from, to, sums));
  else forBlocks(len, (from, to) => sumsOfYXAndRaw(y, x, clipY, clipX, from, to, sums));
  const [n, sumY, sumX, nRaw, sumRaw] = sums;
  const meanY = sumY / n;
  const meanX = x === undefined ? 0 : sumX / n;
  const meanRaw = sumRaw / nRaw;
  const centred = out.subarray(5);
  if (x === undefined) forBlocks(len, (from, to) => centredOfYAndRaw(y, clipY, meanY, meanRaw, from, to, centred));
  else forBlocks(len, (from, to) => centredOfYXAndRaw(y, x, clipY, clipX, meanY, meanX, meanRaw, from, to, centred));
}

/** The count and Σ min(y, clipY) of the non-null y into sums[0..1], and their count and Σ y into sums[3..4]. */
function sumsOfYAndRaw(y: ArrayLike<number>, clipY: number, from: number, to: number, sums: Float64Array): void {
  let n = sums[0];
  let sumY = sums[1];
  let nRaw = sums[3];
  let sumRaw = sums[4];
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) continue;
    n++;
    sumY += Math.min(v, clipY);
    nRaw++;
    sumRaw += v;
  }
  sums[0] = n;
  sums[1] = sumY;
  sums[3] = nRaw;
  sums[4] = sumRaw;
}

/** The count, Σ min(y, clipY) and Σ min(x, clipX) of the rows with both non-null into sums[0..2], and the count and Σ y of every non-null y into sums[3..4]. */
function sumsOfYXAndRaw(y: ArrayLike<number>, x: ArrayLike<number>, clipY: number, clipX: number, from: number, to: number, sums: Float64Array): void {
  let n = sums[0];
  let sumY = sums[1];
  let sumX = sums[2];
  let nRaw = sums[3];
  let sumRaw = sums[4];
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) continue;
    nRaw++;
    sumRaw += v;
    const w = x[i];
    if (w !== w) continue;
    n++;
    sumY += Math.min(v, clipY);
    sumX += Math.min(w, clipX);
  }
  sums[0] = n;
  sums[1] = sumY;
  sums[2] = sumX;
  sums[3] = nRaw;
  sums[4] = sumRaw;
}

/** Σ dy, Σ dy² (dy = min(y, clipY) - meanY) into c[0] and c[2], and Σ d, Σ d² of d = y - meanRaw into c[5..6], over the non-null y. */
function centredOfYAndRaw(y: ArrayLike<number>, clipY: number, meanY: number, meanRaw: number, from: number, to: number, c: Float64Array): void {
  let dY = c[0];
  let syy = c[2];
  let dRaw = c[5];
  let syyRaw = c[6];
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) continue;
    const dy = Math.min(v, clipY) - meanY;
    dY += dy;
    syy += dy * dy;
    const d = v - meanRaw;
    dRaw += d;
    syyRaw += d * d;
  }
  c[0] = dY;
  c[2] = syy;
  c[5] = dRaw;
  c[6] = syyRaw;
}

/** Σ dy, Σ dx, Σ dy², Σ dx², Σ dx·dy (d: clipped value less its mean) over the rows with both non-null into c[0..4], and Σ d, Σ d² of d = y - meanRaw over every non-null y into c[5..6]. */
function centredOfYXAndRaw(
  y: ArrayLike<number>,
  x: ArrayLike<number>,
  clipY: number,
  clipX: number,
  meanY: number,
  meanX: number,
  meanRaw: number,
  from: number,
  to: number,
  c: Float64Array,
): void {
  let dY = c[0];
  let dX = c[1];
  let syy = c[2];
  let sxx = c[3];
  let sxy = c[4];
  let dRaw = c[5];
  let syyRaw = c[6];
  for (let i = from; i < to; i++) {
    const v = y[i];
    if (v !== v) continue;
    const d = v - meanRaw;
    dRaw += d;
    syyRaw += d * d;
    const w = x[i];
    if (w !== w) continue;
    const dy = Math.min(v, clipY) - meanY;
    const dx = Math.min(w, clipX) - meanX;
    dY += dy;
    dX += dx;
    syy += dy * dy;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  c[0] = dY;
  c[1] = dX;
  c[2] = syy;
  c[3] = sxx;
  c[4] = sxy;
  c[5] = dRaw;
  c[6] = syyRaw;
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
