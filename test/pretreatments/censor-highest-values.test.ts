import { describe, expect, it } from 'vitest';
import censorHighestValues from '../../src/pretreatments/censor-highest-values.js';
import { makeFrame, snapshot, valuesOf } from './make-frame.js';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const context = { periodLength: 7 };

describe('censor_highest_values', () => {
  it('keeps 9000 of range(10000) at fraction 0.9', () => {
    // jetstream test_pretreatment.py: range(10000), fraction 0.9 -> 9000 rows
    // (np.quantile(np.arange(10000.), 0.9) = 8999.1, strict <)
    const frame = makeFrame({ a: { m: range(10000) } });
    const out = censorHighestValues.apply(frame, 'm', censorHighestValues.params({ fraction: 0.9 }, 'o'), context);
    expect(out.parts[0].length).toBe(9000);
  });

  it('pools the quantile over every branch and drops whole rows and nulls', () => {
    // np.nanquantile([1, 5, 9, nan, 20, 2, 3, 100, 7], 0.75) = 11.75
    const frame = makeFrame({
      a: { m: [1, 5, 9, null, 20], other: [11, 15, 19, 0, 30] },
      b: { m: [2, 3, 100, 7], other: [12, 13, 110, 17] },
    });
    const before = snapshot(frame);
    const out = censorHighestValues.apply(frame, 'm', { fraction: 0.75 }, context);
    expect(valuesOf(out, 'm', 0)).toEqual([1, 5, 9]);
    expect(valuesOf(out, 'other', 0)).toEqual([11, 15, 19]);
    expect(valuesOf(out, 'm', 1)).toEqual([2, 3, 7]);
    expect(valuesOf(out, 'other', 1)).toEqual([12, 13, 17]);
    expect(snapshot(frame)).toEqual(before);
  });

  it('defaults fraction to 1 - 1e-5 and rejects fractions outside (0, 1)', () => {
    expect(censorHighestValues.params({}, 'o')).toEqual({ fraction: 1 - 1e-5 });
    expect(() => censorHighestValues.params({ fraction: 1 }, 'o')).toThrow(
      /o: fraction must be a number strictly between 0 and 1 \(e\.g\. 0\.999\), got 1/,
    );
    expect(() => censorHighestValues.params({ fraction: '0.5' }, 'o')).toThrow(/got "0\.5"/);
    expect(() => censorHighestValues.params({ threshold: 2 }, 'o')).toThrow(
      /o: unknown parameter "threshold"; known: fraction/,
    );
  });
});
