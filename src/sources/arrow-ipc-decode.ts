/**
 * Decodes one Arrow IPC record-batch message against its separately sent schema message, the form
 * the BigQuery Storage Read API uses (`ArrowSchema.serialized_schema` once per session,
 * `ArrowRecordBatch.serialized_record_batch` per response).
 *
 * The two messages go to apache-arrow's `RecordBatchReader` as two chunks of one IPC byte stream,
 * not joined into one buffer: each message lies whole in its chunk, so the batch's column buffers
 * are views of the received bytes (bench/arrow-ipc-decode.bench.ts, 10,000 rows x 10 float64 +
 * 1 string, 921 kB: 33 µs per batch vs 417 µs when the two messages are first concatenated).
 * Reference: https://arrow.apache.org/docs/format/Columnar.html#ipc-streaming-format
 */
import { RecordBatchReader } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';

/** The record batches (normally one) encoded by `batchMessage`, typed by `schemaMessage`. */
export function decodeArrowBatch(schemaMessage: Uint8Array, batchMessage: Uint8Array): RecordBatch[] {
  return RecordBatchReader.from([schemaMessage, batchMessage]).readAll();
}
