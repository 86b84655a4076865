import { describe, expect, it } from 'vitest';
import normalize from '../../src/pretreatments/normalize-over-analysis-period.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

describe('normalize_over_analysis_period', () => {
  it('divides by the window length', () => {
    // jetstream test_summary_from_config_injects_analysis_period_length: [1400, 7000] / 7 -> [200, 1000]
    const frame = makeFrame({ a: { m: [1400, 7000], other: [1, 2] } });
    const before = snapshot(frame);
    const out = normalize.apply(frame, 'm', normalize.params({}, 'o'), { periodLength: 7 });
    expect(valuesOf(out, 'm')).toEqual([200, 1000]);
    expect(valuesOf(out, 'other')).toEqual([1, 2]);
    expect(snapshot(frame)).toEqual(before);
  });

  it('ignores a user analysis_period_length, as Jetstream does', () => {
    // jetstream test_pretreatment.py: 10 -> 1 with length 10, 5 -> 0.5
    const params = normalize.params({ analysis_period_length: 3 }, 'o');
    const out = normalize.apply(makeFrame({ a: { m: [10, 5, null] } }), 'm', params, { periodLength: 10 });
    expect(valuesOf(out, 'm')).toEqual([1, 0.5, Number.NaN]);
  });
});
