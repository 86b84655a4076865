import { describe, expect, it } from 'vitest';
import { winsorizeTop } from '../../src/kernels/winsorize-top.js';

const DATA = [3, 9, 1, 4, 100, 2, 8, 5, 7, 6];

describe('winsorizeTop', () => {
  it('clips the top at the q-quantile as np.clip(d, d.min(), np.quantile(d, q))', () => {
    const input = Float64Array.from(DATA);
    // numpy: q = 0.9 -> [3, 9, 1, 4, 18.099999999999966, 2, 8, 5, 7, 6]
    expect([...winsorizeTop(input, 0.9)]).toEqual([3, 9, 1, 4, 18.099999999999966, 2, 8, 5, 7, 6]);
    // numpy: q = 0.5 -> [3, 5.5, 1, 4, 5.5, 2, 5.5, 5, 5.5, 5.5]
    expect([...winsorizeTop(input, 0.5)]).toEqual([3, 5.5, 1, 4, 5.5, 2, 5.5, 5, 5.5, 5.5]);
    expect([...input]).toEqual(DATA);
  });

  it('is a copy and a no-op at q = 1', () => {
    const input = Float64Array.from(DATA);
    const out = winsorizeTop(input, 1);
    expect([...out]).toEqual(DATA);
    expect(out).not.toBe(input);
  });

  it('refuses q outside [0.5, 1] like mozanalysis', () => {
    expect(() => winsorizeTop(Float64Array.from(DATA), 0.3)).toThrow(/threshold_quantile should be close to, and <= 1.*got 0\.3/);
    expect(() => winsorizeTop(Float64Array.from(DATA), 1.2)).toThrow(/got 1\.2/);
  });
});
