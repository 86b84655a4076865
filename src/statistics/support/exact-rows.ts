/**
 * Result rows of the exact (Monte-Carlo-free) bootstrap: one row per branch from its exact interval,
 * then `difference` and `relative_uplift` for every ordered pair of distinct branches from a pairwise
 * comparison of the branches' exact distributions. Same rows, order and fields as `replicate-rows.ts`.
 *
 * Parity: the rows jetstream `flatten_simple_compare_branches_result` gives, in the num_samples -> ∞ limit.
 */
import type { Interval } from '../../kernels/interval.js';
import type { RowDraft } from '../../results/statistic-row.js';

/** Rows for every branch, then every ordered (branch, reference) pair via `compare(focus, reference)`. */
export function exactRows<D>(input: {
  readonly branches: readonly string[];
  readonly intervals: readonly Interval[];
  readonly distributions: readonly D[];
  readonly compare: (focus: D, reference: D) => { difference: Interval; relativeUplift: Interval };
  readonly ciWidth: number;
  readonly parameter?: number;
}): RowDraft[] {
  const { branches, intervals, distributions, compare, ciWidth, parameter } = input;
  const extra = parameter === undefined ? {} : { parameter };
  const rows: RowDraft[] = branches.map((branch, b) => {
    const s = intervals[b];
    return { branch, ciWidth, point: s.point, lower: s.lower, upper: s.upper, ...extra };
  });
  for (let r = 0; r < branches.length; r++) {
    for (let b = 0; b < branches.length; b++) {
      if (b === r) continue;
      const { difference: d, relativeUplift: u } = compare(distributions[b], distributions[r]);
      const common = { branch: branches[b], comparisonToBranch: branches[r], ciWidth, ...extra };
      rows.push({ ...common, comparison: 'difference', point: d.point, lower: d.lower, upper: d.upper });
      rows.push({ ...common, comparison: 'relative_uplift', point: u.point, lower: u.lower, upper: u.upper });
    }
  }
  return rows;
}
