/**
 * The ANCOVA fit `y ~ C(branch) [+ x]` from per-branch sufficient statistics, with no design matrix:
 * with branch intercepts a_b and a common slope γ, the normal equations of
 * [intercept, k-1 dummies, covariate] reduce to the within-branch regression
 *   γ = Σ_b Sxy_b / W,  W = Σ_b Sxx_b,  a_b = ȳ_b − γ x̄_b,  RSS = Σ_b Syy_b − γ Σ_b Sxy_b,
 * df_resid = N − k − 1 (N − k unadjusted), s² = RSS / df_resid, and (X'X)⁻¹ s² in branch-intercept
 * coordinates is Var a_b = s²(1/n_b + x̄_b²/W), Cov(a_b, a_c) = s² x̄_b x̄_c / W,
 * Cov(a_b, γ) = −s² x̄_b / W, Var γ = s² / W. The dummy coefficient of b against reference r is
 * a_b − a_r, the same fit whichever branch is the reference.
 *
 * Parity: jetstream LinearModelMean -> mozanalysis `compare_branches_lm` (`MozOLS.fit`,
 * `conf_int`, marginaleffects 0.1.4 `avg_comparisons(comparison="lnratioavg")`).
 */
import type { Interval } from './interval.js';
import type { BranchMoments } from './ols-branch-sufficient.js';
import { normalQuantile } from './normal.js';
import { studentTQuantile } from './student-t.js';

/** The fitted ANCOVA (or one-way) model, in branch-intercept coordinates. */
export interface OlsBranchFit {
  /** Branch intercepts a_b (branch means when unadjusted), aligned with the moments. */
  readonly intercepts: Float64Array;
  readonly counts: Float64Array;
  /** Covariate means per branch (0 when unadjusted). */
  readonly covariateMeans: Float64Array;
  /** Common slope γ (0 when unadjusted). */
  readonly slope: number;
  /** Σ_b Sxx_b (Infinity when unadjusted, so every covariate term vanishes). */
  readonly within: number;
  readonly residualVariance: number;
  readonly dfResid: number;
  readonly adjusted: boolean;
}

/**
 * Fits the model; `adjusted` asks for the covariate term. Returns undefined when the covariate is
 * collinear with the branches (W = 0 relative to its total spread): numpy's `inv(X'X)` would raise
 * LinAlgError there and mozanalysis refits unadjusted, which the caller does.
 */
export function fitOlsBranches(moments: readonly BranchMoments[], adjusted: boolean): OlsBranchFit | undefined {
  const k = moments.length;
  const intercepts = new Float64Array(k);
  const counts = new Float64Array(k);
  const covariateMeans = new Float64Array(k);
  let total = 0;
  let syy = 0;
  let sxy = 0;
  let within = 0;
  let grandX = 0;
  for (let b = 0; b < k; b++) {
    const m = moments[b];
    counts[b] = m.n;
    total += m.n;
    syy += m.syy;
    sxy += m.sxy;
    within += m.sxx;
    grandX += m.n * m.meanX;
  }
  let slope = 0;
  let rss = syy;
  let dfResid = total - k;
  if (adjusted) {
    grandX /= total;
    let between = 0;
    for (const m of moments) between += m.n * (m.meanX - grandX) ** 2;
    if (!(within > 1e-12 * (within + between))) return undefined;
    slope = sxy / within;
    rss = Math.max(0, syy - slope * sxy);
    dfResid -= 1;
  }
  for (let b = 0; b < k; b++) {
    const m = moments[b];
    covariateMeans[b] = adjusted ? m.meanX : 0;
    intercepts[b] = m.meanY - slope * covariateMeans[b];
  }
  return {
    intercepts,
    counts,
    covariateMeans,
    slope,
    within: adjusted ? within : Number.POSITIVE_INFINITY,
    residualVariance: dfResid > 0 ? rss / dfResid : Number.NaN,
    dfResid,
    adjusted,
  };
}

/**
 * Coefficient of branch b's dummy against reference r with its t(df_resid) interval at `level`.
 * Parity: statsmodels `results.params` / `results.conf_int(alpha)`.
 */
export function branchDifference(fit: OlsBranchFit, b: number, r: number, level = 0.95): Interval {
  const point = fit.intercepts[b] - fit.intercepts[r];
  const dx = fit.covariateMeans[b] - fit.covariateMeans[r];
  const variance = fit.residualVariance * (1 / fit.counts[b] + 1 / fit.counts[r] + (dx * dx) / fit.within);
  const half = studentTQuantile(1 - (1 - level) / 2, fit.dfResid) * Math.sqrt(variance);
  return { point, lower: point - half, upper: point + half };
}

/**
 * Relative uplift of b over r as the ratio of average predictions over the balanced grid, minus 1,
 * where `gridCovariateMean` is the mean covariate value of the grid (mean of its 10,000 quantiles).
 * Delta method on θ = ln(P_b / P_r), P = a + γ ḡ, with the analytic gradient
 * (1/P_b, −1/P_r, ḡ(1/P_b − 1/P_r)) in (a_b, a_r, γ), so that
 * Var θ = s² [1/(n_b P_b²) + 1/(n_r P_r²) + ((x̄_b − ḡ)/P_b − (x̄_r − ḡ)/P_r)² / W];
 * interval exp(θ ± z se) − 1 with the NORMAL critical value, as the pinned marginaleffects 0.1.4
 * (its model wrapper has no df_resid, so dof = inf). A non-positive ratio gives NaN (null).
 */
export function branchRelativeUplift(
  fit: OlsBranchFit,
  b: number,
  r: number,
  gridCovariateMean: number,
  level = 0.95,
): Interval {
  const g = fit.adjusted ? gridCovariateMean : 0;
  const pb = fit.intercepts[b] + fit.slope * g;
  const pr = fit.intercepts[r] + fit.slope * g;
  const ratio = pb / pr;
  if (!(ratio > 0)) return { point: Number.NaN, lower: Number.NaN, upper: Number.NaN };
  const theta = Math.log(ratio);
  const cross = fit.adjusted ? (fit.covariateMeans[b] - g) / pb - (fit.covariateMeans[r] - g) / pr : 0;
  const variance =
    fit.residualVariance *
    (1 / (fit.counts[b] * pb * pb) + 1 / (fit.counts[r] * pr * pr) + (fit.adjusted ? (cross * cross) / fit.within : 0));
  const half = normalQuantile(1 - (1 - level) / 2) * Math.sqrt(variance);
  return { point: ratio - 1, lower: Math.exp(theta - half) - 1, upper: Math.exp(theta + half) - 1 };
}
