import { describe, expect, it } from 'vitest';
import { accumulateMoments, accumulateMomentsAndRaw, emptyMoments, mergeMoments } from '../../src/kernels/ols-branch-sufficient.js';
import { createRng } from '../../src/kernels/rng.js';
import { nativeSortProblem } from '../../src/kernels/native-sort.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

describe.each(SORT_IMPLEMENTATIONS)('branch moments %s', (_, flag) => {
  useNativeSort(flag);

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

  it('give, with the raw target\'s moments from the same passes, the bits of a plain two-pass reference', () => {
    // The corrected two-pass algorithm written out per chunk, the same operations in the same order:
    // rows with y (and x) non-null, clipped; then the chunks merged in order.
    const reference = (y: Float64Array, x: Float64Array | undefined, clipY: number, clipX: number) => {
      const rows = Array.from(y.keys()).filter((i) => !Number.isNaN(y[i]) && (x === undefined || !Number.isNaN(x[i])));
      if (rows.length === 0) return null;
      let sumY = 0;
      let sumX = 0;
      for (const i of rows) {
        sumY += Math.min(y[i], clipY);
        if (x !== undefined) sumX += Math.min(x[i], clipX);
      }
      const n = rows.length;
      const meanY = sumY / n;
      const meanX = x === undefined ? 0 : sumX / n;
      let [dY, dX, syy, sxx, sxy] = [0, 0, 0, 0, 0];
      for (const i of rows) {
        const dy = Math.min(y[i], clipY) - meanY;
        const dx = x === undefined ? 0 : Math.min(x[i], clipX) - meanX;
        dY += dy;
        dX += dx;
        syy += dy * dy;
        sxx += dx * dx;
        sxy += dx * dy;
      }
      return x === undefined
        ? { n, meanY, meanX: 0, syy: syy - (dY * dY) / n, sxx: 0, sxy: 0 }
        : { n, meanY, meanX, syy: syy - (dY * dY) / n, sxx: sxx - (dX * dX) / n, sxy: sxy - (dX * dY) / n };
    };
    // heavy-tailed y and a covariate with nulls in other rows, clips that bite, three chunks (one
    // across the per-block loop's boundary at 65,536 rows, one empty)
    const rng = createRng(9);
    const chunks = [70_000, 1_000, 0].map((n) =>
      [0, 1].map((k) => Float64Array.from({ length: n }, (_, i) => ((i + 7 * k) % 101 === 0 ? Number.NaN : Math.exp(3 * rng.nextFloat()) - 1))),
    );
    for (const withX of [true, false]) {
      let moments = emptyMoments();
      let raw = emptyMoments();
      let expectedMoments = emptyMoments();
      let expectedRaw = emptyMoments();
      for (const [y, x] of chunks) {
        const input = { y, x: withX ? x : undefined, clipY: 12, clipX: 9 };
        const both = accumulateMomentsAndRaw(moments, raw, input);
        moments = both.moments;
        raw = both.raw;
        expect(accumulateMoments(emptyMoments(), input)).toEqual(reference(y, input.x, 12, 9) ?? emptyMoments());
        const chunk = reference(y, input.x, 12, 9);
        const rawChunk = reference(y, undefined, Infinity, Infinity);
        if (chunk !== null) expectedMoments = mergeMoments(expectedMoments, chunk);
        if (rawChunk !== null) expectedRaw = mergeMoments(expectedRaw, rawChunk);
      }
      expect(moments).toEqual(expectedMoments);
      expect(raw).toEqual(expectedRaw);
      // the raw moments count every non-null y, also where the covariate is null
      if (withX) expect(raw.n).toBeGreaterThan(moments.n);
      else expect(raw.n).toBe(moments.n);
    }
  });
});

describe('branch moments in C and in TypeScript', () => {
  it('the C passes are built here', () => {
    expect(nativeSortProblem()).toBe('');
  });

  it('give the same bits on signed zeros, clips equal to values, infinities, NaN clips and empty or all-null chunks', () => {
    const rng = createRng(31);
    const n = 20_000;
    const special = [0, -0, 5, -5, Infinity, -Infinity, Number.NaN, 1e300, -1e-300];
    const pick = (i: number) => (i % 7 === 0 ? special[(i / 7) % special.length] : (rng.nextFloat() - 0.3) * 10);
    const y = Float64Array.from({ length: n }, (_, i) => pick(i));
    const x = Float64Array.from({ length: n }, (_, i) => pick(i + 3));
    const inputs = [
      { y, x, clipY: 5, clipX: 0 },
      { y, x: undefined, clipY: -0, clipX: Infinity },
      { y, x, clipY: Number.NaN, clipX: 5 },
      { y: y.subarray(0, 0), x: x.subarray(0, 0), clipY: 1, clipX: 1 },
      { y: Float64Array.of(Number.NaN, Number.NaN), x: Float64Array.of(1, 2), clipY: 1, clipX: 1 },
      { y: Float64Array.of(-0, -0, 0), x: Float64Array.of(0, -0, -0), clipY: 0, clipX: -0 },
    ];
    for (const input of inputs) {
      const results = ['1', '0'].map((flag) => {
        process.env.CONTRAIL_NATIVE_SORT = flag;
        try {
          return accumulateMomentsAndRaw(emptyMoments(), emptyMoments(), input);
        } finally {
          delete process.env.CONTRAIL_NATIVE_SORT;
        }
      });
      for (const part of ['moments', 'raw'] as const) {
        for (const [key, value] of Object.entries(results[0][part])) {
          expect(Object.is(value, results[1][part][key as keyof (typeof results)[1]['moments']]), `${part}.${key}`).toBe(true);
        }
      }
    }
  });
});
