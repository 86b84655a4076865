import { describe, expect, it } from 'vitest';
import { Table, makeVector, vectorFromArray, Utf8 } from 'apache-arrow';
import { decodeArrowBatch } from '../../src/sources/arrow-ipc-decode.js';
import { recordBatchMessage, schemaMessage } from '../support/arrow-ipc-messages.js';

const table = new Table({
  x: makeVector(Float64Array.from([1.5, -2, 3.25])),
  s: vectorFromArray(['a', null, 'ccc'], new Utf8()),
});
const schema = schemaMessage(table.schema);
const batch = recordBatchMessage(table.batches[0], schema.length);

describe('decodeArrowBatch', () => {
  it('decodes a batch message against its separate schema message', () => {
    const [decoded, ...rest] = decodeArrowBatch(schema, batch);
    expect(rest).toHaveLength(0);
    expect(Array.from(decoded.getChild('x')!.toArray() as Float64Array)).toEqual([1.5, -2, 3.25]);
    expect([0, 1, 2].map(i => decoded.getChild('s')!.get(i))).toEqual(['a', null, 'ccc']);
  });

  it('decodes bytes at an offset that is not 8-aligned, as gRPC hands them over', () => {
    // protobuf `bytes` fields are slices of the received message at arbitrary offsets.
    const carrier = new Uint8Array(batch.length + 3);
    carrier.set(batch, 3);
    const [decoded] = decodeArrowBatch(schema, carrier.subarray(3));
    expect(Array.from(decoded.getChild('x')!.toArray() as Float64Array)).toEqual([1.5, -2, 3.25]);
  });

  it('leaves its inputs unchanged', () => {
    const schemaCopy = Uint8Array.from(schema);
    const batchCopy = Uint8Array.from(batch);
    decodeArrowBatch(schema, batch);
    expect(schema).toEqual(schemaCopy);
    expect(batch).toEqual(batchCopy);
  });
});
