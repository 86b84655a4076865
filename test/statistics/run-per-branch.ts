/**
 * Test helper: runs a per-branch statistic the way the engine does (params, then summarize per
 * branch, then compare), on small inline arrays.
 */
import type { RawParams } from '../../src/config/params.js';
import type { AnalysisContext, PerBranchStatistic, StatisticDefinition } from '../../src/statistics/define.js';
import type { RowDraft } from '../../src/results/statistic-row.js';

export const CONTEXT: AnalysisContext = { metric: 'value', referenceBranch: 'control', periodLength: 7, period: 'week' };

export function perBranch(definition: StatisticDefinition): PerBranchStatistic<unknown, unknown> {
  if (definition.kind !== 'per-branch') throw new Error(`${definition.name} is not a per-branch statistic`);
  return definition as PerBranchStatistic<unknown, unknown>;
}

/** Rows of `definition` over `data` (branch -> values, booleans as 0/1); branch b gets seed `seed + b`. */
export function runPerBranch(
  definition: StatisticDefinition,
  raw: RawParams,
  data: Record<string, ArrayLike<number>>,
  seed = 1,
): RowDraft[] {
  const statistic = perBranch(definition);
  const params = statistic.params(raw, definition.name);
  const branches = Object.keys(data);
  const summaries = branches.map((branch, b) => {
    const values = Float64Array.from(data[branch]);
    return statistic.summarize({ values, columns: { value: values }, branch, seed: seed + b, context: CONTEXT }, params);
  });
  const report = { warn: () => undefined, error: () => undefined };
  return statistic.compare({ branches, summaries, context: CONTEXT, report }, params);
}

/** The row for (branch, comparison, reference, parameter), failing loudly when absent. */
export function rowOf(
  rows: readonly RowDraft[],
  branch: string,
  comparison: 'difference' | 'relative_uplift' | null = null,
  reference: string | null = null,
  parameter: number | null = null,
): RowDraft {
  const found = rows.filter(
    (r) =>
      r.branch === branch &&
      (r.comparison ?? null) === comparison &&
      (r.comparisonToBranch ?? null) === reference &&
      (r.parameter ?? null) === parameter,
  );
  if (found.length !== 1) throw new Error(`expected one row for ${branch}/${comparison}/${reference}/${parameter}, found ${found.length}`);
  return found[0];
}

export function repeat(value: number, times: number): number[] {
  return new Array<number>(times).fill(value);
}
