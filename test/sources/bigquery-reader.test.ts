import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import { BigQueryReader } from '../../src/sources/bigquery-reader.js';
import { InputError } from '../../src/sources/table-reader.js';
import { BigQueryReadServer } from '../support/bigquery-read-server.js';
import { loopbackReadClient } from '../support/bigquery-test-client.js';
import { collect, columnValues, makeClientTable, rowValue } from '../support/bigquery-test-table.js';

// Every expected value below is analytic: row i of the source has the values `rowValue.*(i)`.
const ROWS = 3000;
const ALL = ['id', 'branch', 'metric_f', 'metric_i', 'flag'];
const TABLE = 'projects/test-project/datasets/ds/tables/clients_week_1';

let server: BigQueryReadServer;
let client: ReturnType<typeof loopbackReadClient>;

beforeAll(async () => {
  server = await BigQueryReadServer.start({ tables: { [TABLE]: makeClientTable(ROWS) }, batchRows: 200 });
  client = loopbackReadClient(server.port);
});

afterAll(async () => {
  await client.close();
  await server.close();
});

afterEach(() => {
  server.failure = undefined;
  server.slowStreams.clear();
  server.permissionDenied = false;
  server.rowEstimateError = 0;
  server.readRowsLog.length = 0;
  server.createSessionLog.length = 0;
});

function reader(table = 'clients_week_1', maxStreams = 2, attempts = 4): BigQueryReader {
  return new BigQueryReader({
    project: 'test-project',
    dataset: 'ds',
    table,
    maxStreams,
    client,
    retry: { attempts, initialDelayMs: 1 },
  });
}

/** Rows of `batches` sorted by id, as [column -> values]; asserts each id occurs exactly once. */
function byId(batches: Parameters<typeof columnValues>[0], columns: readonly string[]): Record<string, unknown[]> {
  const ids = columnValues(batches, 'id') as number[];
  const order = ids.map((_, i) => i).sort((a, b) => ids[a] - ids[b]);
  expect(order.map(i => ids[i])).toEqual(Array.from({ length: ROWS }, (_, i) => i));
  const out: Record<string, unknown[]> = {};
  for (const name of columns) {
    const values = columnValues(batches, name);
    out[name] = order.map(i => values[i]);
  }
  return out;
}

describe('BigQueryReader', () => {
  for (const streams of [1, 2, 4]) {
    it(`reads every row exactly once through ${streams} parallel stream(s)`, async () => {
      const batches = await collect(reader('clients_week_1', streams).batches({ columns: ALL }));
      const rows = byId(batches, ALL);
      const ids = Array.from({ length: ROWS }, (_, i) => i);
      expect(rows.branch).toEqual(ids.map(rowValue.branch));
      expect(rows.metric_f).toEqual(ids.map(rowValue.metric_f));
      expect(rows.metric_i).toEqual(ids.map(rowValue.metric_i));
      expect(rows.flag).toEqual(ids.map(rowValue.flag));
      expect(server.createSessionLog[0]).toMatchObject({ parent: 'projects/test-project', table: TABLE, maxStreamCount: streams });
      expect(new Set(server.readRowsLog.map(entry => entry.stream)).size).toBe(streams);
      expect(server.readRowsLog.every(entry => entry.offset === 0)).toBe(true);
    });
  }

  it('asks only for the projected columns and yields them in the requested order', async () => {
    const batches = await collect(reader().batches({ columns: ['metric_f', 'id'] }));
    expect(server.createSessionLog[0].selectedFields).toEqual(['metric_f', 'id']);
    for (const batch of batches) expect(batch.schema.fields.map(field => field.name)).toEqual(['metric_f', 'id']);
    const rows = byId(batches, ['metric_f']);
    expect(rows.metric_f).toEqual(Array.from({ length: ROWS }, (_, i) => rowValue.metric_f(i)));
  });

  it('bills the session to billingProject when given', async () => {
    const billed = new BigQueryReader({ project: 'test-project', dataset: 'ds', table: 'clients_week_1', billingProject: 'billing-proj', client });
    await collect(billed.batches({ columns: ['id'] }));
    expect(server.createSessionLog[0].parent).toBe('projects/billing-proj');
  });

  it('resumes a stream cut by UNAVAILABLE at its row offset, losing and repeating nothing', async () => {
    // Stream 1 fails once before its 4th response: after 3 batches of 200 rows.
    server.failure = { afterRows: 500, code: status.UNAVAILABLE, details: 'connection reset', times: 1, stream: 1 };
    const batches = await collect(reader('clients_week_1', 2).batches({ columns: ['id', 'metric_i'] }));
    const rows = byId(batches, ['metric_i']);
    expect(rows.metric_i).toEqual(Array.from({ length: ROWS }, (_, i) => rowValue.metric_i(i)));
    expect(server.readRowsLog.filter(entry => entry.stream.endsWith('/streams/1')).map(entry => entry.offset)).toEqual([0, 600]);
  });

  it('resumes after INTERNAL with RST_STREAM in its details', async () => {
    server.failure = { afterRows: 200, code: status.INTERNAL, details: 'Received RST_STREAM with code 2', times: 2 };
    const batches = await collect(reader('clients_week_1', 4).batches({ columns: ['id'] }));
    byId(batches, []);
    expect(server.readRowsLog.filter(entry => entry.offset > 0)).toHaveLength(2);
  });

  it('does not retry INTERNAL without RST_STREAM', async () => {
    server.failure = { afterRows: 200, code: status.INTERNAL, details: 'backend exploded', times: 1 };
    await expect(collect(reader().batches({ columns: ['id'] }))).rejects.toThrow(
      /bq:\/\/test-project\.ds table clients_week_1: gRPC status 13 while reading .*backend exploded/,
    );
  });

  it('fails with an InputError when a stream keeps failing', async () => {
    server.failure = { afterRows: 0, code: status.UNAVAILABLE, details: 'down', times: Infinity, stream: 0 };
    const result = collect(reader('clients_week_1', 2, 3).batches({ columns: ['id'] }));
    await expect(result).rejects.toBeInstanceOf(InputError);
    await expect(result).rejects.toThrow(/stream .*\/streams\/0 failed 3 times at row offset 0/);
  });

  it('names the table and the fix when the table does not exist', async () => {
    const result = collect(reader('contrail_demo_enrollments_week_1').batches({ columns: ['id'] }));
    await expect(result).rejects.toBeInstanceOf(InputError);
    await expect(result).rejects.toThrow(
      /^bq:\/\/test-project\.ds table contrail_demo_enrollments_week_1 not found: check --input and that the metrics table exists/,
    );
  });

  it('names the roles to grant when permission is denied', async () => {
    server.permissionDenied = true;
    await expect(reader().schema()).rejects.toThrow(/clients_week_1: permission denied .*roles\/bigquery\.readSessionUser/);
  });

  it('reports an expired session instead of retrying forever', async () => {
    // The stream breaks after 400 rows; by the time the client resumes, the session has expired.
    server.failure = { afterRows: 400, code: status.UNAVAILABLE, details: 'blip', times: 1 };
    const iterator = reader('clients_week_1', 1).batches({ columns: ['id'] })[Symbol.asyncIterator]();
    await iterator.next();
    server.expireSessions();
    await expect((async () => { for (;;) if ((await iterator.next()).done) return; })()).rejects.toThrow(
      /clients_week_1: read session expired .*rerun the analysis/,
    );
  });

  it('fails loudly when the rows read differ from the session estimate', async () => {
    server.rowEstimateError = 1;
    await expect(collect(reader().batches({ columns: ['id'] }))).rejects.toThrow(
      /read 3000 rows but the read session reported 3001/,
    );
  });

  it('rejects a column the table does not have, listing those it has', async () => {
    await expect(collect(reader().batches({ columns: ['nope'] }))).rejects.toThrow(/clients_week_1/);
  });

  it('yields batches in arrival order: a slow stream does not hold back a fast one', async () => {
    server.slowStreams.set(0, 100);
    const batches = await collect(reader('clients_week_1', 2).batches({ columns: ['id'] }));
    // Stream 1 holds ids 1500..2999 and has no delay, so its rows come first.
    expect(batches[0].getChild('id')?.get(0)).toBe(1500);
    byId(batches, []);
  });

  it('cancels every stream when the consumer stops early', { timeout: 10_000 }, async () => {
    // Stream 1 would wait 20 s before its first response: finishing within the 10 s test timeout
    // shows its pending read was cancelled, not awaited out.
    server.slowStreams.set(1, 20_000);
    let first: number | undefined;
    for await (const batch of reader('clients_week_1', 2).batches({ columns: ['id'] })) {
      first = batch.getChild('id')?.get(0);
      break;
    }
    expect(first).toBe(0);
  });

  it('reads the schema without reading rows', async () => {
    const schema = await reader().schema();
    expect(schema.fields.map(field => `${field.name}:${String(field.type)}`)).toEqual([
      'id:Int32', 'branch:Utf8', 'metric_f:Float64', 'metric_i:Int32', 'flag:Bool',
    ]);
    expect(server.readRowsLog).toHaveLength(0);
  });
});
