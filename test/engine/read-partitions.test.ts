/**
 * Which windows read one table only (src/engine/read-partitions.ts, readsOneTable): those read it on
 * the calling thread (src/engine/partition-table.ts, `alone`), and their statistics are the same as
 * when the table is read on a thread of its own.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { CovariateNeed } from '../../src/engine/attach-covariates.js';
import type { PlannedSummary } from '../../src/engine/plan.js';
import { readsOneTable } from '../../src/engine/read-partitions.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import linearModelMean from '../../src/statistics/linear-model-mean.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/contrail-demo/contrail_demo_${name}.parquet`, import.meta.url));

const lmm: PlannedSummary = {
  summary: {
    metric: 'active_hours',
    statistic: 'linear_model_mean',
    params: linearModelMean.params({ covariate_adjustment: { period: 'preenrollment_week' } }, 'linear_model_mean'),
    pretreatments: [],
  },
  label: 'linear_model_mean',
  columns: ['active_hours'],
  pretreatedColumns: ['active_hours'],
  bases: ['enrollments'],
};
const need: CovariateNeed = { period: 'preenrollment_week', metric: 'active_hours', column: 'active_hours_pre' };

describe('readsOneTable', () => {
  const enrollments = new ParquetReader(fixture('enrollments_week_1'));
  const exposures = new ParquetReader(fixture('exposures_week_1'));
  const none = new Map<PlannedSummary, CovariateNeed>();

  it('is true for one table file serving both bases, or one basis without an exposures table', () => {
    expect(readsOneTable(['enrollments', 'exposures'], { enrollments, exposures: enrollments }, none)).toBe(true);
    expect(readsOneTable(['enrollments'], { enrollments, exposures }, none)).toBe(true);
    expect(readsOneTable(['enrollments', 'exposures'], { enrollments, exposures: null }, none)).toBe(true);
  });

  it('is false for two tables, or for one table and a covariate table', () => {
    expect(readsOneTable(['enrollments', 'exposures'], { enrollments, exposures }, none)).toBe(false);
    expect(readsOneTable(['enrollments'], { enrollments, exposures }, new Map([[lmm, need]]))).toBe(false);
  });
});
