/**
 * Throughput of BigQueryReader through the real BigQueryReadClient and the loopback BigQueryRead
 * server (in a child process): 1M clients x 10 float metrics + branch, read with 1, 2 and 4 parallel
 * streams, each batch consumed by summing one metric column (so the data is touched). Baseline: the
 * same session's streams read one after another (what the package's high-level ReadClient does).
 * Prints rows/s (median of 3 runs after a warm-up that fills the server's message cache).
 * Run: npx tsx bench/bigquery-throughput.ts [rows=1000000] [batchRows=10000]
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { RecordBatch } from 'apache-arrow';
import { BigQueryReader } from '../src/sources/bigquery-reader.js';
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
const client = loopbackReadClient(port);

function consume(batch: RecordBatch): number {
  const values = batch.getChild('metric_0')!.data[0].values as Float64Array;
  let sum = 0;
  for (let i = 0; i < values.length; i += 1) sum += values[i];
  return sum;
}

async function parallel(streams: number): Promise<number> {
  const reader = new BigQueryReader({ project: 'bench', dataset: 'ds', table: 'clients', maxStreams: streams, client });
  let read = 0;
  let checksum = 0;
  for await (const batch of reader.batches({ columns })) {
    read += batch.numRows;
    checksum += consume(batch);
  }
  if (read !== rows || !Number.isFinite(checksum)) throw new Error(`bench: read ${read} rows, expected ${rows}`);
  return read;
}

/** Baseline: one session of `streams` streams, read one after another (no merge, no overlap). */
async function sequential(streams: number): Promise<number> {
  const [session] = await client.createReadSession({
    parent: 'projects/bench',
    readSession: { table: 'projects/bench/datasets/ds/tables/clients', dataFormat: 'ARROW', readOptions: { selectedFields: columns } },
    maxStreamCount: streams,
  });
  const { decodeArrowBatch } = await import('../src/sources/arrow-ipc-decode.js');
  const schema = session.arrowSchema!.serializedSchema as Uint8Array;
  let read = 0;
  for (const stream of session.streams ?? []) {
    for await (const response of client.readRows({ readStream: stream.name, offset: 0 })) {
      for (const batch of decodeArrowBatch(schema, response.arrowRecordBatch.serializedRecordBatch)) {
        read += batch.numRows;
        consume(batch);
      }
    }
  }
  if (read !== rows) throw new Error(`bench: baseline read ${read} rows, expected ${rows}`);
  return read;
}

async function measure(run: () => Promise<number>): Promise<number> {
  const rates: number[] = [];
  for (let r = 0; r < 3; r += 1) {
    const start = process.hrtime.bigint();
    const read = await run();
    rates.push(read / (Number(process.hrtime.bigint() - start) / 1e9));
  }
  return rates.sort((a, b) => a - b)[1];
}

await parallel(4); // warm-up: JIT, connection, server message cache for every stream split
await parallel(2);
await parallel(1);
console.log(`BigQueryReader, loopback server, ${rows.toLocaleString('en-US')} rows x (branch + 10 float64), ${batchRows} rows per response`);
console.log('| reader | streams | rows/s | MB/s (float columns) |');
console.log('| --- | ---: | ---: | ---: |');
for (const [name, run, streams] of [
  ['sequential streams (baseline)', sequential, 4],
  ['BigQueryReader (parallel merge)', parallel, 1],
  ['BigQueryReader (parallel merge)', parallel, 2],
  ['BigQueryReader (parallel merge)', parallel, 4],
] as const) {
  const rate = await measure(() => run(streams));
  console.log(`| ${name} | ${streams} | ${Math.round(rate).toLocaleString('en-US')} | ${((rate * 80) / 1e6).toFixed(0)} |`);
}
await client.close();
child.disconnect();
