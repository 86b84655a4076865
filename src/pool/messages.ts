/**
 * Every message that crosses between the main thread and the statistic workers. Typed arrays in
 * `SharedColumn` and masks are views of SharedArrayBuffers: posting them shares memory, no copy.
 */
import type { SummarySpec } from '../config/spec.js';
import type { SharedColumn } from '../engine/partition.js';
import type { AnalysisContext } from '../statistics/define.js';
import type { RowDraft } from '../results/statistic-row.js';

/** One branch's rows as the task sees them: shared columns and the masks that select its subset. */
export interface TaskPart {
  readonly length: number;
  readonly columns: Readonly<Record<string, SharedColumn>>;
  /** Rows kept are those where every mask is 1 (segment, exposures basis). */
  readonly masks: readonly Uint8Array[];
}

/** Pretreat and summarize one (segment, basis, summary). */
export interface SummaryTask {
  readonly branches: readonly string[];
  readonly parts: readonly TaskPart[];
  /** The frame's columns: the metric (unless it has depends_on), upstream columns, covariates. */
  readonly columns: readonly string[];
  /** Columns the pretreatments apply to, in order. */
  readonly pretreatedColumns: readonly string[];
  readonly summary: SummarySpec;
  readonly context: AnalysisContext;
  /** One seed per branch, aligned with `branches`. */
  readonly branchSeeds: readonly number[];
  readonly frameSeed: number;
  /** Replicates [start, end) when the engine splits a bootstrap across workers; absent: all. */
  readonly replicates?: readonly [number, number];
  /**
   * Branch indices to summarize when the engine splits a per-branch statistic by branch (the others
   * come back `{ ok: false }` without a problem); absent: all. Pretreatments still see every branch.
   */
  readonly branchSubset?: readonly number[];
}

/** A warning or error raised while computing, without its analysis coordinates (the caller adds them). */
export interface Problem {
  readonly level: 'ERROR' | 'WARNING';
  readonly message: string;
  readonly exceptionType: string | null;
}

export type BranchSummary = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export interface SummaryTaskResult {
  /** Per-branch statistics: one entry per branch (failed ones reported in `problems`). */
  readonly summaries: readonly BranchSummary[] | null;
  /** Frame statistics: their rows. */
  readonly rows: readonly RowDraft[] | null;
  /** Rows per branch after the mask and pretreatments. */
  readonly branchRows: readonly number[];
  readonly problems: readonly Problem[];
}
