import { describe, expect, it } from 'vitest';
import { accumulateMoments, emptyMoments, mergeMoments } from '../../src/kernels/ols-branch-sufficient.js';
import { createRng } from '../../src/kernels/rng.js';

describe('branch moments', () => {
  it('match two-pass centred sums, skip NaN rows and clip from above', () => {
    const y = Float64Array.of(1, 2, Number.NaN, 4, 10);
    const x = Float64Array.of(2, 1, 5, Number.NaN, 3);
    const copies = [Float64Array.from(y), Float64Array.from(x)];
    const m = accumulateMoments(emptyMoments(), { y, x, clipY: 5, clipX: Infinity });
    // rows kept: (1,2), (2,1), (5,3) after clipping y=10 at 5; ȳ = 8/3, x̄ = 2 (analytic)
    expect(m.n).toBe(3);
    expect(m.meanY).toBeCloseTo(8 / 3, 14);
    expect(m.meanX).toBeCloseTo(2, 14);
    // Σ(y-ȳ)² = (25+4+49)/9 = 78/9; Σ(x-x̄)² = 0+1+1 = 2; Σ(x-x̄)(y-ȳ) = 0 + (-1)(-2/3) + (1)(7/3) = 3
    expect(m.syy).toBeCloseTo(78 / 9, 13);
    expect(m.sxx).toBeCloseTo(2, 13);
    expect(m.sxy).toBeCloseTo(3, 13);
    expect([y, x]).toEqual(copies);
  });

  it('merge chunks into the moments of the whole', () => {
    const rng = createRng(3);
    const n = 10_000;
    const y = Float64Array.from({ length: n }, () => 1e9 + rng.nextFloat());
    const x = Float64Array.from({ length: n }, (_, i) => y[i] * 2 + rng.nextFloat());
    const whole = accumulateMoments(emptyMoments(), { y, x, clipY: Infinity, clipX: Infinity });
    let merged = emptyMoments();
    for (let s = 0; s < n; s += 777) {
      merged = mergeMoments(merged, accumulateMoments(emptyMoments(), { y: y.subarray(s, s + 777), x: x.subarray(s, s + 777), clipY: Infinity, clipX: Infinity }));
    }
    expect(merged.n).toBe(n);
    expect(merged.meanY).toBeCloseTo(whole.meanY, 3);
    // values near 1e9 carry ~1e-7 absolute rounding each (2^-53 * 1e9), so agreement to 1e-6
    // relative on sums of squares of spread ~0.3 is what double precision allows
    expect(merged.syy / whole.syy).toBeCloseTo(1, 6);
    expect(merged.sxy / whole.sxy).toBeCloseTo(1, 6);
    // offset 1e9 + U(0,1): Var ≈ 1/12 per value (analytic), so Σ(y-ȳ)² ≈ n/12 despite the offset
    expect(whole.syy / n).toBeGreaterThan(0.07);
    expect(whole.syy / n).toBeLessThan(0.1);
  });
});
