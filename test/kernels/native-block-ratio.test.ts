/**
 * population_ratio's blocks scheme in C (src/kernels/native/block-ratio.c) gives the TypeScript's
 * bits (src/kernels/block-ratio.ts with CONTRAIL_NATIVE_SORT=0): the same Poisson block counts,
 * the same row fields and Lemire draws, the same sums, whatever the replicate range.
 */
import { describe, expect, it } from 'vitest';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { bootstrapRatioOfSums, type RatioBootstrapInput } from '../../src/kernels/ratio-bootstrap.js';
import { createRng } from '../../src/kernels/rng.js';
import { typescriptThenNative } from '../support/native-sort-flag.js';

const native = nativeSort();

/** The replicates of the TypeScript path (the addon switched off) and of the C path. */
function bothPaths(input: RatioBootstrapInput): [typescript: Float64Array, c: Float64Array] {
  return typescriptThenNative(() => bootstrapRatioOfSums(input));
}

describe.runIf(native !== null)('blockRatios (C)', () => {
  it('gives the TypeScript replicates, bit for bit: one row, one partial block, whole blocks, a partial last block, ranges', () => {
    const g = createRng(41);
    // heavy-tailed numerators (Pareto, shape 1.2), denominators 0..7 like days_of_use
    const columns = (n: number) => ({
      numerator: Float64Array.from({ length: n }, () => (1 - g.nextFloat()) ** (-1 / 1.2)),
      denominator: Float64Array.from({ length: n }, () => Math.floor(g.nextFloat() * 8)),
    });
    // 71, 130 and 603 replicates: one chunk of 256 or less (fours, then three, or a pair), or two
    // whole chunks and 91 (fours and three)
    for (const n of [1, 2, 20, 1023, 1024, 1025, 2048, 3000, 100_003]) {
      const [typescript, c] = bothPaths({ ...columns(n), numSamples: n > 10_000 ? 71 : n > 1024 ? 603 : 130, seed: n, scheme: 'blocks' });
      expect(c).toEqual(typescript);
    }
    // heavy pairs: a fifth of the rows (0, 0), a tenth (1, 2), ~2 % (3, 1), the rest distinct (at
    // 300 rows none is heavy, at 5,000 the first two, at 60,001 all three)
    const zeroHeavy = (n: number) => {
      const c = columns(n);
      for (let i = 0; i < n; i++) {
        const u = g.nextFloat();
        if (u < 0.2) [c.numerator[i], c.denominator[i]] = [0, 0];
        else if (u < 0.3) [c.numerator[i], c.denominator[i]] = [1, 2];
        else if (u < 0.32) [c.numerator[i], c.denominator[i]] = [3, 1];
      }
      return c;
    };
    for (const n of [300, 5000, 60_001]) {
      const [typescript, c] = bothPaths({ ...zeroHeavy(n), numSamples: 71, seed: n + 1, scheme: 'blocks' });
      expect(c).toEqual(typescript);
    }
    const big = columns(50_000);
    const [typescript, c] = bothPaths({ ...big, numSamples: 10_000, seed: 3, first: 9_931, count: 69, scheme: 'blocks' });
    expect(c).toEqual(typescript);
    expect(bootstrapRatioOfSums({ ...big, numSamples: 10_000, seed: 3, first: 9_990, count: 10, scheme: 'blocks' })).toEqual(c.subarray(59));
  });

  it('checks its arguments', () => {
    const x = Float64Array.of(1, 2, 3);
    const none = new Float64Array(0);
    const call = (y: Float64Array, blockRows: number, n = 3, out = new Float64Array(1), heavyCounts = none, avx: unknown = true) =>
      native!.blockRatios(
        x, y, new Float64Array(heavyCounts.length), new Float64Array(heavyCounts.length), heavyCounts, n, blockRows, new Uint32Array(1), out, avx as boolean,
      );
    expect(() => call(Float64Array.of(1, 1, 1), 1024)).not.toThrow();
    expect(() => call(Float64Array.of(1, 1, 1), 1024, 303, new Float64Array(1), Float64Array.of(300))).not.toThrow();
    expect(() => call(Float64Array.of(1, 1), 1024)).toThrow('blockRatios: x and y must be Float64Arrays of one length');
    expect(() => native!.blockRatios(x, x, Float64Array.of(0), none, Float64Array.of(300), 303, 1024, new Uint32Array(1), new Float64Array(1), true)).toThrow(
      'blockRatios: heavyX, heavyY and heavyCounts must be Float64Arrays of one length',
    );
    expect(() => call(Float64Array.of(1, 1, 1), 1024, 4)).toThrow("blockRatios: n must be the number of rows, x's length plus the heavy counts, in [1, 2^31)");
    expect(() => call(Float64Array.of(1, 1, 1), 1024, 3.5, new Float64Array(1), Float64Array.of(0.5))).toThrow('blockRatios: heavyCounts must be positive integers');
    expect(() => call(Float64Array.of(1, 1, 1), 2048)).toThrow("blockRatios: blockRows must be 1024, block-ratio.ts's BLOCK_ROWS; rebuild the addon");
    expect(() => call(Float64Array.of(1, 1, 1), 1024, 3, new Float64Array(2))).toThrow('blockRatios: seeds must be a Uint32Array and out a Float64Array as long');
    expect(() => call(Float64Array.of(1, 1, 1), 1024, 3, new Float64Array(1), none, 1)).toThrow('blockRatios: avx must be a boolean');
  });

  it('gives the same bits by its SSE2 and its AVX full blocks: every lane count, draws per lane unequal, heavy pairs', () => {
    const g = createRng(43);
    for (const [light, heavy, replicates] of [[1024, 0, 1], [3 * 1024, 0, 7], [20_000, 2, 130], [100_003, 1, 71]]) {
      const x = Float64Array.from({ length: light }, () => -Math.log(1 - g.nextFloat()) * 10);
      const y = Float64Array.from({ length: light }, () => 1 + Math.floor(g.nextFloat() * 7));
      const heavyCounts = Float64Array.from({ length: heavy }, (_, k) => 5000 - 1000 * k);
      const n = light + heavyCounts.reduce((a, b) => a + b, 0);
      const seeds = Uint32Array.from({ length: replicates }, (_, r) => 977 * r + light);
      const replicatesBy = (avx: boolean) => {
        const out = new Float64Array(replicates);
        native!.blockRatios(x, y, new Float64Array(heavy), Float64Array.from({ length: heavy }, (_, k) => k + 1), heavyCounts, n, 1024, seeds, out, avx);
        return out;
      };
      const sse2 = replicatesBy(false);
      expect(replicatesBy(true)).toEqual(sse2);
      expect(sse2.every(Number.isFinite)).toBe(true);
    }
  });
});
