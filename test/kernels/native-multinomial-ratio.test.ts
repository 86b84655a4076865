/**
 * population_ratio's counts scheme in C (src/kernels/native/multinomial-ratio.c, with fdlibm.c) gives
 * the TypeScript's bits (src/kernels/ratio-bootstrap.ts with CONTRAIL_NATIVE_SORT=0): the same
 * binomials (BTRS and inversion, p above and below 1/2), the same tail draws, the same V8 logarithms.
 */
import { describe, expect, it } from 'vitest';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { bootstrapRatioOfSums, type RatioBootstrapInput } from '../../src/kernels/ratio-bootstrap.js';
import { createRng } from '../../src/kernels/rng.js';

const native = nativeSort();

/** The replicates of the TypeScript path (the addon switched off) and of the C path. */
function bothPaths(input: RatioBootstrapInput): [typescript: Float64Array, c: Float64Array] {
  process.env.CONTRAIL_NATIVE_SORT = '0';
  let typescript: Float64Array;
  try {
    typescript = bootstrapRatioOfSums(input);
  } finally {
    delete process.env.CONTRAIL_NATIVE_SORT;
  }
  return [typescript, bootstrapRatioOfSums(input)];
}

describe.runIf(native !== null)('multinomialRatios (C)', () => {
  it('computes log, log1p and exp with the bits of V8 Math.log, Math.log1p and Math.exp', () => {
    const rng = createRng(2026);
    const u = () => rng.nextFloat();
    const ranges = {
      // every binade of the doubles, subnormals, near 1, and the ranges the binomials use
      log: [() => Math.exp((u() - 0.5) * 1400), () => u() * 1e-310, () => 1 + (u() - 0.5) * 1e-5, () => u(), () => u() * 1e6],
      // both sides of the reduction's thresholds (-0.2929, 0.41422), tiny arguments, large ones
      log1p: [() => (u() - 0.5) * 1e-3, () => u() * 2 - 1, () => -0.2929 + (u() - 0.5) * 1e-4, () => 0.41422 + (u() - 0.5) * 1e-4, () => (u() - 0.5) * 1e-9, () => Math.exp((u() - 0.5) * 1400)],
      // past over- and underflow, around ±ln 2 / 2 and ±3 ln 2 / 2, tiny, and inversion's -n p
      exp: [() => (u() - 0.5) * 1500, () => (u() - 0.5) * 2, () => -u() * 20, () => (u() - 0.5) * 1e-8, () => (u() - 0.5) * 60],
    };
    for (const [name, draws] of Object.entries(ranges) as ['log' | 'log1p' | 'exp', (() => number)[]][]) {
      const xs = Float64Array.from({ length: 200_000 }, (_, i) => draws[i % draws.length]());
      xs.set([0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324]);
      const out = new Float64Array(xs.length);
      native!.fdlibm(name, xs, out);
      const mismatches = xs.filter((x, i) => !Object.is(out[i], Math[name](x)));
      expect({ name, mismatches: Array.from(mismatches.subarray(0, 5)) }).toEqual({ name, mismatches: [] });
    }
  });

  it('gives the TypeScript replicates, bit for bit: n = 20, count-like data of 300k rows, a dominant pair, ranges', () => {
    const g = createRng(31);
    // ad_clicks / search_count-like: ~1,300 distinct pairs, counts from ~60k down to 1 (BTRS, inversion and the tail)
    const searches = Float64Array.from({ length: 300_000 }, () => Math.floor(-Math.log(1 - g.nextFloat()) * 8));
    const clicks = searches.map((s) => Math.floor(s * g.nextFloat() * g.nextFloat()));
    const small = { numerator: Float64Array.from({ length: 20 }, (_, i) => i % 5), denominator: Float64Array.from({ length: 20 }, (_, i) => 1 + (i % 2)) };
    // one pair of 90 % of the rows: its binomial has p > 1/2 (drawn as n - Binomial(n, 1 - p))
    const dominant = {
      numerator: Float64Array.from({ length: 50_000 }, (_, i) => (i % 10 === 0 ? i % 7 : 1)),
      denominator: Float64Array.from({ length: 50_000 }, (_, i) => (i % 10 === 0 ? 1 + (i % 3) : 2)),
    };
    const cases: RatioBootstrapInput[] = [
      { ...small, numSamples: 500, seed: 12, scheme: 'counts' },
      { numerator: clicks, denominator: searches, numSamples: 300, seed: 7 },
      { ...dominant, numSamples: 300, seed: 8 },
      { numerator: clicks, denominator: searches, numSamples: 10_000, seed: 7, first: 9_990, count: 10 },
    ];
    for (const input of cases) {
      const [typescript, c] = bothPaths(input);
      expect(c).toEqual(typescript);
    }
  });

  it('checks its arguments', () => {
    const pairs = Float64Array.of(1, 2);
    const rest = Float64Array.of(3, 1, 0);
    const call = (tailRows: Int32Array, n: number, out = new Float64Array(1)) =>
      native!.multinomialRatios(pairs, pairs, Float64Array.of(2, 1), rest, 2, tailRows, n, new Uint32Array(1), out);
    expect(() => call(new Int32Array(0), 3)).not.toThrow();
    expect(() => call(new Int32Array(0), 4)).toThrow('multinomialRatios: n must be the number of rows, rest[0]');
    expect(() => call(new Int32Array(1), 3)).toThrow('multinomialRatios: tailRows must be an Int32Array of rest[tailStart] pair indices');
    expect(() => call(new Int32Array(0), 3, new Float64Array(2))).toThrow('multinomialRatios: seeds must be a Uint32Array and out a Float64Array as long');
    expect(() => native!.fdlibm('sin' as 'log', pairs, pairs)).toThrow("fdlibm: expected 'log', 'log1p' or 'exp', then two Float64Arrays of one length");
  });
});
