import { describe, expect, it } from 'vitest';
import censorAbove from '../../src/pretreatments/censor-values-above-threshold.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

describe('censor_values_above_threshold', () => {
  it('keeps the 150 values below 0.1 of 150 x 0.05 + 50 x 1.1', () => {
    // jetstream test_pretreatment.py: threshold 0.1 -> 150 rows
    const frame = makeFrame({ a: { m: [...Array(150).fill(0.05), ...Array(50).fill(1.1)] } });
    const before = snapshot(frame);
    const out = censorAbove.apply(frame, 'm', censorAbove.params({ threshold: 0.1 }, 'o'), { periodLength: 1 });
    expect(out.parts[0].length).toBe(150);
    expect(snapshot(frame)).toEqual(before);
  });

  it('removes values equal to the threshold and nulls, in every branch', () => {
    const frame = makeFrame({ a: { m: [1, 2, null, 3] }, b: { m: [0, 2] } });
    const out = censorAbove.apply(frame, 'm', { threshold: 2 }, { periodLength: 1 });
    expect(valuesOf(out, 'm', 0)).toEqual([1]);
    expect(valuesOf(out, 'm', 1)).toEqual([0]);
  });

  it('rejects unknown keys naming threshold', () => {
    expect(() => censorAbove.params({ threshhold: 1 }, 'o')).toThrow(/unknown parameter "threshhold"; known: threshold/);
  });
});
