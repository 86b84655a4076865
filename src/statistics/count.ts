/**
 * `count`: the number of rows of each branch (after pretreatments), one row per branch, no interval.
 *
 * Parity: jetstream `Count` (`df.groupby("branch").size()`); also the engine's identity counts.
 */
import { assertKnownKeys } from '../config/params.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic } from './define.js';

export default defineStatistic<Record<string, never>, number>({
  kind: 'per-branch',
  name: 'count',
  label: 'count',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, []);
    return {};
  },
  summarize: ({ values }) => values.length,
  compare: ({ branches, summaries }) =>
    branches.map((branch, i): RowDraft => ({ branch, point: summaries[i] })),
});
