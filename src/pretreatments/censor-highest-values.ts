/**
 * `censor_highest_values`: keeps the client rows whose value is strictly below the `fraction`
 * quantile of the metric pooled over all branches (default 1 - 1e-5), i.e. removes the top
 * `1 - fraction`. Null (NaN) rows are removed too. Jetstream's docs call `fraction` the share of
 * rows to remove; its code (followed here) keeps below the `fraction` quantile.
 *
 * Parity: jetstream CensorHighestValues -> `df.loc[df[col] < df[col].quantile(fraction)]`.
 */
import { readFraction } from '../config/read-fraction.js';
import { filterRows, keepBelow } from '../engine/frame.js';
import { pooledQuantile } from '../engine/pooled-quantile.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'censor_highest_values',
  perRow: false,
  params: (raw, owner) => ({ fraction: readFraction(owner, raw, 1 - 1e-5) }),
  apply: (frame, column, { fraction }) => {
    const threshold = pooledQuantile(frame, column, fraction);
    return filterRows(frame, column, keepBelow(threshold));
  },
});
