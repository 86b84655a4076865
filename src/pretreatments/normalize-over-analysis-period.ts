/**
 * `normalize_over_analysis_period`: divides the metric by the length in days of the analysis window
 * (`context.periodLength`: day 1, week 7, days28 28, overall its window length, preenrollment_week
 * 7, preenrollment_days28 28). Nulls stay null; no row is removed.
 *
 * A user `analysis_period_length` is accepted and ignored, silently, as in Jetstream, which
 * overwrites it on every pretreatment with the window length (spec section 10, quirk 7).
 *
 * Parity: jetstream NormalizeOverAnalysisPeriod -> `df[col] / analysis_period_length` (`or 1`).
 */
import { assertKnownKeys } from '../config/params.js';
import { mapColumn } from '../engine/frame.js';
import { definePretreatment } from './define.js';

export default definePretreatment({
  name: 'normalize_over_analysis_period',
  perRow: true,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['analysis_period_length']);
    return {};
  },
  apply: (frame, column, _params, context) => {
    // Jetstream: `analysis_period_length or 1`.
    const length = context.periodLength || 1;
    return mapColumn(frame, column, (x) => x / length);
  },
});
