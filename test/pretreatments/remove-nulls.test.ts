import { describe, expect, it } from 'vitest';
import removeNulls from '../../src/pretreatments/remove-nulls.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

const context = { periodLength: 7 };

describe('remove_nulls', () => {
  it('drops null rows and keeps ±inf', () => {
    // jetstream test_pretreatment.py test_remove_nulls: infinities survive dropna
    const frame = makeFrame({ a: { m: [1, null, Infinity, -Infinity, 2], other: [10, 11, 12, 13, 14] } });
    const before = snapshot(frame);
    const out = removeNulls.apply(frame, 'm', removeNulls.params({}, 'owner'), context);
    expect(valuesOf(out, 'm')).toEqual([1, Infinity, -Infinity, 2]);
    // the whole row goes: the other column loses its second value too
    expect(valuesOf(out, 'other')).toEqual([10, 12, 13, 14]);
    expect(out.parts[0].length).toBe(4);
    expect(snapshot(frame)).toEqual(before);
  });

  it('rejects any parameter', () => {
    expect(() => removeNulls.params({ fraction: 0.5 }, 'metrics.x.statistics.deciles')).toThrow(
      /metrics\.x\.statistics\.deciles: unknown parameter "fraction"; known: \(none\)/,
    );
  });
});
