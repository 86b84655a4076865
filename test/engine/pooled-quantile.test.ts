import { describe, expect, it } from 'vitest';
import { pooledQuantile } from '../../src/engine/pooled-quantile.js';
import { makeFrame, snapshot } from '../pretreatments/make-frame.js';

describe('pooledQuantile', () => {
  it('interpolates linearly over the non-null values of all branches', () => {
    const frame = makeFrame({ a: { m: [1, 5, 9, null, 20] }, b: { m: [2, 3, 100, 7] } });
    const before = snapshot(frame);
    // np.nanquantile([1, 5, 9, nan, 20, 2, 3, 100, 7], 0.75) = 11.75
    expect(pooledQuantile(frame, 'm', 0.75)).toBe(11.75);
    // np.nanquantile([...same], 0.2) = 2.4000000000000004
    expect(pooledQuantile(frame, 'm', 0.2)).toBe(2.4000000000000004);
    expect(snapshot(frame)).toEqual(before);
  });

  it('is NaN for an all-null column', () => {
    expect(pooledQuantile(makeFrame({ a: { m: [null] } }), 'm', 0.5)).toBeNaN();
  });
});
