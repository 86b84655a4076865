/**
 * Child process for bench/bigquery-throughput.ts: serves a generated table of `rows` clients x 10
 * float metrics (plus a string branch) from the loopback BigQueryRead server, so the server's work
 * runs on its own core and event loop, not the reader's. Sends `{ port }` to the parent when ready.
 */
import { Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import { BigQueryReadServer } from '../test/support/bigquery-read-server.js';
import { createRng } from '../src/kernels/rng.js';

const rows = Number(process.argv[2] ?? 1_000_000);
const batchRows = Number(process.argv[3] ?? 10_000);
const rng = createRng(20_260_101);
const columns: Record<string, ReturnType<typeof makeVector>> = {
  branch: vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 'control' : 'treatment')), new Utf8()),
};
for (let m = 0; m < 10; m += 1) {
  const values = new Float64Array(rows);
  for (let i = 0; i < rows; i += 1) values[i] = rng.nextFloat();
  columns[`metric_${m}`] = makeVector(values);
}
const table = new Table(columns);
const server = await BigQueryReadServer.start({
  tables: { 'projects/bench/datasets/ds/tables/clients': table },
  batchRows,
  cacheMessages: true,
});
process.send?.({ port: server.port });
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
