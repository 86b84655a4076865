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
import { partitionTable } from './partition-table.js';
import type { CallingThreadReads } from './calling-thread-reads.js';
import { joinCovariates } from './join-covariates.js';
import { MIN_ROWS_TO_SPLIT_FRAME } from './run-split-summary.js';

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

/**
 * Whether a summary's statistic can read its covariate as a pooled order: a split part reads orders
 * (FrameSplit.readsOrders), and no pretreatment replaces the frame's columns. An unmasked frame
 * (the `all` segment of an unmasked basis) then holds the shared column as it is.
 */
export function readsCovariateOrder(p: PlannedSummary): boolean {
  const statistic = getStatistic(p.summary.statistic);
  return statistic.kind === 'frame' && (statistic.frameSplit?.readsOrders?.length ?? 0) > 0 && p.summary.pretreatments.length === 0;
}

/**
 * A pre-enrollment table, partitioned by branch, with the covariate metrics it holds and, for some,
 * their pooled orders being computed (src/engine/pooled-order.ts).
 */
export interface CovariateTable {
  readonly pre: PartitionedTable;
  readonly metrics: readonly string[];
  readonly orders: ReadonlyMap<string, Promise<Float64Array>>;
  /** Stops computing a metric's order (attachCovariates, when no join holds it). */
  readonly cancel: (metric: string) => void;
}

/**
 * Bytes of pooled orders computed at most per window: one covariate of a 10M-client table. Each is
 * held until the window's statistics end, and sorting one needs as much again for a while; the
 * demo's ten metrics at 10M clients stay within their 3 GiB so.
 */
export const ORDERS_MAX_BYTES = 128 * 2 ** 20;

/** A pre-enrollment table to read: its reader, period, request and the needed metrics it holds. */
export interface CovariateRead {
  readonly reader: TableReader;
  readonly period: string;
  readonly request: PartitionRequest;
  readonly metrics: readonly string[];
}

/** How partitionCovariateReads reads the planned tables. */
export interface CovariateReadOptions {
  readonly batchSize?: number;
  /**
   * Computes a pooled order (the summary pool's `pooledOrder`). When given, the covariates that a
   * statistic's split part reads as pooled orders (FrameSplit.readsOrders) are sorted as soon as
   * their table is read, from `orderMinRows` rows (the split's own threshold), within ORDERS_MAX_BYTES.
   */
  readonly pooledOrder?: (columns: readonly Float64Array[], signal: AbortSignal) => Promise<Float64Array>;
  readonly orderMinRows?: number;
  /** The window's turn to read on the calling thread (partitionTable). */
  readonly here: CallingThreadReads;
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

/** The planned pre-enrollment tables read at once (src/engine/partition-table.ts), with their pooled orders started. */
export async function partitionCovariateReads(
  needs: ReadonlyMap<PlannedSummary, CovariateNeed>,
  reads: readonly CovariateRead[],
  options: CovariateReadOptions,
): Promise<CovariateTable[]> {
  // the covariates some summary can read as an order (on the enrollments basis: the exposures basis is masked)
  const ordered = new Set<string>();
  for (const [p, need] of needs) {
    if (readsCovariateOrder(p) && p.bases.includes('enrollments')) ordered.add(`${need.period}\u0000${need.metric}`);
  }
  let orderBytes = 0;
  return Promise.all(
    reads.map(async (r): Promise<CovariateTable> => {
      const pre = await partitionTable(r.reader, r.request, options);
      // sorted on the pool while the analysis tables may still be reading
      const orders = new Map<string, Promise<Float64Array>>();
      const aborts = new Map<string, AbortController>();
      const rows = pre.parts.reduce((n, part) => n + part.length, 0);
      for (const metric of r.metrics) {
        if (options.pooledOrder === undefined || !ordered.has(`${r.period}\u0000${metric}`) || rows < (options.orderMinRows ?? MIN_ROWS_TO_SPLIT_FRAME)) continue;
        if (orderBytes + 8 * rows > ORDERS_MAX_BYTES) continue;
        orderBytes += 8 * rows;
        const abort = new AbortController();
        const order = options.pooledOrder(pre.parts.map((part) => part.columns[metric].values), abort.signal);
        order.catch(() => undefined); // a failure is handled where the order is read (runSplitSummary)
        orders.set(metric, order);
        aborts.set(metric, abort);
      }
      return { pre, metrics: r.metrics, orders, cancel: (metric) => aborts.get(metric)?.abort() };
    }),
  );
}

/**
 * The analysis tables with the `_pre` columns of the covariate tables joined on (a table without
 * client ids is left as it is), the set of covariate columns that could be attached, and per joined
 * table the pooled orders that hold for its `_pre` columns (those of whole joins). An order no join
 * holds is cancelled: it would only keep a worker from the statistics (a pre-enrollment table with
 * other clients than the analysis table's).
 */
export function attachCovariates(
  tables: readonly PartitionedTable[],
  covariates: readonly CovariateTable[],
): { tables: PartitionedTable[]; attached: Set<string>; orders: Map<PartitionedTable, Map<string, Promise<Float64Array>>> } {
  const attached = new Set<string>();
  let result = [...tables];
  let orders = new Map<PartitionedTable, Map<string, Promise<Float64Array>>>();
  for (const covariate of covariates) {
    const { pre, metrics } = covariate;
    const next = new Map<PartitionedTable, Map<string, Promise<Float64Array>>>();
    result = result.map((table) => {
      if (table.parts.some((part) => part.keys === undefined)) return table;
      const joined = joinCovariates(table, pre, metrics);
      const out = { ...table, parts: table.parts.map((part, b) => ({ ...part, columns: { ...part.columns, ...joined.columns[b] } })) };
      const held = new Map(orders.get(table) ?? []);
      if (joined.whole) for (const [metric, order] of covariate.orders) held.set(`${metric}_pre`, order);
      next.set(out, held);
      return out;
    });
    orders = next;
    for (const m of metrics) attached.add(`${m}_pre`);
  }
  const held = new Set([...orders.values()].flatMap((byColumn) => [...byColumn.values()]));
  for (const covariate of covariates) {
    for (const [metric, order] of covariate.orders) if (!held.has(order)) covariate.cancel(metric);
  }
  return { tables: result, attached, orders };
}
