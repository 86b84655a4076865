import { describe, expect, it } from 'vitest';
import zeroFill from '../../src/pretreatments/zero-fill.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

describe('zero_fill', () => {
  it('fills nulls of its column only', () => {
    // jetstream test_pretreatment.py test_zero_fill: other columns untouched
    const frame = makeFrame({ a: { m: [1, null, 3], other: [null, 2, null] }, b: { m: [null], other: [null] } });
    const before = snapshot(frame);
    const out = zeroFill.apply(frame, 'm', zeroFill.params({}, 'o'), { periodLength: 1 });
    expect(valuesOf(out, 'm', 0)).toEqual([1, 0, 3]);
    expect(valuesOf(out, 'other', 0)).toEqual([Number.NaN, 2, Number.NaN]);
    expect(valuesOf(out, 'm', 1)).toEqual([0]);
    expect(snapshot(frame)).toEqual(before);
  });
});
