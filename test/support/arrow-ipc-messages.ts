/**
 * Splits Arrow tables into the two kinds of IPC message the BigQuery Storage Read API sends: one
 * schema message (`ArrowSchema.serialized_schema`) and one message per record batch
 * (`ArrowRecordBatch.serialized_record_batch`). Test support for the loopback BigQueryRead server.
 * Reference: https://cloud.google.com/bigquery/docs/reference/storage/rpc (ArrowSchema, ArrowRecordBatch)
 */
import { RecordBatch, Table, tableToIPC } from 'apache-arrow';
import type { Schema } from 'apache-arrow';

/** The 8-byte end-of-stream marker apache-arrow appends to every IPC stream. */
const EOS_BYTES = 8;

/** The encapsulated IPC schema message of `schema` (no end-of-stream marker). */
export function schemaMessage(schema: Schema): Uint8Array {
  const stream = tableToIPC(new Table(schema), 'stream');
  return stream.subarray(0, stream.length - EOS_BYTES);
}

/**
 * The encapsulated IPC record-batch message of `batch`: the IPC stream of a one-batch table minus
 * its leading schema message and trailing end-of-stream marker. Dictionary-encoded columns are
 * refused, as BigQuery never sends dictionary batches.
 */
export function recordBatchMessage(batch: RecordBatch, schemaLength: number): Uint8Array {
  for (const field of batch.schema.fields) {
    if (field.typeId === -1) {
      throw new Error(`recordBatchMessage: column "${field.name}" is dictionary-encoded; build it as plain Utf8`);
    }
  }
  const stream = tableToIPC(new Table([batch]), 'stream');
  return stream.subarray(schemaLength, stream.length - EOS_BYTES);
}
