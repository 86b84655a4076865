import { describe, expect, it } from 'vitest';
import { describeTable, isBigQueryInput, parseBigQueryInput, tablePath } from '../../src/sources/bigquery-table-ref.js';
import { InputError } from '../../src/sources/table-reader.js';

describe('parseBigQueryInput', () => {
  it('splits bq://PROJECT.DATASET and takes the table name', () => {
    const ref = parseBigQueryInput('bq://moz-fx-data-experiments.mozanalysis', 'my_exp_enrollments_week_1');
    expect(ref).toEqual({ project: 'moz-fx-data-experiments', dataset: 'mozanalysis', table: 'my_exp_enrollments_week_1' });
    expect(tablePath(ref)).toBe('projects/moz-fx-data-experiments/datasets/mozanalysis/tables/my_exp_enrollments_week_1');
    expect(describeTable(ref)).toBe('bq://moz-fx-data-experiments.mozanalysis table my_exp_enrollments_week_1');
  });

  it('accepts domain-scoped projects and a trailing slash', () => {
    expect(parseBigQueryInput('bq://example.com:my-project.ds_1/', 't')).toEqual({ project: 'example.com:my-project', dataset: 'ds_1', table: 't' });
  });

  it('rejects other forms, naming the value and the expected form', () => {
    expect(() => parseBigQueryInput('bq://only-project', 't')).toThrow(InputError);
    expect(() => parseBigQueryInput('bq://only-project', 't')).toThrow(/expected bq:\/\/PROJECT\.DATASET .*got "bq:\/\/only-project"/);
    expect(() => parseBigQueryInput('gs://bucket/x', 't')).toThrow(/got "gs:\/\/bucket\/x"/);
    expect(() => parseBigQueryInput('bq://my-project.ds', 'bad name')).toThrow(/table name .*got "bad name"/);
  });

  it('tells bq:// inputs from local paths', () => {
    expect(isBigQueryInput('bq://p.d')).toBe(true);
    expect(isBigQueryInput('./fixtures/x.parquet')).toBe(false);
  });
});
