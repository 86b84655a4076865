/**
 * Covariate adjustment's data: for every summary whose statistic asks for a covariate
 * (linear_model_mean's `covariate_adjustment`), read the pre-enrollment table once per period and add
 * `<metric>_pre` columns to the analysis partitions. A missing table or column is not an error: the
 * summary falls back to unadjusted inferences with Jetstream's warning.
 *
 * Parity: jetstream `_create_subset_metric_table_query_covariate` (LEFT JOIN on analysis_id and
 * branch; missing table or column -> "Falling back to unadjusted inferences for <metric>").
 */
import type { AnalysisContext } from '../statistics/define.js';
import { getStatistic } from '../statistics/registry.js';
import type { TableReader } from '../sources/table-reader.js';
import type { PlannedSummary } from './plan.js';
import type { PartitionedTable, PartitionRequest } from './partition.js';
import { partitionTable, type PartitionTableOptions } from './partition-table.js';
import { joinCovariates } from './join-covariates.js';

export interface CovariateNeed {
  readonly period: string;
  readonly metric: string;
  readonly column: string;
}

/** The covariate each planned summary asks for, if any. */
export function covariateNeeds(planned: readonly PlannedSummary[], context: AnalysisContext): Map<PlannedSummary, CovariateNeed> {
  const needs = new Map<PlannedSummary, CovariateNeed>();
  for (const p of planned) {
    const statistic = getStatistic(p.summary.statistic);
    const need = statistic.covariate?.(p.summary.params, { ...context, metric: p.summary.metric });
    if (need !== undefined) needs.set(p, { ...need, column: `${need.metric}_pre` });
  }
  return needs;
}

/** A pre-enrollment table, partitioned by branch, with the covariate metrics it holds. */
export interface CovariateTable {
  readonly pre: PartitionedTable;
  readonly metrics: readonly string[];
}

/** A pre-enrollment table to read: its reader, period, request and the needed metrics it holds. */
export interface CovariateRead {
  readonly reader: TableReader;
  readonly period: string;
  readonly request: PartitionRequest;
  readonly metrics: readonly string[];
}

/**
 * The pre-enrollment tables to read for `needs`: each that exists with analysis_id, the branch
 * column and at least one of the metrics, from their footers (read one after another). The tables
 * are then read at once, beside the analysis tables (partitionCovariateReads).
 */
export async function planCovariateReads(
  needs: ReadonlyMap<PlannedSummary, CovariateNeed>,
  options: { readonly openPre: (period: string) => Promise<TableReader | null>; readonly branchColumn: string },
): Promise<CovariateRead[]> {
  const byPeriod = new Map<string, Set<string>>();
  for (const need of needs.values()) {
    const metrics = byPeriod.get(need.period) ?? new Set<string>();
    metrics.add(need.metric);
    byPeriod.set(need.period, metrics);
  }
  const reads: CovariateRead[] = [];
  for (const [period, metrics] of byPeriod) {
    const reader = await options.openPre(period);
    if (reader === null) continue;
    const schema = new Set((await reader.schema()).fields.map((f) => f.name));
    if (!schema.has('analysis_id') || !schema.has(options.branchColumn)) continue;
    const present = [...metrics].filter((m) => schema.has(m));
    if (present.length === 0) continue;
    reads.push({
      reader,
      period,
      metrics: present,
      request: {
        columns: present,
        segments: [],
        branchColumn: options.branchColumn,
        enrollmentColumn: null,
        exposureColumn: null,
        keyColumn: 'analysis_id',
        description: reader.description,
      },
    });
  }
  return reads;
}

/** The planned pre-enrollment tables read at once (src/engine/partition-table.ts). */
export async function partitionCovariateReads(reads: readonly CovariateRead[], options: PartitionTableOptions): Promise<CovariateTable[]> {
  return Promise.all(reads.map(async (r): Promise<CovariateTable> => ({ pre: await partitionTable(r.reader, r.request, options), metrics: r.metrics })));
}

/**
 * The analysis tables with the `_pre` columns of the covariate tables joined on (a table without
 * client ids is left as it is), and the set of covariate columns that could be attached.
 */
export function attachCovariates(tables: readonly PartitionedTable[], covariates: readonly CovariateTable[]): { tables: PartitionedTable[]; attached: Set<string> } {
  const attached = new Set<string>();
  let result = [...tables];
  for (const { pre, metrics } of covariates) {
    result = result.map((table) => {
      if (table.parts.some((part) => part.keys === undefined)) return table;
      const joined = joinCovariates(table, pre, metrics);
      return { ...table, parts: table.parts.map((part, b) => ({ ...part, columns: { ...part.columns, ...joined[b] } })) };
    });
    for (const m of metrics) attached.add(`${m}_pre`);
  }
  return { tables: result, attached };
}
