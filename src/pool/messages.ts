/**
 * Every message that crosses between the main thread and the statistic workers. Typed arrays in
 * `SharedColumn` and kept rows are views of SharedArrayBuffers: posting them shares memory, no copy.
 */
import type { SummarySpec } from '../config/spec.js';
import type { SharedColumn } from '../engine/partition.js';
import type { AnalysisContext } from '../statistics/define.js';
import type { RowDraft } from '../results/statistic-row.js';

/** One branch's rows as the task sees them: shared columns and the rows of its subset. */
export interface TaskPart {
  readonly length: number;
  readonly columns: Readonly<Record<string, SharedColumn>>;
  /**
   * The rows of the (segment, basis) subset, ascending, where every mask is 1 (segment, exposures
   * basis); null: every row. Computed once per subset on the main thread and shared: each of the
   * subset's tasks selecting them again from the masks was ~2 % of the demo's CPU time.
   */
  readonly kept: Uint32Array | null;
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
  /** The part to run when the engine splits a frame statistic that declares `frameSplit`; absent: `analyze`. */
  readonly framePart?: string;
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
  /** A frame statistic's part (`framePart` of the task): its result, absent when it failed. */
  readonly part?: unknown;
  /** Rows per branch after the mask and pretreatments. */
  readonly branchRows: readonly number[];
  readonly problems: readonly Problem[];
}

/**
 * One branch and replicate range of a group of `bootstrap_mean` summaries (segments, bases, metrics)
 * that may share their bootstrap weights (src/engine/run-bootstrap-group.ts).
 */
export interface BootstrapGroupTask {
  /** Whole summary tasks (every branch, for pretreatments), without split fields. */
  readonly members: readonly SummaryTask[];
  /**
   * Per member: for each row of the branch's partition, its position among the universe's clients
   * (-1 when the client is not there); null when the member reads the universe's own table.
   */
  readonly positions: readonly (Int32Array | null)[];
  readonly branch: string;
  /** Clients of the branch in the universe table (the enrollments table when there is one). */
  readonly universe: number;
  /** The branch's seed for shared weights. */
  readonly seed: number;
  readonly numSamples: number;
  readonly replicates: readonly [number, number];
}

/** A member's part of a group task's result: its summary of the branch, or why there is none. */
export interface BootstrapGroupMemberResult {
  /**
   * The member's rows in the branch after the mask and pretreatments; null when the member has no
   * such branch or its frame could not be built (its problems say why).
   */
  readonly rows: number | null;
  /** Absent when the member has no rows in the branch. */
  readonly summary?: BranchSummary;
  readonly problems: readonly Problem[];
}
