/**
 * Decodes one Arrow IPC record-batch message against its separately sent schema message, the form
 * the BigQuery Storage Read API uses (`ArrowSchema.serialized_schema` once per session,
 * `ArrowRecordBatch.serialized_record_batch` per response). The two messages are joined into one
 * IPC stream (one copy of the batch bytes) and read with apache-arrow's `RecordBatchReader`.
 * Reference: https://arrow.apache.org/docs/format/Columnar.html#ipc-streaming-format
 */
import { RecordBatchReader } from 'apache-arrow';
import type { RecordBatch } from 'apache-arrow';

/** The record batches (normally one) encoded by `batchMessage`, typed by `schemaMessage`. */
export function decodeArrowBatch(schemaMessage: Uint8Array, batchMessage: Uint8Array): RecordBatch[] {
  const joined = new Uint8Array(schemaMessage.length + batchMessage.length);
  joined.set(schemaMessage, 0);
  joined.set(batchMessage, schemaMessage.length);
  return RecordBatchReader.from(joined).readAll();
}
