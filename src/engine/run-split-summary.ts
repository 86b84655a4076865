/**
 * Runs one summary task on the pool, split into pieces when it is a per-branch statistic with
 * enough work (rows x replicates) to keep several workers busy: one piece per branch (each branch
 * has its own seed, so this needs nothing from the statistic), and, when the statistic declares
 * `replicateSplit`, each branch's replicates further split into consecutive ranges. Pieces are merged
 * in branch and range order, so the result equals the unsplit one bit for bit. A frame statistic
 * that declares `frameSplit` runs as its parts, one task each, combined on the main thread, from
 * MIN_ROWS_TO_SPLIT_FRAME rows.
 */
import type { BranchSummary, Problem, SummaryTask, SummaryTaskResult } from '../pool/messages.js';
import type { SummaryPool } from '../pool/summary-pool.js';
import type { FrameSplit, ReplicateSplit } from '../statistics/define.js';
import { getStatistic } from '../statistics/registry.js';
import { MIN_WORK_PER_PIECE, replicateRanges } from './replicate-split.js';
import { problemReporter, toProblem } from './run-summary-task.js';

/**
 * Rows from which a frame statistic runs as its parts. Each part builds the task's frame again (a
 * gather per column under a segment mask), which pays only when a worker would otherwise wait: the
 * linear_model_mean of a 10M-client window is one task of ~1 s on one of two workers. Below this,
 * a window's frame tasks are small and many (the demo's 24 at 1M clients) and keep the pool busy.
 */
export const MIN_ROWS_TO_SPLIT_FRAME = 2_000_000;

/** One piece of a split task: which branch, which replicates. */
interface Piece {
  readonly branch: number;
  readonly replicates: readonly [number, number] | undefined;
}

/** The task's result, computed as one task or as pieces merged. `rows`: the task's rows over all branches. */
export async function runSplitSummary(pool: SummaryPool, task: SummaryTask, rows: number): Promise<SummaryTaskResult> {
  const statistic = getStatistic(task.summary.statistic);
  if (statistic.kind === 'frame') {
    const split = statistic.frameSplit;
    const names = split?.parts(task.summary.params, task.context) ?? [];
    if (split === undefined || names.length < 2 || pool.threads <= 1 || rows < MIN_ROWS_TO_SPLIT_FRAME) return pool.run(task);
    const results = await Promise.all(names.map((framePart) => pool.run({ ...task, framePart })));
    return combineParts(split, task, results);
  }
  if (pool.threads <= 1) return pool.run(task);
  const split = statistic.replicateSplit;
  const declared = split?.numSamples(task.summary.params) ?? null;
  // Work estimate only (never affects results): the declared replicates, else a num_samples param.
  const guessed = (task.summary.params as { numSamples?: unknown } | null)?.numSamples;
  const replicates = declared ?? (typeof guessed === 'number' ? guessed : 1);
  const pieces = planPieces(task.branches.length, rows, replicates, declared, pool.threads);
  if (pieces.length <= 1) return pool.run(task);
  const results = await Promise.all(
    pieces.map((piece) =>
      pool.run({ ...task, branchSubset: [piece.branch], ...(piece.replicates === undefined ? {} : { replicates: piece.replicates }) }),
    ),
  );
  return mergePieces(task.branches.length, pieces, results, split);
}

/**
 * The pieces of a task: none (run whole) when its work is below two pieces' minimum; else one per
 * branch, and with declared replicates ceil(2 threads / branches) ranges per branch, as long as each
 * range keeps MIN_WORK_PER_PIECE value-replicates (pieces enough for the pool to balance them).
 */
export function planPieces(branches: number, rows: number, replicates: number, declared: number | null, threads: number): Piece[] {
  if (branches === 0 || rows * replicates < 2 * MIN_WORK_PER_PIECE) return [];
  const perBranchWork = (rows / branches) * replicates;
  const ranges =
    declared === null ? 1 : Math.max(1, Math.min(Math.ceil((2 * threads) / branches), Math.floor(perBranchWork / MIN_WORK_PER_PIECE)));
  const pieces: Piece[] = [];
  for (let b = 0; b < branches; b++) {
    if (ranges === 1 || declared === null) pieces.push({ branch: b, replicates: undefined });
    else for (const range of replicateRanges(declared, ranges)) pieces.push({ branch: b, replicates: range });
  }
  return pieces;
}

/**
 * A frame task's result from its parts' results: the statistic's `combine` of them, when every part
 * succeeded. Problems are the parts' (as mergePieces collects them), then combine's.
 */
export function combineParts(split: FrameSplit<unknown>, task: SummaryTask, results: readonly SummaryTaskResult[]): SummaryTaskResult {
  const problems = distinctProblems(results);
  const branchRows = results.find((r) => r.branchRows.length > 0)?.branchRows ?? [];
  if (results.some((r) => r.part === undefined)) return { summaries: null, rows: null, branchRows, problems };
  const report = problemReporter((p) => problems.push(p));
  try {
    const rows = split.combine(results.map((r) => r.part), task.summary.params, task.context, report);
    return { summaries: null, rows, branchRows, problems };
  } catch (error) {
    problems.push(toProblem(error));
    return { summaries: null, rows: null, branchRows, problems };
  }
}

/** The results' problems: the first's, then any other's not already there (pieces share their pretreatments, so those repeat). */
function distinctProblems(results: readonly SummaryTaskResult[]): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const result of results) {
    for (const problem of result.problems) {
      const key = `${problem.level}\u0000${problem.exceptionType}\u0000${problem.message}`;
      if (!seen.has(key)) {
        seen.add(key);
        problems.push(problem);
      }
    }
  }
  return problems;
}

/**
 * One result from the pieces. Branch b is ok only if every piece of b summarised it (its ranges
 * merged in order when there are several); problems are those of the first piece plus any other
 * piece's not already reported (pieces share their pretreatments, so those repeat).
 */
export function mergePieces(
  branches: number,
  pieces: readonly Piece[],
  results: readonly SummaryTaskResult[],
  split: ReplicateSplit<unknown, unknown> | undefined,
): SummaryTaskResult {
  const [head] = results;
  const problems = distinctProblems(results);
  if (results.some((r) => r.summaries === null)) return { ...head, summaries: null, problems };
  const summaries = Array.from({ length: branches }, (_, b): BranchSummary => {
    const parts: unknown[] = [];
    for (let p = 0; p < pieces.length; p++) {
      if (pieces[p].branch !== b) continue;
      const summary = results[p].summaries![b];
      if (!summary.ok) return { ok: false };
      parts.push(summary.value);
    }
    if (parts.length === 0) return { ok: false };
    return { ok: true, value: parts.length === 1 ? parts[0] : split!.merge(parts) };
  });
  return { summaries, rows: null, branchRows: head.branchRows, problems };
}
