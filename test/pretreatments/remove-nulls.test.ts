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

  it('hands back a part without nulls as it is, and drops nulls in the first, last or every row', () => {
    // the selector scans for the first null before it writes any index: each place of that first null
    const frame = makeFrame({
      clean: { m: [1, 2, 3], other: [4, 5, 6] },
      first: { m: [null, 2, 3], other: [4, 5, 6] },
      last: { m: [1, 2, null], other: [4, 5, 6] },
      all: { m: [null, null], other: [4, 5] },
    });
    const out = removeNulls.apply(frame, 'm', {}, context);
    expect(out.parts[0]).toBe(frame.parts[0]);
    expect(valuesOf(out, 'other', 1)).toEqual([5, 6]);
    expect(valuesOf(out, 'other', 2)).toEqual([4, 5]);
    expect(out.parts[3].length).toBe(0);
  });

  it('rejects any parameter', () => {
    expect(() => removeNulls.params({ fraction: 0.5 }, 'metrics.x.statistics.deciles')).toThrow(
      /metrics\.x\.statistics\.deciles: unknown parameter "fraction"; known: \(none\)/,
    );
  });
});
