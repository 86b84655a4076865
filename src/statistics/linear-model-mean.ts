/**
 * `linear_model_mean` (results `statistic = "mean_lm"`): per-branch means with Student-t 95 %
 * intervals, and for every ordered pair of branches the OLS absolute uplift (t(df_resid) interval)
 * and the relative uplift as a ratio of average predictions (delta method on the log scale, normal
 * critical value), optionally adjusted for a pre-enrollment covariate (ANCOVA, mozanalysis's CUPED).
 *
 * Computed from streamed per-branch sufficient statistics (`ols-branch-sufficient.ts`): one pass
 * over the rows plus selection for the pooled clipping quantiles, so memory does not grow with the
 * design matrix. The fit does not depend on the reference branch, so all pairs come from one fit.
 *
 * Parity: jetstream LinearModelMean -> mozanalysis `compare_branches_lm` (spec 2.3, mozanalysis 5).
 */
import { assertKnownKeys, ConfigError, readNumberIn, type RawParams } from '../config/params.js';
import type { BranchFrame, Frame } from '../engine/frame.js';
import { branchDifference, branchRelativeUplift, fitOlsBranches, type OlsBranchFit } from '../kernels/ols-branch-fit.js';
import { accumulateMomentsAndRaw, emptyMoments, type BranchMoments } from '../kernels/ols-branch-sufficient.js';
import { hasNaN } from '../kernels/float64-scans.js';
import { pooledQuantileOf } from '../kernels/quantile-select.js';
import { interpolateLinear } from '../kernels/quantile-sorted.js';
import { orderStatistics } from '../kernels/order-statistics.js';
import { studentTQuantile } from '../kernels/student-t.js';
import { pythonFloatRepr } from '../results/format-parameter.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic, StatisticError, type AnalysisContext, type AnalyzeInput, type FrameSplit } from './define.js';

/** The pre-enrollment periods a covariate may come from, as Jetstream lists them. */
export const PREENROLLMENT_PERIODS = ['preenrollment_week', 'preenrollment_days28'] as const;

/** Validated parameters of linear_model_mean and per_client_dau_impact. */
export interface LinearModelParams {
  readonly dropHighest: number;
  readonly covariate?: { readonly period: string; readonly metric?: string };
}

const CI_WIDTH = 0.95;

/**
 * Reads `drop_highest` and `covariate_adjustment`. Jetstream requires a float literal for
 * drop_highest (`0` is a TypeError there, `0.0` is not); TOML integers and floats are both numbers
 * here, so `0` is accepted: the value is the same.
 */
export function readLinearModelParams(raw: RawParams, owner: string, dropHighestDefault: number): LinearModelParams {
  assertKnownKeys(owner, raw, ['drop_highest', 'covariate_adjustment']);
  const dropHighest = readNumberIn(owner, raw, 'drop_highest', { min: 0, max: 1, fallback: dropHighestDefault });
  const adjustment = raw.covariate_adjustment;
  if (adjustment === undefined || adjustment === null) return { dropHighest };
  if (typeof adjustment !== 'object' || Array.isArray(adjustment)) {
    throw new ConfigError(
      `${owner}: covariate_adjustment must be a table like { period = "preenrollment_week" }, got ${String(adjustment)}`,
    );
  }
  const table = adjustment as RawParams;
  assertKnownKeys(`${owner}: covariate_adjustment`, table, ['period', 'metric']);
  const period = table.period;
  if (typeof period !== 'string' || !(PREENROLLMENT_PERIODS as readonly string[]).includes(period)) {
    // Jetstream's exact text (LinearModelMean).
    throw new ConfigError(
      "Covariate adjustment must be done using a pre-treatment analysis period (one of: ['preenrollment_week', 'preenrollment_days28'])",
    );
  }
  const metric = table.metric;
  if (metric !== undefined && typeof metric !== 'string') {
    throw new ConfigError(`${owner}: covariate_adjustment.metric must be a metric name, got ${String(metric)}`);
  }
  return { dropHighest, covariate: metric === undefined ? { period } : { period, metric } };
}

/**
 * The covariate to join, or undefined: only when adjustment is configured and the analysed period
 * is neither the covariate's period nor a pre-enrollment period (jetstream LinearModelMean.transform).
 */
export function linearModelCovariate(
  params: LinearModelParams,
  context: AnalysisContext,
): { period: string; metric: string } | undefined {
  const c = params.covariate;
  if (c === undefined) return undefined;
  if (c.period === context.period || (PREENROLLMENT_PERIODS as readonly string[]).includes(context.period)) return undefined;
  return { period: c.period, metric: c.metric ?? context.metric };
}

/** True when every finite value is integral: our reading of "integer dtype" for a Float64 column. */
function integerValued(columns: readonly Float64Array[]): boolean {
  for (const c of columns) for (let i = 0; i < c.length; i++) if (Number.isFinite(c[i]) && !Number.isInteger(c[i])) return false;
  return true;
}

/**
 * Pooled upper clip at quantile(1 - dropHighest) of the values kept by `keep` (ceil if integral),
 * by pooledQuantileOf: no copy of the values.
 */
function pooledThreshold(columns: readonly Float64Array[], dropHighest: number, keep?: readonly Float64Array[]): number {
  if (dropHighest === 0) return Number.POSITIVE_INFINITY; // quantile(1.0) is the max: a no-op clip
  const t = pooledQuantileOf(columns, 1 - dropHighest, keep);
  return integerValued(columns) ? Math.ceil(t) : t;
}

/**
 * The covariate's pooled clip threshold and the mean of the grid's covariate values (its quantiles
 * at np.arange(0, 1, 0.0001) after clipping), from the order statistics of its non-null values
 * (mozanalysis keeps the rows where the target is not null either: every row here, the target
 * holding no null, presentParts): clipping is monotone, so the clipped order statistics are the raw
 * ones, clipped. The ~20,000 order statistics come from orderStatistics
 * (src/kernels/order-statistics.ts: counted in C without a copy or a sort, else pooled and sorted),
 * one value each whatever the method, so the same bits.
 */
export function covariateClipAndGridMean(covariate: readonly Float64Array[], dropHighest: number): { clip: number; gridMean: number } {
  const { m, values, ranks } = gridOrderStatistics(covariate, dropHighest);
  if (m === 0) return { clip: dropHighest > 0 ? Number.NaN : Number.POSITIVE_INFINITY, gridMean: Number.NaN };
  const at = rankValues(ranks, values);
  const quantile = (q: number, clip: number) => {
    const [lo, hi, fraction] = quantileRanks(m, q);
    return interpolateLinear(Math.min(at.get(lo)!, clip), Math.min(at.get(hi)!, clip), fraction);
  };
  let clip = Number.POSITIVE_INFINITY;
  if (dropHighest > 0) {
    clip = quantile(1 - dropHighest, Number.POSITIVE_INFINITY);
    if (integerValued(covariate)) clip = Math.ceil(clip);
  }
  return { clip, gridMean: gridSum(quantile, clip) / GRID_POINTS };
}

/*
 * covariateClipAndGridMean's two loops (20,000 ranks, 10,000 grid points), each in a function of its
 * own: inside it their on-stack replacement recompiled the whole function (10 times a demo run).
 */

/** The order statistics by rank. */
function rankValues(ranks: Float64Array, values: Float64Array): Map<number, number> {
  const at = new Map<number, number>();
  for (let r = 0; r < ranks.length; r++) at.set(ranks[r], values[r]);
  return at;
}

/** Σ quantile(i · 0.0001, clip) over the grid, in order. */
function gridSum(quantile: (q: number, clip: number) => number, clip: number): number {
  let sum = 0;
  for (let i = 0; i < GRID_POINTS; i++) sum += quantile(i * 0.0001, clip);
  return sum;
}

/** np.arange(0, 1, 0.0001): the grid's quantiles, i * 0.0001. */
const GRID_POINTS = 10_000;

/** numpy `linear`'s order statistics for quantile q of m values, and the weight of the second. */
function quantileRanks(m: number, q: number): [lo: number, hi: number, fraction: number] {
  const h = (m - 1) * q;
  const lo = Math.floor(h);
  return [lo, Math.min(lo + 1, m - 1), h - lo];
}

/** The order statistics the clip (when dropHighest > 0) and the grid read: their ranks ascending, without repeats. */
function gridOrderStatistics(covariate: readonly Float64Array[], dropHighest: number) {
  let ranks = new Float64Array(0);
  const { m, values } = orderStatistics(covariate, undefined, (m) => {
    if (m === 0) return ranks;
    const wanted: number[] = [];
    if (dropHighest > 0) wanted.push(...quantileRanks(m, 1 - dropHighest).slice(0, 2));
    for (let i = 0; i < GRID_POINTS; i++) wanted.push(...quantileRanks(m, i * 0.0001).slice(0, 2));
    ranks = Float64Array.from(new Set(wanted)).sort();
    return ranks;
  });
  return { m, values, ranks };
}

function nullRow(branch: string, comparison?: 'difference' | 'relative_uplift', to?: string): RowDraft {
  return { branch, comparison: comparison ?? null, comparisonToBranch: to ?? null, ciWidth: CI_WIDTH, point: null, lower: null, upper: null };
}

/**
 * Jetstream's message when the reference branch's values are all zero once clipped, else undefined
 * (at the first value that is not: a pass over the branch only when the guard fires). `integral`
 * (whether the target is integer-valued, a pass over every branch) is asked only for the message.
 */
function zeroReferenceMessage(
  name: string,
  metric: string,
  ref: string,
  values: Float64Array,
  threshold: { value: number; integral: () => boolean; q: number },
): string | undefined {
  let n = 0;
  let rawZero = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) continue;
    if (Math.min(v, threshold.value) !== 0) return undefined;
    n++;
    if (v !== 0) rawZero = false;
  }
  const head = `Skipping computing statistic ${name} for metric ${metric}: reference branch '${ref}' has ${n} non-null client(s)`;
  const tail = 'Cannot compute because the relative uplift (treatment/reference) is undefined when the reference mean is zero.';
  if (rawZero) return `${head} and all values for metric '${metric}' are zero. ${tail}`;
  // Python prints the int of an integer column ("3") and a float otherwise ("3.0").
  const shown = threshold.integral() ? String(threshold.value) : pythonFloatRepr(threshold.value);
  return `${head} but metric '${metric}' became all zeroes after outlier trimming (pooled ${pythonFloatRepr(threshold.q)} quantile threshold is ${shown}). ${tail}`;
}


/**
 * Rows of the linear model for every branch with data and every ordered pair; `name` is the config
 * name used in messages (linear_model_mean or per_client_dau_impact). The two parts of the split
 * (`linearModelSplit`) run here one after the other: the covariate grid, when the fit needs its
 * clip, is computed once and gives both.
 */
export function linearModelRows(input: AnalyzeInput, params: LinearModelParams, name: string): RowDraft[] {
  let grid: CovariateGrid | null = null;
  const fit = fitLinearModel(input, params, name, (covariate) => {
    grid = covariateClipAndGridMean(covariate, params.dropHighest);
    return grid.clip;
  });
  return linearModelRowsOf(fit, grid);
}

/**
 * linear_model_mean in two parts for two workers: `fit` (the zero-reference guard's pooled quantile,
 * the clips, the moments and the fit) and `grid` (the covariate grid's mean, from ~20,000 order
 * statistics of the pooled covariate). The fit's covariate clip comes from a selection here instead
 * of the grid's: the same order statistics, so the same bits. At 10M clients the whole statistic took ~1.0 s
 * on one worker while the other waited (bench/RESULTS.md, eighth session of 2026-12-06).
 */
export function linearModelSplit(name: string): FrameSplit<LinearModelParams> {
  return {
    parts: (params, context) => (linearModelCovariate(params, context) === undefined ? ['fit'] : ['fit', 'grid']),
    part: (input, params, part) =>
      part === 'fit'
        ? fitLinearModel(input, params, name, (covariate) => pooledThreshold(covariate, params.dropHighest))
        : covariateGrid(input, params, name),
    combine: ([fit, grid]) => linearModelRowsOf(fit as LinearModelFit, (grid ?? null) as CovariateGrid | null),
  };
}

/** The covariate's pooled clip and grid mean (covariateClipAndGridMean). */
type CovariateGrid = { readonly clip: number; readonly gridMean: number };

/** The fit part's result: rows settled without the grid (a guard, an empty output), or the fitted model. */
type LinearModelFit =
  | { readonly rows: RowDraft[] }
  | { readonly branches: string[]; readonly references: number[]; readonly moments: BranchMoments[]; readonly fit: OlsBranchFit };

/**
 * The frame's target and covariate columns, aligned with the branches that have rows; a null target
 * throws (presentParts) unless `checkNulls` is false.
 */
function modelColumns(input: AnalyzeInput, params: LinearModelParams, name: string, checkNulls = true) {
  const metric = input.context.metric;
  const present = presentParts(input.frame, name, metric, checkNulls);
  const target = present.map((p) => p.part.columns[metric]);
  const cov = linearModelCovariate(params, input.context);
  const covName = cov === undefined ? undefined : `${cov.metric}_pre`;
  const covariate =
    covName !== undefined && present.every((p) => p.part.columns[covName] !== undefined)
      ? present.map((p) => p.part.columns[covName])
      : undefined;
  return { branches: present.map((p) => p.branch), target, covariate, covName };
}

/**
 * The grid part: covariateClipAndGridMean of the frame's covariate, null without one. The rows kept
 * are those with a covariate: the target holds no null, which the fit part checks (a null fails the
 * summary there with its message, and this part's result is not read). So the target is not read
 * here at all: the check took 20-40 ms of this part at 10M clients, and keeping the rows by it 80 MB
 * more per pass of the order statistics.
 */
function covariateGrid(input: AnalyzeInput, params: LinearModelParams, name: string): CovariateGrid | null {
  const { covariate } = modelColumns(input, params, name, false);
  if (covariate === undefined) return null;
  return covariateClipAndGridMean(covariate, params.dropHighest);
}

/**
 * The fit part. `covariateClip(covariate)` gives the covariate's pooled clip over its non-null
 * values: the rows where both are non-null, the target holding no null (presentParts), so the
 * target is not read for it (two passes of 80 MB at 10M clients).
 */
function fitLinearModel(
  input: AnalyzeInput,
  params: LinearModelParams,
  name: string,
  covariateClip: (covariate: readonly Float64Array[]) => number,
): LinearModelFit {
  const { context, report } = input;
  const metric = context.metric;
  const { branches, target, covariate, covName } = modelColumns(input, params, name);

  // Jetstream's zero-reference guard: pooled threshold over every non-null target value.
  const guardThreshold = pooledThreshold(target, params.dropHighest);
  const guard = { value: guardThreshold, integral: () => integerValued(target), q: 1 - params.dropHighest };
  const references: number[] = [];
  for (let r = 0; r < branches.length; r++) {
    const message = zeroReferenceMessage(name, metric, branches[r], target[r], guard);
    if (message === undefined) references.push(r);
    else report.error(message);
  }
  if (references.length === 0) return { rows: [] };

  // mozanalysis `prepare_df_for_modeling`: drop null rows, pooled clip of target and covariate.
  // The target has no nulls (presentParts), so unless the covariate has some, no row is dropped and
  // the guard's threshold is the model's (the same values: the same quantile, without a second
  // selection, ~0.15 s at 10M rows).
  const clipY = covariate === undefined || !covariate.some(hasNaN) ? guardThreshold : pooledThreshold(target, params.dropHighest, covariate);
  const clipX = covariate === undefined ? Infinity : covariateClip(covariate);
  // The moments, and from the same passes the raw target's (pandas `df[metric].std()`, pooled)
  let raw = emptyMoments();
  const moments: BranchMoments[] = target.map((y, b) => {
    const both = accumulateMomentsAndRaw(emptyMoments(), raw, { y, x: covariate?.[b], clipY, clipX });
    raw = both.raw;
    return both.moments;
  });

  // mozanalysis `_validate_parameters`: np.isclose(std, 0) -> all-NaN ("empty") output.
  if (Math.abs(Math.sqrt(raw.syy / (raw.n - 1))) <= 1e-8) {
    const rows = branches.map((b) => nullRow(b));
    for (const r of references) {
      for (const b of branches) if (b !== branches[r]) rows.push(nullRow(b, 'difference', branches[r]), nullRow(b, 'relative_uplift', branches[r]));
    }
    return { rows };
  }

  const empty = moments.findIndex((m) => m.n === 0);
  if (empty >= 0) {
    report.error(
      `${name}: branch "${branches[empty]}" of metric ${metric} has no client with a non-null ${covName}; drop the covariate_adjustment or check the pre-enrollment table`,
    );
    return { rows: [] };
  }
  let fit: OlsBranchFit | undefined = fitOlsBranches(moments, covariate !== undefined);
  if (fit === undefined) {
    report.warn(`Unexpectedly fell back to unadjusted inferences for ${metric}`);
    fit = fitOlsBranches(moments, false) as OlsBranchFit;
  }
  return { branches, references, moments, fit };
}

/** The rows from the fit part and the grid part (read only when the fit is adjusted). */
function linearModelRowsOf(result: LinearModelFit, grid: CovariateGrid | null): RowDraft[] {
  if ('rows' in result) return result.rows;
  const { branches, references, moments, fit } = result;
  const gridMean = fit.adjusted ? grid!.gridMean : 0;
  const rows: RowDraft[] = moments.map((m, b) => branchMeanRow(branches[b], m));
  for (const r of references) {
    for (let b = 0; b < branches.length; b++) {
      if (b === r) continue;
      const d = branchDifference(fit, b, r, CI_WIDTH);
      const u = branchRelativeUplift(fit, b, r, gridMean, CI_WIDTH);
      const common = { branch: branches[b], comparisonToBranch: branches[r], ciWidth: CI_WIDTH };
      rows.push({ ...common, comparison: 'difference', point: d.point, lower: d.lower, upper: d.upper });
      rows.push({ ...common, comparison: 'relative_uplift', point: u.point, lower: u.lower, upper: u.upper });
    }
  }
  return rows;
}

/** Mean with the Student-t interval on n - 1 df. Parity: statsmodels DescrStatsW.tconfint_mean(0.05). */
function branchMeanRow(branch: string, m: BranchMoments): RowDraft {
  const half = studentTQuantile(1 - (1 - CI_WIDTH) / 2, m.n - 1) * Math.sqrt(m.syy / (m.n - 1) / m.n);
  return { branch, ciWidth: CI_WIDTH, point: m.meanY, lower: m.meanY - half, upper: m.meanY + half };
}

/**
 * The branches with rows (Jetstream's frame holds no other). A null target is an error naming the
 * pretreatments that handle it (README difference 2: nulls reach the pretreatments here, while
 * Jetstream's query dropped them before); a null covariate only drops its row, as in mozanalysis.
 */
function presentParts(frame: Frame, name: string, metric: string, checkNulls: boolean): { branch: string; part: BranchFrame }[] {
  const out: { branch: string; part: BranchFrame }[] = [];
  frame.parts.forEach((part, i) => {
    const y = part.columns[metric];
    if (y === undefined || y.length === 0) return;
    // hasNaN holds the loop (in C where the addon is built): here, its on-stack replacement
    // recompiled this callback (10 times a demo run)
    if (checkNulls && hasNaN(y)) {
      throw new StatisticError(
        `${name}: metric ${metric} has null values in branch "${frame.branches[i]}"; add a remove_nulls or zero_fill pretreatment`,
      );
    }
    out.push({ branch: frame.branches[i], part });
  });
  return out;
}

export default defineStatistic<LinearModelParams>({
  kind: 'frame',
  name: 'linear_model_mean',
  label: 'mean_lm',
  params: (raw, owner) => readLinearModelParams(raw, owner, 0.005),
  covariate: linearModelCovariate,
  analyze: (input, params) => linearModelRows(input, params, 'linear_model_mean'),
  frameSplit: linearModelSplit('linear_model_mean'),
});
