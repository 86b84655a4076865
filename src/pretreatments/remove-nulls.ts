/**
 * `remove_nulls`: drops the client rows whose metric value is null (NaN); ±inf are kept.
 *
 * Parity: jetstream RemoveNulls -> pandas `df.dropna(subset=[col])`.
 */
import { assertKnownKeys } from '../config/params.js';
import { filterRows, keepNotNull } from '../engine/frame.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'remove_nulls',
  perRow: true,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, []);
    return {};
  },
  apply: (frame, column) => filterRows(frame, column, keepNotNull),
});
