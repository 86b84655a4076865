import { describe, expect, it } from 'vitest';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { pooledQuantileOf, quantileSelect, quantilesOfScratch } from '../../src/kernels/quantile-select.js';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import { createRng } from '../../src/kernels/rng.js';

describe('quantileSelect', () => {
  it('equals the sorted (numpy linear) quantile bit for bit, duplicates included', () => {
    const rng = createRng(7);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      for (const ties of [false, true]) {
        const values = new Float64Array(n);
        for (let i = 0; i < n; i++) values[i] = ties ? Math.floor(rng.nextFloat() * 5) : rng.nextFloat() * 100 - 50;
        const sorted = Float64Array.from(values).sort();
        for (const q of [0, 0.005, 0.25, 0.5, 0.9, 0.995, 1]) {
          // reference: quantileSorted, itself numpy np.quantile(x, q) (type 7)
          expect(quantileSelect(values, q)).toBe(quantileSorted(sorted, q));
        }
      }
    }
  });

  it('skips NaN and leaves the input unchanged', () => {
    const values = Float64Array.of(5, Number.NaN, 1, 3, Number.NaN, 2);
    const copy = Float64Array.from(values);
    // np.quantile([5, 1, 3, 2], 0.5) = 2.5
    expect(quantileSelect(values, 0.5)).toBe(2.5);
    expect(values).toEqual(copy);
    expect(quantileSelect(Float64Array.of(Number.NaN), 0.5)).toBeNaN();
  });

  it('handles sorted and reverse-sorted input', () => {
    const up = Float64Array.from({ length: 10_001 }, (_, i) => i);
    const down = Float64Array.from(up).reverse();
    // np.quantile(np.arange(10001), 0.995) = 9950.0
    expect(quantileSelect(up, 0.995)).toBe(9950);
    expect(quantileSelect(down, 0.995)).toBe(9950);
  });

  it('gives two quantiles by selection bit-identical to the sorted array, with ties and infinities', () => {
    const rng = createRng(11);
    for (const n of [1, 2, 3, 20, 101, 10_000]) {
      // 'sampled': every 39th value large, as many as the tail brackets' sample takes (stride 39 at
      // 10,000 values), so that the brackets miss and the whole array is selected
      for (const kind of ['distinct', 'ties', 'infinite', 'sampled']) {
        const values = Float64Array.from({ length: n }, (_, i) =>
          kind === 'ties'
            ? Math.floor(rng.nextFloat() * 4)
            : kind === 'infinite' && i % 7 === 0
              ? (i % 2 ? 1 : -1) / 0
              : kind === 'sampled' && i % 39 === 0
                ? 1e9 + i
                : rng.nextFloat() * 10 - 5,
        );
        const sorted = Float64Array.from(values).sort();
        for (const [q1, q2] of [[0.025, 0.975], [0.005, 0.995], [0.5, 0.5], [0, 1], [0.4, 0.41]]) {
          // reference: quantileSorted (numpy np.quantile, type 7) of the sorted copy
          expect(quantilesOfScratch(Float64Array.from(values), n, q1, q2)).toEqual([quantileSorted(sorted, q1), quantileSorted(sorted, q2)]);
        }
      }
    }
    expect(quantilesOfScratch(new Float64Array(0), 0, 0.1, 0.9)).toEqual([Number.NaN, Number.NaN]);
    expect(() => quantilesOfScratch(Float64Array.of(1, 2), 2, 0.9, 0.1)).toThrow(/q1 must not exceed q2, got 0.9 and 0.1/);
  });
});

describe.each(SORT_IMPLEMENTATIONS)('pooledQuantileOf %s', (_, flag) => {
  useNativeSort(flag);

  /** Reference: the pooled kept non-NaN values sorted, then quantileSorted (numpy np.quantile, type 7). */
  function reference(columns: Float64Array[], q: number, keep?: Float64Array[]): number {
    const kept: number[] = [];
    columns.forEach((c, b) => c.forEach((v, i) => {
      if (!Number.isNaN(v) && (keep === undefined || !Number.isNaN(keep[b][i]))) kept.push(v);
    }));
    return quantileSorted(Float64Array.from(kept).sort(), q);
  }

  it('equals the sorted quantile bit for bit over columns large enough to be sampled, with keep, ties and nulls', () => {
    // 3 columns of 40k-70k rows: the sample is every ~17th value, so the two-pass bracket is used
    const rng = createRng(5);
    for (const kind of ['heavy-tailed', 'ties', 'zeros']) {
      const columns = [40_000, 55_000, 70_000].map((n) =>
        Float64Array.from({ length: n }, (_, i) => {
          if (i % 97 === 0) return Number.NaN;
          const u = rng.nextFloat();
          if (kind === 'ties') return Math.floor(u * 30);
          if (kind === 'zeros') return u < 0.3 ? 0 : -Math.log(u);
          return Math.exp(6 * u) * (u < 0.5 ? 1 : 3);
        }),
      );
      const keep = columns.map((c) => Float64Array.from(c, (_, i) => (i % 13 === 0 ? Number.NaN : 1)));
      for (const q of [0, 1e-4, 0.01, 0.25, 0.3, 0.5, 0.9, 0.995, 0.9999, 1]) {
        expect(pooledQuantileOf(columns, q)).toBe(reference(columns, q));
        expect(pooledQuantileOf(columns, q, keep)).toBe(reference(columns, q, keep));
      }
    }
  });

  it('falls back to selecting every value when the sample misleads or the bracket holds too many ties', () => {
    // Every 19th value (the sample's stride at 100k values) is negative, the rest ascending: the
    // sample brackets the wrong ranks, so the bracket must be found wanting.
    const n = 100_000;
    const misleading = Float64Array.from({ length: n }, (_, i) => (i % 19 === 0 ? -i : i));
    // Three quarters zeros: a bracket around the median holds them all.
    const zeros = Float64Array.from({ length: n }, (_, i) => (i % 4 === 0 ? i : 0));
    for (const q of [0.1, 0.5, 0.75, 0.9]) {
      expect(pooledQuantileOf([misleading], q)).toBe(reference([misleading], q));
      expect(pooledQuantileOf([zeros], q)).toBe(reference([zeros], q));
    }
    // Every sampled value is 0, and the zeros hold ranks 44,736..49,999 exactly: the bracket [0, 0]
    // holds the median's lower order statistic (rank 49,999) but not the upper one (50,000, the
    // first positive value), so it must be found wanting. np.quantile(x, 0.5) = (0 + 1) / 2.
    let other = 0;
    const edge = Float64Array.from({ length: n }, (_, i) => (i % 19 === 0 ? 0 : other++ < 44_736 ? -1 - other : other - 44_736));
    expect(pooledQuantileOf([edge], 0.5)).toBe(0.5);
    expect(pooledQuantileOf([edge], 0.5)).toBe(reference([edge], 0.5));
  });

  it('gives NaN without values and never writes its inputs', () => {
    expect(pooledQuantileOf([Float64Array.of(Number.NaN), new Float64Array(0)], 0.5)).toBeNaN();
    expect(pooledQuantileOf([Float64Array.of(1, 2)], 0.5, [Float64Array.of(Number.NaN, Number.NaN)])).toBeNaN();
    const values = Float64Array.from({ length: 50_000 }, (_, i) => (i * 7919) % 50_000);
    const copy = Float64Array.from(values);
    // np.quantile(np.arange(50000), 0.995) = 49749.005
    expect(pooledQuantileOf([values], 0.995)).toBe(reference([values], 0.995));
    expect(pooledQuantileOf([values], 0.995)).toBeCloseTo(49749.005, 9);
    expect(values).toEqual(copy);
  });
});

describe('pooledQuantileOf\'s passes in C', () => {
  it('refuse columns that are not Float64Arrays, and keep columns shorter than theirs', () => {
    const native = nativeSort()!;
    expect(native).not.toBeNull();
    expect(() => native.sampleValid([[1, 2] as unknown as Float64Array], null, 1, new Float64Array(2))).toThrow(TypeError);
    expect(() => native.gatherBracket([Float64Array.of(1, 2)], [Float64Array.of(1)], 0, 1, new Float64Array(2))).toThrow(TypeError);
    // and give the TypeScript passes' counts: 5 values (one NaN, one not kept), every 2nd sampled
    const columns = [Float64Array.of(3, Number.NaN, 1), Float64Array.of(4, 1, 5, 9)];
    const keep = [Float64Array.of(0, 0, 0), Float64Array.of(0, Number.NaN, 0, 0)];
    const sample = new Float64Array(4);
    expect(native.sampleValid(columns, keep, 2, sample)).toEqual([5, 3]);
    expect([...sample.subarray(0, 3)]).toEqual([3, 4, 9]);
    const window = new Float64Array(4);
    expect(native.gatherBracket(columns, keep, 3, 5, window)).toEqual([1, 3]);
    expect([...window.subarray(0, 3)]).toEqual([3, 4, 5]);
    expect(native.gatherBracket(columns, null, 0, 100, new Float64Array(2))[1]).toBe(3);
  });
});
