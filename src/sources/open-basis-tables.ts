/**
 * The tables of one analysis window, wherever they live: one table file (every basis reads it; the
 * exposures basis through its exposure_date), a directory of files named as Jetstream names its
 * tables, or a BigQuery dataset `bq://PROJECT.DATASET` read through the Storage Read API. Without an
 * exposures table, the enrollments table serves the exposures basis too.
 */
import { stat } from 'node:fs/promises';
import type { BasisTables } from '../engine/analyze-window.js';
import type { BigQueryReaderOptions } from './bigquery-reader.js';
import { isBigQueryInput, parseBigQueryInput } from './bigquery-table-ref.js';
import { locateTable, requireTable, tableName } from './locate-table.js';
import { openTable } from './open-table.js';
import { InputError, type TableReader } from './table-reader.js';

export interface WindowKey {
  readonly slug: string;
  readonly period: string;
  readonly window: number;
}

/** How BigQuery is reached: a client (tests), a billing project, the streams per session. */
export type BigQueryOptions = Pick<BigQueryReaderOptions, 'client' | 'billingProject' | 'maxStreams' | 'retry'>;

export async function openBasisTables(input: string, key: WindowKey, bigQuery: BigQueryOptions = {}): Promise<BasisTables> {
  if (isBigQueryInput(input)) return bigQueryTables(input, key, bigQuery);
  const info = await stat(input).catch(() => null);
  if (info === null) throw new InputError(`--input ${input}: no such file or directory; give a table file, a directory of tables or bq://PROJECT.DATASET`);
  if (info.isFile()) {
    const reader = openTable(input);
    return { enrollments: reader, exposures: reader };
  }
  const enrollments = openTable(await requireTable(input, { ...key, basis: 'enrollments' }));
  const exposuresPath = await locateTable(input, { ...key, basis: 'exposures' });
  return {
    enrollments,
    exposures: exposuresPath === null ? enrollments : openTable(exposuresPath),
    preenrollment: async (period) => {
      const path = await locateTable(input, { slug: key.slug, basis: 'enrollments', period, window: 1 });
      return path === null ? null : openTable(path);
    },
  };
}

async function bigQueryTables(input: string, key: WindowKey, options: BigQueryOptions): Promise<BasisTables> {
  // Loaded only for BigQuery input: importing the Storage Read client takes ~0.5 s.
  const { BigQueryReader } = await import('./bigquery-reader.js');
  const reader = (table: string) => new BigQueryReader({ ...parseBigQueryInput(input, table), ...options });
  const enrollments = reader(tableName({ ...key, basis: 'enrollments' }));
  await enrollments.schema(); // a missing enrollments table is an error naming it
  const exposures = await existing(reader(tableName({ ...key, basis: 'exposures' })));
  return {
    enrollments,
    exposures: exposures ?? enrollments,
    preenrollment: (period) => existing(reader(tableName({ slug: key.slug, basis: 'enrollments', period, window: 1 }))),
  };
}

/** The reader if its table exists; null when BigQuery answers that it does not. */
async function existing(reader: TableReader): Promise<TableReader | null> {
  try {
    await reader.schema();
    return reader;
  } catch (error) {
    if (error instanceof InputError && /not found/i.test(error.message)) return null;
    throw error;
  }
}
