import { describe, expect, it } from 'vitest';
import censorBelow from '../../src/pretreatments/censor-values-below-threshold.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

describe('censor_values_below_threshold', () => {
  it('keeps the 50 values above 0.1 of 150 x 0.05 + 50 x 1.1', () => {
    // jetstream test_pretreatment.py: threshold 0.1 -> 50 rows
    const frame = makeFrame({ a: { m: [...Array(150).fill(0.05), ...Array(50).fill(1.1)] } });
    const before = snapshot(frame);
    const out = censorBelow.apply(frame, 'm', censorBelow.params({ threshold: 0.1 }, 'o'), { periodLength: 1 });
    expect(out.parts[0].length).toBe(50);
    expect(snapshot(frame)).toEqual(before);
  });

  it('removes values equal to the threshold and nulls', () => {
    const frame = makeFrame({ a: { m: [1, 2, null, 3] } });
    expect(valuesOf(censorBelow.apply(frame, 'm', { threshold: 2 }, { periodLength: 1 }), 'm')).toEqual([3]);
  });

  it('requires a numeric threshold', () => {
    expect(() => censorBelow.params({}, 'o')).toThrow(/o: threshold is required and must be a number/);
    expect(() => censorBelow.params({ threshold: 'x' }, 'o')).toThrow(/o: threshold must be a number, got "x"/);
  });
});
