/**
 * The shape of a statistic, after Jetstream's Statistic / mozanalysis split.
 *
 * A statistic is either
 * - `per-branch`: `summarize` reduces one branch's values to a summary (in a worker: bootstrap
 *   replicates, counts, a sorted sample), then `compare` turns all branches' summaries into rows
 *   (main thread: per-branch rows once, then every ordered pair of branches); or
 * - `frame`: `analyze` needs all branches at once (pooled clipping, a joint regression) and returns
 *   rows directly, in a worker.
 *
 * Definitions are frozen objects registered by name in `registry.ts`; `params` validates the raw
 * config table once, on the main thread, before any worker starts.
 */
import type { RawParams } from '../config/params.js';
import type { Frame } from '../engine/frame.js';
import type { RowDraft } from '../results/statistic-row.js';

/** Facts about the analysis a statistic may use. Plain data: it crosses thread boundaries. */
export interface AnalysisContext {
  /** The metric being analysed (its column in the frame, unless it has `depends_on`). */
  readonly metric: string;
  /** The configured reference branch (used by count/sum only, as in Jetstream). */
  readonly referenceBranch: string;
  /** Length in days of the analysis window (1, 7, 28, the overall length...). */
  readonly periodLength: number;
  /** The analysis period (`day`, `week`, `days28`, `overall`, `preenrollment_week`, ...). */
  readonly period: string;
}

/** Where a statistic reports problems that do not stop the rest of its output. */
export interface Reporter {
  /** A WARNING record (e.g. a fallback to unadjusted inferences). */
  warn(message: string): void;
  /**
   * An ERROR record with exception_type StatisticComputationException, for one part of the output
   * (e.g. one reference branch) that could not be computed; the statistic goes on with the rest.
   */
  error(message: string): void;
}


export interface SummarizeInput {
  /** The branch's values of the metric column, after pretreatments; NaN is a null. */
  readonly values: Float64Array;
  /** Every column of the branch's frame (metric, upstream metrics, covariate), row-aligned. */
  readonly columns: Readonly<Record<string, Float64Array>>;
  readonly branch: string;
  /** The seed of this (run, slug, period, window, basis, segment, metric, statistic, branch). */
  readonly seed: number;
  readonly context: AnalysisContext;
  /**
   * Replicates [start, end) to compute, set only when the statistic declares `replicateSplit` and
   * the engine splits its bootstrap across workers; absent means all of them. Replicate r must
   * depend on (seed, r) alone, so the merged parts equal the unsplit summary.
   */
  readonly replicates?: readonly [number, number];
}

/**
 * How a Monte Carlo summary splits by replicate range: the engine runs `summarize` once per range
 * (in parallel) and `merge`s the parts, in range order, into the summary of all replicates.
 */
export interface ReplicateSplit<P, S> {
  /** The number of replicates for these params, or null when they do not draw replicates (exact). */
  numSamples(params: P): number | null;
  /** The summary of [0, numSamples) from the summaries of consecutive ranges covering it. */
  merge(parts: readonly S[]): S;
}

export interface CompareInput<S> {
  readonly branches: readonly string[];
  /** Aligned with `branches`. */
  readonly summaries: readonly S[];
  readonly context: AnalysisContext;
  readonly report: Reporter;
}

export interface AnalyzeInput {
  readonly frame: Frame;
  /** A seed for the whole frame, for statistics that draw. */
  readonly seed: number;
  readonly context: AnalysisContext;
  readonly report: Reporter;
}

interface StatisticBase<P> {
  /** The config name, exactly as Jetstream spells it (`bootstrap_mean`). */
  readonly name: string;
  /** The `statistic` column of results (`mean` for bootstrap_mean). */
  readonly label: string;
  /** Validates and converts the raw config table (pre_treatments already removed). */
  params(raw: RawParams, owner: string): P;
  /**
   * The columns the statistic reads besides the metric itself (population_ratio: its numerator and
   * denominator). When given, the metric's own column is not required.
   */
  columns?(params: P, metric: string): { readonly required: readonly string[]; readonly metricColumn: boolean };
  /**
   * A covariate to join from a pre-enrollment table (linear_model_mean's covariate_adjustment):
   * the engine adds column `<metric>_pre` from `<nslug>_enrollments_<period>_1`, joined by
   * (analysis_id, branch), or reports a warning and omits it when the table or column is missing.
   */
  covariate?(params: P, context: AnalysisContext): { readonly period: string; readonly metric: string } | undefined;
}

export interface PerBranchStatistic<P, S> extends StatisticBase<P> {
  readonly kind: 'per-branch';
  /** Runs in a worker; S must be structured-cloneable (typed arrays, numbers, plain objects). */
  summarize(input: SummarizeInput, params: P): S;
  /** Declares that `summarize` honours `input.replicates` (see ReplicateSplit); optional. */
  readonly replicateSplit?: ReplicateSplit<P, S>;
  /** Runs on the main thread. */
  compare(input: CompareInput<S>, params: P): RowDraft[];
}

/**
 * How a frame statistic's work divides into independent parts that may run on different workers at
 * once: the engine runs `part` once per name of `parts` (each in a worker, on the whole frame), then
 * `combine` on the main thread with the parts' results in the order of `parts`. `analyze` must give
 * the same rows and problems as the parts run one after another and combined: the engine splits only
 * to give idle workers work.
 */
export interface FrameSplit<P> {
  /** The parts' names for these params; fewer than two means the statistic runs whole. */
  parts(params: P, context: AnalysisContext): readonly string[];
  /** Runs in a worker; the result must be structured-cloneable. */
  part(input: AnalyzeInput, params: P, name: string): unknown;
  /** Runs on the main thread. */
  combine(results: readonly unknown[], params: P, context: AnalysisContext, report: Reporter): RowDraft[];
}

export interface FrameStatistic<P> extends StatisticBase<P> {
  readonly kind: 'frame';
  analyze(input: AnalyzeInput, params: P): RowDraft[];
  /** Declares parts of `analyze` that can run in parallel (see FrameSplit); optional. */
  readonly frameSplit?: FrameSplit<P>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StatisticDefinition = PerBranchStatistic<any, any> | FrameStatistic<any>;

export function defineStatistic<P, S>(definition: PerBranchStatistic<P, S>): PerBranchStatistic<P, S>;
export function defineStatistic<P>(definition: FrameStatistic<P>): FrameStatistic<P>;
export function defineStatistic(definition: StatisticDefinition): StatisticDefinition {
  return Object.freeze(definition);
}

/** Raised by a statistic for data it cannot analyse; becomes an error record, never a crash. */
export class StatisticError extends Error {
  override name = 'StatisticComputationException';
}
