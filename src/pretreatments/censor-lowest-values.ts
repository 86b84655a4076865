/**
 * `censor_lowest_values`: keeps the client rows whose value is strictly above the `fraction`
 * quantile of the metric pooled over all branches (default 1e-5). Null (NaN) rows are removed too.
 *
 * Parity: jetstream CensorLowestValues -> `df.loc[df[col] > df[col].quantile(fraction)]`.
 */
import { readFraction } from '../config/read-fraction.js';
import { filterRows, keepAbove } from '../engine/frame.js';
import { pooledQuantile } from '../engine/pooled-quantile.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'censor_lowest_values',
  perRow: false,
  params: (raw, owner) => ({ fraction: readFraction(owner, raw, 1e-5) }),
  apply: (frame, column, { fraction }) => {
    const threshold = pooledQuantile(frame, column, fraction);
    return filterRows(frame, column, keepAbove(threshold));
  },
});
