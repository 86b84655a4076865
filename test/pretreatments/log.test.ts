import { describe, expect, it } from 'vitest';
import log from '../../src/pretreatments/log.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

const context = { periodLength: 1 };

describe('log', () => {
  it('keeps every row of range(-1, 11): one NaN, one -inf, last exactly 1', () => {
    // jetstream test_pretreatment.py test_log; values from np.log(x) / np.log(10)
    const frame = makeFrame({ a: { m: Array.from({ length: 12 }, (_, i) => i - 1) } });
    const before = snapshot(frame);
    const out = valuesOf(log.apply(frame, 'm', log.params({}, 'o'), context), 'm');
    expect(out).toHaveLength(12);
    expect(out.filter(Number.isNaN)).toHaveLength(1);
    expect(out.filter((x) => x === -Infinity)).toHaveLength(1);
    expect(out[11]).toBe(1);
    expect(out[3]).toBeCloseTo(0.30102999566398114, 15); // np.log(2) / np.log(10)
    expect(snapshot(frame)).toEqual(before);
  });

  it('uses the natural log for base 0 or false', () => {
    for (const base of [0, false]) {
      const params = log.params({ base }, 'o');
      expect(params).toEqual({ base: null });
      expect(valuesOf(log.apply(makeFrame({ a: { m: [Math.E] } }), 'm', params, context), 'm')).toEqual([1]);
    }
  });

  it('takes base 2 and rejects a base of 1 or a negative base', () => {
    expect(valuesOf(log.apply(makeFrame({ a: { m: [8] } }), 'm', log.params({ base: 2 }, 'o'), context), 'm')).toEqual([3]);
    expect(() => log.params({ base: 1 }, 'o')).toThrow(/o: base must be a positive number other than 1 .* got 1/);
    expect(() => log.params({ base: -2 }, 'o')).toThrow(/got -2/);
  });
});
