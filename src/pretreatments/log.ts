/**
 * `log`: replaces the metric by its logarithm in `base` (default 10; `base = 0` or `false` means
 * the natural log). log(0) = -inf and log(negative) = NaN; no row is removed, so a later
 * `remove_indefinites` is usually wanted.
 *
 * Parity: jetstream Log -> `np.log(x) / np.log(base)` if base else `np.log(x)`.
 */
import { ConfigError, assertKnownKeys } from '../config/params.js';
import { mapColumn } from '../engine/frame.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'log',
  perRow: true,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['base']);
    const base = raw.base ?? 10;
    // Python truthiness: None, 0 and False all select the natural log.
    if (base === false || base === 0) return { base: null };
    if (typeof base !== 'number' || !(base > 0) || base === 1 || !Number.isFinite(base)) {
      const shown = typeof base === 'string' ? JSON.stringify(base) : String(base);
      throw new ConfigError(
        `${owner}: base must be a positive number other than 1 (or 0 for the natural log), got ${shown}`,
      );
    }
    return { base };
  },
  apply: (frame, column, { base }) => {
    if (base === null) return mapColumn(frame, column, Math.log);
    const logBase = Math.log(base);
    // Divide (not Math.log10) to follow numpy's np.log(x) / np.log(base).
    return mapColumn(frame, column, (x) => Math.log(x) / logBase);
  },
});
