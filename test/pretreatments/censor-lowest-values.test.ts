import { describe, expect, it } from 'vitest';
import censorLowestValues from '../../src/pretreatments/censor-lowest-values.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const context = { periodLength: 7 };

describe('censor_lowest_values', () => {
  it('keeps 9000 of range(10000) at fraction 0.1', () => {
    // jetstream test_pretreatment.py: range(10000), fraction 0.1 -> 9000 rows
    // (np.quantile(np.arange(10000.), 0.1) = 999.9000000000001, strict >)
    const frame = makeFrame({ a: { m: range(10000) } });
    const out = censorLowestValues.apply(frame, 'm', censorLowestValues.params({ fraction: 0.1 }, 'o'), context);
    expect(out.parts[0].length).toBe(9000);
  });

  it('pools the quantile over every branch', () => {
    // np.nanquantile([1, 5, 9, nan, 20, 2, 3, 100, 7], 0.2) = 2.4000000000000004
    const frame = makeFrame({ a: { m: [1, 5, 9, null, 20] }, b: { m: [2, 3, 100, 7] } });
    const before = snapshot(frame);
    const out = censorLowestValues.apply(frame, 'm', { fraction: 0.2 }, context);
    expect(valuesOf(out, 'm', 0)).toEqual([5, 9, 20]);
    expect(valuesOf(out, 'm', 1)).toEqual([3, 100, 7]);
    expect(snapshot(frame)).toEqual(before);
  });

  it('defaults fraction to 1e-5 and rejects 0', () => {
    expect(censorLowestValues.params({}, 'o')).toEqual({ fraction: 1e-5 });
    expect(() => censorLowestValues.params({ fraction: 0 }, 'o')).toThrow(/fraction must be .* got 0$/);
  });
});
