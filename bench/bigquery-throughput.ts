/**
 * Throughput of BigQueryReader through the real BigQueryReadClient and the loopback BigQueryRead
 * server (in a child process): 1M clients x 10 float metrics + branch, read with 1, 2 and 4 parallel
 * streams, each batch consumed by summing one metric column (so the data is touched), with grpc-js's
 * default HTTP/2 flow-control window and with the reader's 16 MiB one. Baseline: the same session's
 * streams read one after another (what the package's high-level ReadClient does).
 * Prints rows/s (median of 5 interleaved rounds, after a warm-up that fills the server's message cache).
 * Run: npx tsx bench/bigquery-throughput.ts [rows=1000000] [batchRows=10000]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RecordBatch } from 'apache-arrow';
import { decodeArrowBatch } from '../src/sources/arrow-ipc-decode.js';
import { BIGQUERY_FLOW_CONTROL_WINDOW, BigQueryReader } from '../src/sources/bigquery-reader.js';
type ReadClient = ReturnType<typeof loopbackReadClient>;
import { loopbackReadClient } from '../test/support/bigquery-test-client.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const batchRows = Number(process.argv[3] ?? 10_000);
const columns = ['branch', ...Array.from({ length: 10 }, (_, m) => `metric_${m}`)];

const child = fork(fileURLToPath(new URL('./bigquery-read-server-process.ts', import.meta.url)), [String(rows), String(batchRows)], {
  execArgv: ['--import', 'tsx'],
});
const port = await new Promise<number>((resolve, reject) => {
  child.once('message', message => resolve((message as { port: number }).port));
  child.once('error', reject);
  child.once('exit', code => reject(new Error(`bench: server process exited with ${code}`)));
});
// One client with grpc-js's default HTTP/2 flow-control window (65,535 B), one with the reader's.
const defaultClient = loopbackReadClient(port);
const client = loopbackReadClient(port, { 'grpc-node.flow_control_window': BIGQUERY_FLOW_CONTROL_WINDOW });

function consume(batch: RecordBatch): number {
  const values = batch.getChild('metric_0')!.data[0].values as Float64Array;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i];
  return sum;
}

async function parallel(streams: number, readClient: ReadClient = client): Promise<number> {
  const reader = new BigQueryReader({ project: 'bench', dataset: 'ds', table: 'clients', maxStreams: streams, client: readClient });
  let read = 0;
  let checksum = 0;
  for await (const batch of reader.batches({ columns })) {
    read += batch.numRows;
    checksum += consume(batch);
  }
  if (read !== rows || !Number.isFinite(checksum)) throw new Error(`bench: read ${read} rows, expected ${rows}`);
  return read;
}

/**
 * Baseline: one session of `streams` streams, read one after another (no merge, no overlap), with
 * gax's default stream options (`gaxRetries`) or with its retry wrapper off, as BigQueryReader does.
 */
async function sequential(streams: number, gaxRetries: boolean, readClient: ReadClient): Promise<number> {
  const [session] = await readClient.createReadSession({
    parent: 'projects/bench',
    readSession: { table: 'projects/bench/datasets/ds/tables/clients', dataFormat: 'ARROW', readOptions: { selectedFields: columns } },
    maxStreamCount: streams,
  });
  const schema = session.arrowSchema!.serializedSchema as Uint8Array;
  let read = 0;
  for (const stream of session.streams ?? []) {
    const options = gaxRetries ? {} : { retryRequestOptions: { retries: 0, noResponseRetries: 0 } };
    for await (const response of readClient.readRows({ readStream: stream.name, offset: 0 }, options)) {
      for (const batch of decodeArrowBatch(schema, response.arrowRecordBatch.serializedRecordBatch)) {
        read += batch.numRows;
        consume(batch);
      }
    }
  }
  if (read !== rows) throw new Error(`bench: baseline read ${read} rows, expected ${rows}`);
  return read;
}

/** Rows/s of one run of `run`. */
async function rate(run: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const read = await run();
  return read / (Number(process.hrtime.bigint() - start) / 1e9);
}

// Warm-up: JIT, connections, the server's message cache for every stream split.
for (const streams of [4, 2, 1]) await parallel(streams);
await parallel(1, defaultClient);
const configs = [
  ['sequential streams, gax default options, default window (baseline)', (n: number) => sequential(n, true, defaultClient), 4],
  ['BigQueryReader, default window', (n: number) => parallel(n, defaultClient), 1],
  ['BigQueryReader, default window', (n: number) => parallel(n, defaultClient), 2],
  ['BigQueryReader, default window', (n: number) => parallel(n, defaultClient), 4],
  ['sequential streams, gax default options, 16 MiB window', (n: number) => sequential(n, true, client), 4],
  ['BigQueryReader, 16 MiB window', (n: number) => parallel(n), 1],
  ['BigQueryReader, 16 MiB window', (n: number) => parallel(n), 2],
  ['BigQueryReader, 16 MiB window', (n: number) => parallel(n), 4],
] as const;
// Rounds interleave the configurations so drift in machine load spreads over all of them.
const ROUNDS = 5;
const rates = configs.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round += 1) {
  for (const [i, [, run, streams]] of configs.entries()) rates[i].push(await rate(() => run(streams)));
}
const fmt = (x: number): string => Math.round(x).toLocaleString('en-US');
console.log(
  `BigQueryReader, loopback server (child process), ${rows.toLocaleString('en-US')} rows x (branch + 10 float64), ` +
    `${batchRows} rows per response, median of ${ROUNDS}`,
);
console.log('| reader | streams | rows/s (median) | min..max | MB/s float data |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [i, [name, , streams]] of configs.entries()) {
  const sorted = rates[i].sort((a, b) => a - b);
  const median = sorted[Math.floor(ROUNDS / 2)];
  console.log(`| ${name} | ${streams} | ${fmt(median)} | ${fmt(sorted[0])}..${fmt(sorted[ROUNDS - 1])} | ${((median * 80) / 1e6).toFixed(0)} |`);
}
await client.close();
await defaultClient.close();
child.disconnect();
