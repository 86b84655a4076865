/**
 * Covariate tables read from the bundled fixture experiment's Parquet files and joined to the
 * analysis table.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { attachCovariates, partitionCovariateReads, planCovariateReads, type CovariateNeed } from '../../src/engine/attach-covariates.js';
import { CallingThreadReads } from '../../src/engine/calling-thread-reads.js';
import { partitionTable } from '../../src/engine/partition-table.js';
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
async function readCovariateTables(needs: ReadonlyMap<PlannedSummary, CovariateNeed>, options: Parameters<typeof planCovariateReads>[1]) {
  return partitionCovariateReads(await planCovariateReads(needs, options), { here: new CallingThreadReads() });
}

describe('covariate tables read and attached', () => {
  const open = async () => new ParquetReader(fixture('preenrollment_week_1'));

  it('reads the pre-enrollment table by branch and attaches its column to the analysis table\'s clients', async () => {
    const [covariate] = await readCovariateTables(new Map([[lmm, need]]), { openPre: open, branchColumn: 'branch' });
    expect(covariate.metrics).toEqual(['active_hours']);
    // the week's table holds the same clients as the pre-enrollment table: its columns are shared
    const week = await partitionTable(new ParquetReader(fixture('week_1')), {
      columns: ['active_hours'], segments: [], branchColumn: 'branch', enrollmentColumn: 'enrollment_date', exposureColumn: null, keyColumn: 'analysis_id', description: 'week 1',
    }, { here: new CallingThreadReads() });
    const joined = attachCovariates([week], [covariate]);
    expect([...joined.attached]).toEqual(['active_hours_pre']);
    joined.tables[0].parts.forEach((part, b) => {
      expect(part.columns.active_hours_pre).toBe(covariate.pre.parts[covariate.pre.branches.indexOf(week.branches[b])].columns.active_hours);
      expect(part.columns.active_hours).toBe(week.parts[b].columns.active_hours);
    });
    // a table read without client ids cannot be joined: left as it is
    const unkeyed = { ...week, parts: week.parts.map(({ keys: _keys, ...part }) => part) };
    expect(attachCovariates([unkeyed], [covariate]).tables[0]).toBe(unkeyed);
  });
});
