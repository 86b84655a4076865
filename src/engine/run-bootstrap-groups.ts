/**
 * The main-thread side of shared bootstrap weights: `bootstrap_mean` summaries of one window with
 * the same num_samples (every metric, basis and segment) run as one group, in pieces of one branch
 * and a replicate range (src/engine/run-bootstrap-group.ts decides, per branch, whether its members
 * share weights). Each member still gets the result its own task would report, merged from the
 * pieces exactly as run-split-summary.ts merges a split summary.
 */
import type { BootstrapGroupMemberResult, SummaryTask, SummaryTaskResult } from '../pool/messages.js';
import type { SummaryPool } from '../pool/summary-pool.js';
import bootstrapMean, { type BootstrapMeanParams } from '../statistics/bootstrap-mean.js';
import type { PartitionedTable } from './partition.js';
import { MIN_WORK_PER_PIECE, replicateRanges } from './replicate-split.js';
import { mergePieces } from './run-split-summary.js';
import { universePositions } from './universe-positions.js';

/** One summary task of a group, with the table its rows come from and its row count per branch. */
export interface GroupMember {
  readonly task: SummaryTask;
  readonly table: PartitionedTable;
  /** Rows of the member's subset per branch, aligned with task.branches. */
  readonly branchRows: readonly number[];
}

export interface BootstrapGroup {
  readonly members: readonly GroupMember[];
  /** The table whose clients the weights are drawn for (enrollments when the window has it). */
  readonly universe: PartitionedTable;
  readonly numSamples: number;
  /** The seed of a branch's shared weights. */
  readonly seedOf: (branch: string) => number;
}

/** The group a summary task joins, or null: `bootstrap_mean` by Monte Carlo, keyed by its num_samples. */
export function bootstrapGroupKey(task: SummaryTask): string | null {
  if (task.summary.statistic !== 'bootstrap_mean') return null;
  const params = task.summary.params as BootstrapMeanParams;
  return params.method === 'monte_carlo' ? `num_samples=${params.numSamples}` : null;
}

/** Each member's result, in member order. */
export function runBootstrapGroup(pool: SummaryPool, group: BootstrapGroup): Promise<SummaryTaskResult>[] {
  const { members, universe, numSamples } = group;
  const branches = [...new Set(members.flatMap((m) => m.task.branches))];
  const mapped = new Map<string, Int32Array>();
  const positionsOf = (member: GroupMember, branch: string): Int32Array | null => {
    if (member.table === universe) return null;
    const key = `${members.findIndex((m) => m.table === member.table)}\u0000${branch}`;
    let map = mapped.get(key);
    if (map === undefined) {
      const part = member.table.parts[member.table.branches.indexOf(branch)];
      const at = universe.branches.indexOf(branch);
      map = at < 0 ? new Int32Array(part.length).fill(-1) : universePositions(part, universe.parts[at]);
      mapped.set(key, map);
    }
    return map;
  };
  const pieces = branches.flatMap((branch) => {
    const rows = members.reduce((sum, m) => sum + (m.branchRows[m.task.branches.indexOf(branch)] ?? 0), 0);
    // as many pieces as threads, not more: each piece selects, pretreats and plans its branch's rows
    // again (3 pieces instead of 6 for the demo's 3 branches on 2 threads: 15.8-15.95 -> 15.0-15.3 s)
    const ranges = pool.threads <= 1 ? 1 : Math.max(1, Math.min(Math.ceil(pool.threads / branches.length), Math.floor((rows * numSamples) / MIN_WORK_PER_PIECE)));
    return replicateRanges(numSamples, ranges).map((replicates) => ({ branch, replicates }));
  });
  const runs = pieces.map(({ branch, replicates }) => {
    const at = universe.branches.indexOf(branch);
    return pool.runGroup({
      members: members.map((m) => m.task),
      positions: members.map((m) => (m.task.branches.includes(branch) ? positionsOf(m, branch) : null)),
      branch,
      universe: at < 0 ? 0 : universe.parts[at].length,
      seed: group.seedOf(branch),
      numSamples,
      replicates,
    });
  });
  const split = bootstrapMean.replicateSplit;
  const all = Promise.all(runs);
  return members.map(async (member, m) => {
    const results = await all;
    // each branch's rows, from its pieces (each piece builds the frame of its own branch)
    const branchRows = member.task.branches.map((branch) => {
      const p = pieces.findIndex((piece, q) => piece.branch === branch && results[q][m].rows !== null);
      return p < 0 ? 0 : (results[p][m].rows as number);
    });
    const own = pieces.flatMap((piece, p) => {
      const index = member.task.branches.indexOf(piece.branch);
      return index < 0 ? [] : [{ piece: { branch: index, replicates: piece.replicates }, result: pieceResult(results[p][m], index, branchRows) }];
    });
    return mergePieces(member.task.branches.length, own.map((o) => o.piece), own.map((o) => o.result), split as Parameters<typeof mergePieces>[3]);
  });
}

/** A member's part of one piece as the result of a task split by branch (only `index` summarised). */
function pieceResult(result: BootstrapGroupMemberResult, index: number, branchRows: readonly number[]): SummaryTaskResult {
  if (result.rows === null) return { summaries: null, rows: null, branchRows: [], problems: result.problems };
  return {
    summaries: branchRows.map((_, b) => (b === index ? (result.summary ?? { ok: false }) : { ok: false })),
    rows: null,
    branchRows,
    problems: result.problems,
  };
}
