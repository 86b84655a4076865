/**
 * The worker side of a summary: select the (segment, basis) rows of each branch, apply the
 * pretreatments, then `summarize` each branch or `analyze` the frame. Failures come back as data
 * (problems), never as exceptions, so one bad summary cannot stop the others.
 */
import type { Frame, BranchFrame } from './frame.js';
import type { Problem, SummaryTask, SummaryTaskResult, BranchSummary, TaskPart } from '../pool/messages.js';
import type { Reporter } from '../statistics/define.js';
import { getPretreatment } from '../pretreatments/registry.js';
import { gatherRows } from '../kernels/gather-rows.js';
import { getStatistic } from '../statistics/registry.js';

export function runSummaryTask(task: SummaryTask): SummaryTaskResult {
  const problems: Problem[] = [];
  const report = problemReporter((p) => problems.push(p));
  try {
    const frame = pretreatedFrame(task, false);
    const branchRows = frame.parts.map((part) => part.length);
    const statistic = getStatistic(task.summary.statistic);
    if (statistic.kind === 'frame') {
      const input = { frame, seed: task.frameSeed, context: task.context, report };
      if (task.framePart !== undefined) {
        if (statistic.frameSplit === undefined) throw new Error(`${statistic.name} declares no parts, got part "${task.framePart}"`);
        const part = statistic.frameSplit.part(input, task.summary.params, task.framePart);
        return { summaries: null, rows: null, part, branchRows, problems };
      }
      const rows = statistic.analyze(input, task.summary.params);
      return { summaries: null, rows, branchRows, problems };
    }
    const summaries = frame.parts.map((part, b): BranchSummary => {
      if (task.branchSubset !== undefined && !task.branchSubset.includes(b)) return { ok: false };
      try {
        const values = part.columns[task.summary.metric] ?? new Float64Array(0);
        const value = statistic.summarize(
          {
            values,
            columns: part.columns,
            branch: frame.branches[b],
            seed: task.branchSeeds[b],
            context: task.context,
            ...(task.replicates === undefined ? {} : { replicates: task.replicates }),
          },
          task.summary.params,
        );
        return { ok: true, value };
      } catch (error) {
        problems.push(toProblem(error));
        return { ok: false };
      }
    });
    return { summaries, rows: null, branchRows, problems };
  } catch (error) {
    problems.push(toProblem(error));
    return { summaries: null, rows: null, branchRows: [], problems };
  }
}

/**
 * The frame a statistic sees: the masked rows of every branch, pretreated. With `withRows`, each
 * branch also carries ROW_COLUMN, the row's index in the shared partition (pretreatments that drop
 * rows drop it with them), for kernels that key their weights by client.
 */
export function pretreatedFrame(task: SummaryTask, withRows: boolean): Frame {
  let frame = selectFrame(task, withRows);
  for (const pretreatment of task.summary.pretreatments) {
    const definition = getPretreatment(pretreatment.name);
    for (const column of task.pretreatedColumns) {
      frame = definition.apply(frame, column, pretreatment.params, { periodLength: task.context.periodLength });
    }
  }
  return frame;
}

/** The column `pretreatedFrame(task, true)` adds: partition row indices (a name no table column can have). */
export const ROW_COLUMN = '\u0000row';

/** The masked rows of every branch (views of the shared columns when no mask applies); nulls are NaN. */
function selectFrame(task: SummaryTask, withRows: boolean): Frame {
  const parts = task.parts.map((part): BranchFrame => {
    const keep = part.kept;
    const columns: Record<string, Float64Array> = {};
    for (const name of task.columns) {
      const source = part.columns[name];
      if (source === undefined) continue;
      if (keep === null) {
        // Every row: the shared column itself, no copy. Pretreatments and statistics never write
        // to their inputs (house rule, asserted in their tests), so the view is safe to hand out.
        columns[name] = source.values;
        continue;
      }
      const values = source.values;
      const out = new Float64Array(keep.length);
      gatherRows(values, keep, out);
      columns[name] = out;
    }
    if (withRows) columns[ROW_COLUMN] = keep === null ? rowIndices(part.length) : Float64Array.from(keep);
    return { length: keep === null ? part.length : keep.length, columns };
  });
  return { branches: task.branches, parts };
}

/** 0, 1, ..., n - 1 (a loop: `Float64Array.from({ length }, f)` took ~22 ms per 333k rows). */
function rowIndices(n: number): Float64Array {
  const rows = new Float64Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/** A Reporter whose warnings and errors become problems passed to `onProblem`. */
export function problemReporter(onProblem: (problem: Problem) => void): Reporter {
  return {
    warn: (message) => onProblem({ level: 'WARNING', message, exceptionType: null }),
    error: (message) => onProblem({ level: 'ERROR', message, exceptionType: 'StatisticComputationException' }),
  };
}

export function toProblem(error: unknown): Problem {
  const exceptionType = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { level: 'ERROR', message, exceptionType: exceptionType === 'Error' ? 'StatisticComputationException' : exceptionType };
}
