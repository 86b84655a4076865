/**
 * Covariate tables read from the bundled fixture experiment's Parquet files, their pooled orders
 * sorted as soon as each is read, and the orders that hold for the joined analysis table.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { attachCovariates, partitionCovariateReads, planCovariateReads, type CovariateNeed } from '../../src/engine/attach-covariates.js';
import { CallingThreadReads } from '../../src/engine/calling-thread-reads.js';
import { partitionTable } from '../../src/engine/partition-table.js';
import { pooledOrder } from '../../src/engine/pooled-order.js';
import type { PlannedSummary } from '../../src/engine/plan.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import linearModelMean from '../../src/statistics/linear-model-mean.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/contrail-demo/contrail_demo_enrollments_${name}.parquet`, import.meta.url));

function planned(statistic: string, params: unknown): PlannedSummary {
  return { summary: { metric: 'active_hours', statistic, params, pretreatments: [] }, label: statistic, columns: ['active_hours'], pretreatedColumns: ['active_hours'], bases: ['enrollments'] };
}

const need: CovariateNeed = { period: 'preenrollment_week', metric: 'active_hours', column: 'active_hours_pre' };
const lmm = planned('linear_model_mean', linearModelMean.params({ covariate_adjustment: { period: 'preenrollment_week' } }, 'linear_model_mean'));

/** The covariate tables of `needs`, planned from their footers and read, as a window reads them. */
async function readCovariateTables(
  needs: ReadonlyMap<PlannedSummary, CovariateNeed>,
  options: Parameters<typeof planCovariateReads>[1] & Omit<Parameters<typeof partitionCovariateReads>[2], 'here'>,
) {
  return partitionCovariateReads(needs, await planCovariateReads(needs, options), { ...options, here: new CallingThreadReads() });
}

describe('covariate tables read with pooled orders', () => {
  const open = async () => new ParquetReader(fixture('preenrollment_week_1'));

  it('sorts a covariate that a split part reads, from orderMinRows rows, and attaches the order to a whole join', async () => {
    const sorted: number[] = [];
    const signals: AbortSignal[] = [];
    const [covariate] = await readCovariateTables(new Map([[lmm, need]]), {
      openPre: open,
      branchColumn: 'branch',
      pooledOrder: async (columns, signal) => {
        sorted.push(columns.length);
        signals.push(signal);
        return pooledOrder(columns);
      },
      orderMinRows: 0,
    });
    expect(sorted).toEqual([covariate.pre.branches.length]);
    const order = await covariate.orders.get('active_hours')!;
    const values = covariate.pre.parts.flatMap((p) => Array.from(p.columns.active_hours.values).filter((v) => !Number.isNaN(v)));
    expect(order.length).toBe(values.length);
    expect(Array.from(order)).toEqual(Array.from(Float64Array.from(values).sort()));

    // the week's table holds the same clients as the pre-enrollment table: a whole join
    const week = await partitionTable(new ParquetReader(fixture('week_1')), {
      columns: ['active_hours'], segments: [], branchColumn: 'branch', enrollmentColumn: 'enrollment_date', exposureColumn: null, keyColumn: 'analysis_id', description: 'week 1',
    }, { here: new CallingThreadReads() });
    const joined = attachCovariates([week], [covariate]);
    expect(joined.orders.get(joined.tables[0])?.get('active_hours_pre')).toBe(covariate.orders.get('active_hours'));
    expect(signals[0].aborted).toBe(false);
    // a table that lacks a branch of the pre-enrollment table is not whole: no order, and the one
    // being computed is cancelled (it would only keep a worker from the statistics)
    const partial = { ...week, branches: week.branches.slice(1), parts: week.parts.slice(1) };
    const notWhole = attachCovariates([partial], [covariate]);
    expect(notWhole.orders.get(notWhole.tables[0])?.get('active_hours_pre')).toBeUndefined();
    expect(signals[0].aborted).toBe(true);
  });

  it('sorts nothing below orderMinRows, without a pooledOrder, or for a statistic that reads no orders', async () => {
    const calls: number[] = [];
    const count = async (columns: readonly Float64Array[]) => {
      calls.push(columns.length);
      return pooledOrder(columns);
    };
    const [below] = await readCovariateTables(new Map([[lmm, need]]), { openPre: open, branchColumn: 'branch', pooledOrder: count, orderMinRows: Number.MAX_SAFE_INTEGER });
    expect(below.orders.size).toBe(0);
    const [none] = await readCovariateTables(new Map([[lmm, need]]), { openPre: open, branchColumn: 'branch', orderMinRows: 0 });
    expect(none.orders.size).toBe(0);
    const dau = planned('per_client_dau_impact', lmm.summary.params);
    const [other] = await readCovariateTables(new Map([[planned('sum', {}), need]]), { openPre: open, branchColumn: 'branch', pooledOrder: count, orderMinRows: 0 });
    expect(other.orders.size).toBe(0);
    // nor for a summary whose frame no order can serve: pretreated, or on the (masked) exposures basis only
    const pretreated: PlannedSummary = { ...lmm, summary: { ...lmm.summary, pretreatments: [{ name: 'remove_nulls', params: {} }] } };
    const exposures: PlannedSummary = { ...lmm, bases: ['exposures'] };
    for (const p of [pretreated, exposures]) {
      const [none] = await readCovariateTables(new Map([[p, need]]), { openPre: open, branchColumn: 'branch', pooledOrder: count, orderMinRows: 0 });
      expect(none.orders.size).toBe(0);
    }
    expect(calls).toEqual([]);
    // per_client_dau_impact splits as linear_model_mean does
    const [split] = await readCovariateTables(new Map([[dau, need]]), { openPre: open, branchColumn: 'branch', pooledOrder: count, orderMinRows: 0 });
    expect(split.orders.size).toBe(1);
  });
});
