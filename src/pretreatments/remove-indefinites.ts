/**
 * `remove_indefinites`: drops the client rows whose metric value is null (NaN), +inf or -inf.
 *
 * Deliberate fix: Jetstream replaces only +inf with NaN before `dropna`, so -inf survives (spec
 * section 10, quirk 6), and it writes into its input frame; this returns a new frame.
 *
 * Parity: jetstream RemoveIndefinites -> `df[col].replace(np.inf, np.nan); df.dropna(subset=[col])`.
 */
import { assertKnownKeys } from '../config/params.js';
import { filterRows, keepFinite } from '../engine/frame.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'remove_indefinites',
  perRow: true,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, []);
    return {};
  },
  apply: (frame, column) => filterRows(frame, column, keepFinite),
});
