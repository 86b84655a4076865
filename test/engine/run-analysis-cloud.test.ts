/**
 * Issue 5 end to end: the fixture experiment read through the real BigQuery Storage client from a
 * loopback BigQueryRead server and published through the real Cloud Storage client to a loopback
 * GCS server gives exactly the statistics of the local Parquet run with the same seed; a dropped
 * read stream is resumed without losing or duplicating a row, and a failed upload is an error that
 * leaves the previous object intact.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnalysis } from '../../src/fixtures/demo-analysis.js';
import { runAnalysis, type RunAnalysisOptions } from '../../src/engine/run-analysis.js';
import { ParquetReader } from '../../src/sources/parquet-reader.js';
import { GcsTarget } from '../../src/sinks/gcs-target.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { BigQueryReadServer } from '../support/bigquery-read-server.js';
import { loopbackReadClient } from '../support/bigquery-test-client.js';
import { GcsServer } from '../support/gcs-server.js';
import { loopbackStorage } from '../support/gcs-test-client.js';
import { tempDir } from '../support/temp-dir.js';

const { experiment: _experiment, ...demo } = demoAnalysis();
const fixture = demo.input;
const TABLES = ['contrail_demo_enrollments_week_1', 'contrail_demo_exposures_week_1', 'contrail_demo_enrollments_preenrollment_week_1'];

/** A fixture table as BigQuery sends it: strings plain (never dictionary-encoded). */
async function bigQueryTable(name: string): Promise<arrow.Table> {
  const reader = new ParquetReader(join(fixture, `${name}.parquet`));
  const columns = (await reader.schema()).fields.map((f) => f.name);
  const batches: arrow.RecordBatch[] = [];
  for await (const batch of reader.batches({ columns })) batches.push(batch);
  const table = new arrow.Table(batches);
  const vectors: Record<string, arrow.Vector> = {};
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name)!;
    vectors[field.name] = arrow.DataType.isDictionary(field.type) ? arrow.vectorFromArray([...column] as (string | null)[], new arrow.Utf8()) : column;
  }
  return new arrow.Table(vectors);
}

describe('BigQuery in, Cloud Storage out', () => {
  let bq: BigQueryReadServer;
  let gcs: GcsServer;
  let local: string;
  let localRowsRead = 0;
  const options = (overrides: Partial<RunAnalysisOptions>): RunAnalysisOptions => ({
    ...demo,
    target: new LocalTarget(local),
    seed: 5,
    threads: 2,
    statistics: ['binomial', 'linear_model_mean', 'deciles', 'count'],
    ...overrides,
  });

  beforeAll(async () => {
    const tables: Record<string, arrow.Table> = {};
    for (const name of TABLES) tables[`projects/test-project/datasets/metrics/tables/${name}`] = await bigQueryTable(name);
    bq = await BigQueryReadServer.start({ tables, batchRows: 2_000 });
    gcs = await GcsServer.start();
    local = tempDir('cloud');
    localRowsRead = (await runAnalysis(options({}))).rowsRead;
  });
  afterAll(async () => {
    await bq.close();
    await gcs.close();
  });

  const cloud = (target: GcsTarget) =>
    options({ input: 'bq://test-project.metrics', target, bigQuery: { client: loopbackReadClient(bq.port), maxStreams: 3 } });
  const object = (name: string) => gcs.objects.get(`results/${name}`)?.data.toString('utf8');

  it('gives the same statistics as the local Parquet run', async () => {
    const target = new GcsTarget({ url: 'gs://results/exp', storage: loopbackStorage(gcs.endpoint) });
    const result = await runAnalysis(cloud(target));
    expect(result.errors).toBe(0);
    const expected = await readFile(join(local, 'statistics_contrail_demo_week_1.json'), 'utf8');
    expect(object('exp/statistics_contrail_demo_week_1.json')).toBe(expected);
    expect(object('exp/statistics_contrail_demo_week_1.parquet')).toBeDefined();
    // The covariate came through BigQuery too: no fallback to unadjusted inferences.
    expect(object('exp/errors_contrail_demo.json')).not.toMatch(/Falling back/);
  });

  it('resumes a dropped read stream without losing or duplicating a row', async () => {
    bq.failure = { afterRows: 3_000, code: grpc.status.UNAVAILABLE, details: 'connection reset', times: 1 };
    const target = new GcsTarget({ url: 'gs://results/resumed', storage: loopbackStorage(gcs.endpoint) });
    const result = await runAnalysis(cloud(target));
    expect(bq.failure.times).toBe(0);
    expect(bq.readRowsLog.some((entry) => entry.offset > 0)).toBe(true);
    const expected = await readFile(join(local, 'statistics_contrail_demo_week_1.json'), 'utf8');
    expect(object('resumed/statistics_contrail_demo_week_1.json')).toBe(expected);
    expect(result.rowsRead).toBe(localRowsRead);
  });

  it('fails loudly on an upload that cannot complete and leaves the previous object intact', async () => {
    const storage = loopbackStorage(gcs.endpoint, 1);
    const target = new GcsTarget({ url: 'gs://results/exp', storage });
    const before = object('exp/statistics_contrail_demo_week_1.json');
    gcs.dropUploads = 1_000;
    try {
      await expect(runAnalysis({ ...cloud(target), seed: 6 })).rejects.toThrow(/statistics_contrail_demo_week_1/);
    } finally {
      gcs.dropUploads = 0;
    }
    expect(object('exp/statistics_contrail_demo_week_1.json')).toBe(before);
  });
});
