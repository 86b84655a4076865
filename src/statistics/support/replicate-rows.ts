/**
 * Result rows from per-branch bootstrap replicates: one row per branch (mean of its replicates and
 * their quantile interval), then for every ordered pair (branch, reference), branch != reference, a
 * `difference` and a `relative_uplift` row from replicate-by-replicate pairs. Each branch's replicates
 * are drawn once and reused for every reference (Jetstream re-draws them per reference).
 *
 * Parity: jetstream `flatten_simple_compare_branches_result` over mozanalysis `compare_samples`,
 * called with every branch as reference; bounds at any confidence level (deliberate fix).
 */
import { compareReplicates } from '../../kernels/compare-replicates.js';
import { summarizeReplicates } from '../../kernels/summarize-replicates.js';
import type { RowDraft } from '../../results/statistic-row.js';

/** One row per branch from its replicates. */
export function branchReplicateRows(
  branches: readonly string[],
  replicates: readonly Float64Array[],
  ciWidth: number,
  parameter?: number,
): RowDraft[] {
  return branches.map((branch, b): RowDraft => {
    const s = summarizeReplicates(replicates[b], ciWidth);
    return withParameter({ branch, ciWidth, point: s.point, lower: s.lower, upper: s.upper }, parameter);
  });
}

/** `difference` and `relative_uplift` rows for every ordered pair of distinct branches. */
export function comparisonReplicateRows(
  branches: readonly string[],
  replicates: readonly Float64Array[],
  ciWidth: number,
  parameter?: number,
): RowDraft[] {
  const rows: RowDraft[] = [];
  for (let r = 0; r < branches.length; r++) {
    for (let b = 0; b < branches.length; b++) {
      if (b === r) continue;
      const { difference: d, relativeUplift: u } = compareReplicates(replicates[b], replicates[r], ciWidth);
      const common = { branch: branches[b], comparisonToBranch: branches[r], ciWidth };
      rows.push(withParameter({ ...common, comparison: 'difference', point: d.point, lower: d.lower, upper: d.upper }, parameter));
      rows.push(withParameter({ ...common, comparison: 'relative_uplift', point: u.point, lower: u.lower, upper: u.upper }, parameter));
    }
  }
  return rows;
}

function withParameter(row: RowDraft, parameter: number | undefined): RowDraft {
  return parameter === undefined ? row : { ...row, parameter };
}
