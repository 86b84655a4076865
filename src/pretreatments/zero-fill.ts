/**
 * `zero_fill`: replaces null (NaN) values of the metric with 0; other columns are untouched.
 * Unlike Jetstream, nulls really reach this pretreatment (Jetstream's subset query selects
 * `<metric> IS NOT NULL` first, so there it never fills anything).
 *
 * Parity: jetstream ZeroFill -> `df.fillna(value={col: 0})`.
 */
import { assertKnownKeys } from '../config/params.js';
import { mapColumn } from '../engine/frame.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'zero_fill',
  perRow: true,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, []);
    return {};
  },
  apply: (frame, column) => mapColumn(frame, column, (x) => (Number.isNaN(x) ? 0 : x)),
});
