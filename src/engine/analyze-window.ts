/**
 * One analysis window end to end, from tables to schema-v4 rows: read and partition each table once,
 * then run every (summary, basis, segment) on the worker pool, compare per-branch summaries on the
 * main thread, and add the automatic identity counts. Output order and every random draw depend
 * only on the inputs and the seed, never on thread count, batch size or scheduling.
 */
import type { AnalysisSpec, Period } from '../config/spec.js';
import type { TableReader } from '../sources/table-reader.js';
import type { AnalysisBasis, RowDraft, StatisticRow } from '../results/statistic-row.js';
import type { AnalysisContext } from '../statistics/define.js';
import type { SummaryPool } from '../pool/summary-pool.js';
import type { Problem, SummaryTask, SummaryTaskResult, TaskPart } from '../pool/messages.js';
import { getStatistic } from '../statistics/registry.js';
import { deriveSeed } from '../kernels/rng.js';
import { keptRows } from './mask-rows.js';
import { sharedUint32 } from './shared-buffers.js';
import { EXPOSURES_MASK, type PartitionedTable } from './partition.js';
import { planSummaries, type PlannedSummary } from './plan.js';
import { finalizeRow } from './finalize-row.js';
import { orderBranches } from './order-branches.js';
import { problemReporter, toProblem } from './run-summary-task.js';
import { runSplitSummary } from './run-split-summary.js';
import { bootstrapGroupKey, runBootstrapGroup, type GroupMember } from './run-bootstrap-groups.js';
import { covariateNeeds } from './attach-covariates.js';
import { readWindowTables } from './read-partitions.js';

/** The table each basis reads; the same reader for both bases means one pass serves both. */
export interface BasisTables {
  readonly enrollments: TableReader | null;
  readonly exposures: TableReader | null;
  /** The pre-enrollment table of a period (`<nslug>_enrollments_<period>_1`), for covariates. */
  readonly preenrollment?: (period: string) => Promise<TableReader | null>;
}

export interface AnalyzeWindowOptions {
  readonly spec: AnalysisSpec;
  readonly slug: string;
  readonly period: Period;
  readonly window: number;
  /** Days in the window (normalize_over_analysis_period). */
  readonly periodLength: number;
  readonly tables: BasisTables;
  readonly seed: number;
  readonly pool: SummaryPool;
  readonly branchColumn?: string;
  /** Branches the experiment defines, in order; absent ones get identity counts of 0. */
  readonly branches?: readonly string[];
  readonly referenceBranch?: string;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** A warning or error with the coordinates it belongs to. */
export interface LocatedProblem extends Problem {
  readonly metric: string | null;
  readonly statistic: string | null;
  readonly analysisBasis: AnalysisBasis | null;
  readonly segment: string | null;
}

export interface WindowResult {
  readonly rows: StatisticRow[];
  readonly problems: LocatedProblem[];
  readonly rowsRead: number;
  readonly rowsDropped: Readonly<Record<string, number>>;
  readonly summariesComputed: number;
  readonly summariesFailed: number;
}

const ALL = 'all';

export async function analyzeWindow(options: AnalyzeWindowOptions): Promise<WindowResult> {
  const problems: LocatedProblem[] = [];
  const locate = (p: Problem, at: Partial<Pick<LocatedProblem, 'metric' | 'statistic' | 'analysisBasis' | 'segment'>>) =>
    problems.push({ metric: null, statistic: null, analysisBasis: null, segment: null, ...p, ...at });

  const planned = planSummaries(options.spec, options.period);
  const bases = (['enrollments', 'exposures'] as const).filter((b) => planned.some((p) => p.bases.includes(b)));
  const segments = options.spec.experiment.segments ?? [];
  const branchColumn = options.branchColumn ?? 'branch';
  const baseContext = { metric: '', referenceBranch: options.referenceBranch ?? 'control', periodLength: options.periodLength, period: options.period };
  const needs = covariateNeeds(planned, baseContext);

  const { partitions, rowsRead, rowsDropped, attached } = await readWindowTables({
    planned,
    bases,
    tables: options.tables,
    segments,
    branchColumn,
    batchSize: options.batchSize,
    needs,
    locate,
    onCoreFree: () => options.pool.start(),
  });

  const branchNames = orderBranches(
    [...new Set([...partitions.values()].flatMap((p) => p.table.branches))],
    options.branches,
    options.referenceBranch,
  );
  const referenceBranch = options.referenceBranch ?? (branchNames.includes('control') ? 'control' : branchNames[0] ?? 'control');
  const context: AnalysisContext = { ...baseContext, referenceBranch };

  const subsets = new Map<string, ReturnType<typeof subsetOf>>();
  const subsetFor = (basis: AnalysisBasis, segment: string) => {
    const key = `${basis}\u0000${segment}`;
    let subset = subsets.get(key);
    if (subset === undefined) {
      subset = subsetOf(partitions.get(basis)!.table, branchNames, basis, segment);
      subsets.set(key, subset);
    }
    return subset;
  };

  // Tasks in output order: summary, basis, segment. bootstrap_mean tasks wait for their group.
  interface Job {
    planned: PlannedSummary;
    basis: AnalysisBasis;
    segment: string;
    branches: string[];
    result: Promise<SummaryTaskResult>;
  }
  const jobs: Job[] = [];
  // Tasks outside a group start after the groups (below): scheduling only, results never depend on it.
  const deferred: (() => void)[] = [];
  const groups = new Map<string, { job: Job; member: GroupMember }[]>();
  for (const p of planned) {
    for (const basis of p.bases) {
      const partition = partitions.get(basis);
      if (partition === undefined) continue;
      for (const segment of [ALL, ...partition.segments]) {
        const at = { metric: p.summary.metric, statistic: p.summary.statistic, analysisBasis: basis, segment };
        const missing = p.columns.filter((c) => !partition.columns.has(c));
        if (missing.length > 0) {
          const unreadable = missing.every((c) => partition.present.has(c));
          if (segment === ALL && !unreadable) {
            locate(
              { level: 'ERROR', exceptionType: 'InputError', message: `${p.summary.statistic} for metric ${p.summary.metric}: column ${missing.map((c) => `"${c}"`).join(', ')} is not in ${partition.reader.description}; add it to the table or remove the metric from the config` },
              { ...at, segment: null },
            );
          }
          continue;
        }
        const need = needs.get(p);
        const covariate = need !== undefined && attached.has(need.column) ? [need.column] : [];
        if (need !== undefined && covariate.length === 0 && segment === ALL) {
          locate({ level: 'WARNING', exceptionType: null, message: `Falling back to unadjusted inferences for ${p.summary.metric}` }, at);
        }
        const subset = subsetFor(basis, segment);
        const branches = subset.filter((s) => s.rows > 0).map((s) => s.branch);
        const parts = subset.filter((s) => s.rows > 0).map((s) => s.part);
        if (branches.length === 0) continue;
        const taskContext = { ...context, metric: p.summary.metric };
        const coordinates = [options.slug, options.period, options.window, basis, segment, p.summary.metric, p.summary.statistic];
        const task: SummaryTask = {
          branches,
          parts,
          columns: [...p.columns, ...covariate],
          pretreatedColumns: p.pretreatedColumns,
          summary: p.summary,
          context: taskContext,
          branchSeeds: branches.map((b) => deriveSeed(options.seed, [...coordinates, b])),
          frameSeed: deriveSeed(options.seed, coordinates),
        };
        const rows = subset.reduce((sum, s) => sum + s.rows, 0);
        const job: Job = { planned: p, basis, segment, branches, result: Promise.resolve(null as never) };
        jobs.push(job);
        const key = bootstrapGroupKey(task);
        if (key === null) {
          deferred.push(() => (job.result = runSplitSummary(options.pool, task, rows)));
        } else {
          const branchRows = subset.filter((s) => s.rows > 0).map((s) => s.rows);
          groups.set(key, [...(groups.get(key) ?? []), { job, member: { task, table: partition.table, branchRows } }]);
        }
      }
    }
  }

  // Groups of bootstrap_mean summaries may share weights per client (run-bootstrap-groups.ts); a group
  // of one runs as its own task (the same result: sharing needs two members). Groups go to the pool's
  // queue first: they are the window's longest pieces, and queued last they left one worker idle
  // while the other finished them (longest first is the classic bound on such a tail).
  const universe = (partitions.get('enrollments') ?? partitions.get('exposures'))?.table;
  for (const [key, entries] of groups) {
    if (entries.length === 1 || universe === undefined) {
      for (const { job, member } of entries) job.result = runSplitSummary(options.pool, member.task, member.branchRows.reduce((a, b) => a + b, 0));
      continue;
    }
    const numSamples = (entries[0].member.task.summary.params as { numSamples: number }).numSamples;
    const results = runBootstrapGroup(options.pool, {
      members: entries.map((e) => e.member),
      universe,
      numSamples,
      seedOf: (branch) => deriveSeed(options.seed, [options.slug, options.period, options.window, 'bootstrap_mean', key, branch]),
    });
    entries.forEach(({ job }, k) => (job.result = results[k]));
  }
  for (const start of deferred) start();

  let done = 0;
  options.onProgress?.(0, jobs.length);
  for (const job of jobs) void job.result.then(() => options.onProgress?.(++done, jobs.length), () => options.onProgress?.(++done, jobs.length));

  const rows: StatisticRow[] = [];
  let failed = 0;
  for (const job of jobs) {
    const at = { metric: job.planned.summary.metric, statistic: job.planned.summary.statistic, analysisBasis: job.basis, segment: job.segment };
    let result: SummaryTaskResult;
    try {
      result = await job.result;
    } catch (error) {
      locate(toProblem(error), at);
      failed++;
      continue;
    }
    for (const problem of result.problems) locate(problem, at);
    const drafts = draftsOf(job, result, { ...context, metric: job.planned.summary.metric }, (p) => locate(p, at));
    if (drafts === null || (drafts.length === 0 && result.problems.some((p) => p.level === 'ERROR'))) failed++;
    for (const draft of drafts ?? []) {
      rows.push(finalizeRow(draft, { metric: job.planned.summary.metric, statistic: job.planned.label, segment: job.segment, basis: job.basis }));
    }
  }

  // Identity counts per (segment, basis), with 0 for configured branches absent from the data.
  for (const basis of bases) {
    const partition = partitions.get(basis);
    if (partition === undefined) continue;
    for (const segment of [ALL, ...partition.segments]) {
      for (const { branch, rows: count } of subsetFor(basis, segment)) {
        rows.push(finalizeRow({ branch, point: count }, { metric: 'identity', statistic: 'count', segment, basis }));
      }
    }
  }

  return { rows, problems, rowsRead, rowsDropped, summariesComputed: jobs.length - failed, summariesFailed: failed };
}

function draftsOf(
  job: { planned: PlannedSummary; branches: string[] },
  result: SummaryTaskResult,
  context: AnalysisContext,
  onProblem: (p: Problem) => void,
): RowDraft[] | null {
  if (result.rows !== null) return [...result.rows];
  if (result.summaries === null) return null;
  const statistic = getStatistic(job.planned.summary.statistic);
  if (statistic.kind !== 'per-branch') return null;
  const branches: string[] = [];
  const summaries: unknown[] = [];
  result.summaries.forEach((s, i) => {
    if (s.ok) {
      branches.push(job.branches[i]);
      summaries.push(s.value);
    }
  });
  if (branches.length === 0) return null;
  const report = problemReporter(onProblem);
  try {
    return statistic.compare({ branches, summaries, context, report }, job.planned.summary.params);
  } catch (error) {
    onProblem(toProblem(error));
    return null;
  }
}

/** Each branch's rows for (basis, segment): the shared columns plus the rows its masks keep, shared. */
function subsetOf(table: PartitionedTable, branchNames: readonly string[], basis: AnalysisBasis, segment: string) {
  return branchNames.map((branch) => {
    const index = table.branches.indexOf(branch);
    if (index < 0) return { branch, rows: 0, part: { length: 0, columns: {}, kept: null } as TaskPart };
    const source = table.parts[index];
    const masks: Uint8Array[] = [];
    if (segment !== ALL) masks.push(source.masks[segment]);
    if (basis === 'exposures') masks.push(source.masks[EXPOSURES_MASK]);
    let kept: Uint32Array | null = null;
    if (masks.length > 0) {
      const rows = keptRows(masks, source.length);
      kept = sharedUint32(rows.length);
      kept.set(rows);
    }
    const part: TaskPart = { length: source.length, columns: source.columns, kept };
    return { branch, rows: kept === null ? source.length : kept.length, part };
  });
}
