/**
 * Streamed sufficient statistics of one branch for the ANCOVA regression `y ~ branch [+ x]`: the
 * count, the means of y and x and the centred sums of squares and cross-products, accumulated with
 * Welford's update (one pass, O(1) memory, no cancellation) and mergeable across chunks with Chan,
 * Golub & LeVeque's pairwise formula. Rows with a NaN y (or a NaN x, when a covariate is used) are
 * skipped; y and x are clipped from above at their thresholds first (`np.clip(upper=t)`).
 *
 * From these per-branch moments the full normal equations X'X b = X'y of the design
 * [intercept, k-1 branch dummies, covariate] follow exactly (see `ols-branch-fit.ts`).
 *
 * Parity: mozanalysis `prepare_df_for_modeling` (dropna, pooled clip) feeding `MozOLS.fit`.
 */
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

/** Folds the rows of one chunk into `into` (returned as a new object; `into` is not written). */
export function accumulateMoments(into: BranchMoments, input: AccumulateInput): BranchMoments {
  let { n, meanY, meanX, syy, sxx, sxy } = into;
  const { y, x, clipY, clipX } = input;
  const len = y.length;
  if (x === undefined) {
    for (let i = 0; i < len; i++) {
      let v = y[i];
      if (v !== v) continue;
      if (v > clipY) v = clipY;
      n++;
      const dy = v - meanY;
      meanY += dy / n;
      syy += dy * (v - meanY);
    }
    return { n, meanY, meanX, syy, sxx, sxy };
  }
  for (let i = 0; i < len; i++) {
    let v = y[i];
    let w = x[i];
    if (v !== v || w !== w) continue;
    if (v > clipY) v = clipY;
    if (w > clipX) w = clipX;
    n++;
    const dy = v - meanY;
    const dx = w - meanX;
    meanY += dy / n;
    meanX += dx / n;
    const ry = v - meanY;
    syy += dy * ry;
    sxx += dx * (w - meanX);
    sxy += dx * ry;
  }
  return { n, meanY, meanX, syy, sxx, sxy };
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
