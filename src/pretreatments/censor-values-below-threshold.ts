/**
 * `censor_values_below_threshold`: keeps the client rows whose value is strictly above `threshold`
 * (a value equal to the threshold is removed, as are nulls). `threshold` is required.
 *
 * Parity: jetstream CensorValuesBelowThreshold -> `df.loc[df[col] > threshold]`.
 */
import { assertKnownKeys, readNumber } from '../config/params.js';
import { filterRows, keepAbove } from '../engine/frame.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'censor_values_below_threshold',
  perRow: true,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['threshold']);
    return { threshold: readNumber(owner, raw, 'threshold') };
  },
  apply: (frame, column, { threshold }) => filterRows(frame, column, keepAbove(threshold)),
});
