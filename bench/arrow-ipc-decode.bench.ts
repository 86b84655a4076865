/**
 * Cost of decoding one BigQuery-style Arrow record-batch message (schema and batch sent as separate
 * IPC messages): `decodeArrowBatch` (two chunks of one byte stream, batch buffers are views of the
 * received bytes) against the naive baseline (concatenate both messages, then read). A 10,000-row
 * batch of 10 float64 + 1 string column. Run: npx tsx bench/arrow-ipc-decode.bench.ts
 */
import { RecordBatchReader, Table, Utf8, makeVector, vectorFromArray } from 'apache-arrow';
import type { Vector } from 'apache-arrow';
import { decodeArrowBatch } from '../src/sources/arrow-ipc-decode.js';
import { recordBatchMessage, schemaMessage } from '../test/support/arrow-ipc-messages.js';

const rows = 10_000;
const columns: Record<string, Vector> = {
  branch: vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 'control' : 'treatment')), new Utf8()),
};
for (let m = 0; m < 10; m += 1) columns[`metric_${m}`] = makeVector(Float64Array.from({ length: rows }, (_, i) => i * 0.5 + m));
const table = new Table(columns);
const schema = schemaMessage(table.schema);
const batch = recordBatchMessage(table.batches[0], schema.length);

const decoded = decodeArrowBatch(schema, batch)[0].getChild('metric_3')!.data[0].values as Float64Array;
const zeroCopy = decoded.buffer === batch.buffer;

const candidates = [
  ['concatenate, then read (baseline)', () => {
    const joined = new Uint8Array(schema.length + batch.length);
    joined.set(schema, 0);
    joined.set(batch, schema.length);
    return RecordBatchReader.from(joined).readAll();
  }],
  ['decodeArrowBatch (two chunks)', () => decodeArrowBatch(schema, batch)],
] as const;

console.log(`Arrow IPC batch decode, ${rows} rows, ${batch.length} bytes; decodeArrowBatch columns view the received bytes: ${zeroCopy}`);
console.log('| decoder | µs per batch (median of 7 x 500) | M rows/s |');
console.log('| --- | ---: | ---: |');
for (const [name, run] of candidates) {
  for (let i = 0; i < 200; i += 1) run();
  const times: number[] = [];
  for (let r = 0; r < 7; r += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 500; i += 1) run();
    times.push(Number(process.hrtime.bigint() - start) / 1e3 / 500);
  }
  const median = times.sort((a, b) => a - b)[3];
  console.log(`| ${name} | ${median.toFixed(1)} | ${(rows / median).toFixed(1)} |`);
}
