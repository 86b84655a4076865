/**
 * A BigQuery table named the way `--input` spells it: `bq://PROJECT.DATASET` plus a table name
 * (Jetstream's `<nslug>_<basis>_<period>_<window>`), resolved to the resource path the Storage Read
 * API expects. Reference: https://cloud.google.com/bigquery/docs/reference/storage/rpc (ReadSession.table)
 */
import { InputError } from './table-reader.js';

/** A BigQuery table by project, dataset and table name. */
export interface BigQueryTableRef {
  readonly project: string;
  readonly dataset: string;
  readonly table: string;
}

// Project ids: lowercase letters, digits, hyphens, optionally `domain.com:` prefixed; datasets and
// tables: letters, digits, underscores (https://cloud.google.com/bigquery/docs/datasets#dataset-naming).
const INPUT = /^bq:\/\/((?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{4,61}[a-z0-9])\.([A-Za-z0-9_]{1,1024})\/?$/;
const TABLE = /^[A-Za-z0-9_$-]{1,1024}$/;

/** True when `spec` names a BigQuery dataset (`bq://...`) rather than a local path. */
export function isBigQueryInput(spec: string): boolean {
  return spec.startsWith('bq://');
}

/**
 * Parses `bq://PROJECT.DATASET` and a table name, e.g. (`bq://moz-fx-data-experiments.mozanalysis`,
 * `my_exp_enrollments_week_1`); rejects with an InputError naming the value and the expected form.
 */
export function parseBigQueryInput(spec: string, table: string): BigQueryTableRef {
  const match = INPUT.exec(spec);
  if (match === null) {
    throw new InputError(`--input: expected bq://PROJECT.DATASET (e.g. bq://moz-fx-data-experiments.mozanalysis), got "${spec}"`);
  }
  if (!TABLE.test(table)) {
    throw new InputError(`${spec}: table name must be letters, digits and underscores, got "${table}"`);
  }
  return { project: match[1], dataset: match[2], table };
}

/** `projects/P/datasets/D/tables/T`, the ReadSession.table resource name. */
export function tablePath(ref: BigQueryTableRef): string {
  return `projects/${ref.project}/datasets/${ref.dataset}/tables/${ref.table}`;
}

/** `bq://P.D table T`, how messages name the table. */
export function describeTable(ref: BigQueryTableRef): string {
  return `bq://${ref.project}.${ref.dataset} table ${ref.table}`;
}
