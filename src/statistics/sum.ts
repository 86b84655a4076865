/**
 * `sum`: the sum of each branch's values, skipping nulls (NaN); booleans arrive as 0/1, so a
 * boolean metric sums to its number of true values. One row per branch, no interval.
 *
 * Parity: jetstream `Sum` (`df.groupby("branch")[metric].sum()`, pandas skips NaN).
 */
import { assertKnownKeys } from '../config/params.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic } from './define.js';

/** The sum of the non-NaN entries of `values`. */
function sumSkippingNaN(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) total += v;
  }
  return total;
}

/** Jetstream `sum`: the sum of each branch's non-null values. */
export default defineStatistic<Record<string, never>, number>({
  kind: 'per-branch',
  name: 'sum',
  label: 'sum',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, []);
    return {};
  },
  summarize: ({ values }) => sumSkippingNaN(values),
  compare: ({ branches, summaries }) =>
    branches.map((branch, i): RowDraft => ({ branch, point: summaries[i] })),
});
