/**
 * `count`: the number of rows of each branch (after pretreatments), one row per branch, no interval.
 *
 * Parity: jetstream `Count` (`df.groupby("branch").size()`); also the engine's identity counts.
 */
import { assertKnownKeys } from '../config/params.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic } from './define.js';

/** The branch's rows: the metric column's length, or any column's when the metric has none. */
function rowCount(values: Float64Array, columns: Readonly<Record<string, Float64Array>>): number {
  let rows = values.length;
  for (const column of Object.values(columns)) rows = Math.max(rows, column.length);
  return rows;
}

/** Jetstream `count`: rows per branch. */
export default defineStatistic<Record<string, never>, number>({
  kind: 'per-branch',
  name: 'count',
  label: 'count',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, []);
    return {};
  },
  summarize: ({ values, columns }) => rowCount(values, columns),
  compare: ({ branches, summaries }) =>
    branches.map((branch, i): RowDraft => ({ branch, point: summaries[i] })),
});
