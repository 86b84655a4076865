import { describe, expect, it } from 'vitest';
import removeIndefinites from '../../src/pretreatments/remove-indefinites.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

describe('remove_indefinites', () => {
  it('drops NaN, +inf and -inf (deliberate fix: Jetstream keeps -inf)', () => {
    const frame = makeFrame({
      a: { m: [1, Infinity, null, -Infinity, 3], other: [1, 2, 3, 4, 5] },
      b: { m: [-Infinity, 4], other: [6, 7] },
    });
    const before = snapshot(frame);
    const out = removeIndefinites.apply(frame, 'm', {}, { periodLength: 1 });
    expect(valuesOf(out, 'm', 0)).toEqual([1, 3]);
    expect(valuesOf(out, 'other', 0)).toEqual([1, 5]);
    expect(valuesOf(out, 'm', 1)).toEqual([4]);
    expect(valuesOf(out, 'other', 1)).toEqual([7]);
    // the input frame, which Jetstream mutates, is untouched
    expect(snapshot(frame)).toEqual(before);
  });

  it('hands back a finite part as it is, and drops an indefinite first or last row', () => {
    const frame = makeFrame({
      clean: { m: [1, -2, 0], other: [4, 5, 6] },
      first: { m: [-Infinity, 2, 3], other: [4, 5, 6] },
      last: { m: [1, 2, Infinity], other: [4, 5, 6] },
    });
    const out = removeIndefinites.apply(frame, 'm', {}, { periodLength: 1 });
    expect(out.parts[0]).toBe(frame.parts[0]);
    expect(valuesOf(out, 'other', 1)).toEqual([5, 6]);
    expect(valuesOf(out, 'other', 2)).toEqual([4, 5]);
  });
});
