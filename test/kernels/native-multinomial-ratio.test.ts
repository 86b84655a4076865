/**
 * population_ratio's counts scheme in C (src/kernels/native/multinomial-ratio.c) gives the
 * TypeScript's bits (src/kernels/counts-ratio.ts with CONTRAIL_NATIVE_SORT=0): the same Poisson
 * tables and counts, the same draws left over and the same tail draws.
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

describe.runIf(native !== null)('multinomialRatios (C)', () => {
  it('gives the TypeScript replicates, bit for bit: n = 20, count-like data of 300k rows, a dominant pair, ranges', () => {
    const g = createRng(31);
    // ad_clicks / search_count-like: ~1,300 distinct pairs, counts from ~60k down to 1 (tables small and large, shared ones, the tail)
    const searches = Float64Array.from({ length: 300_000 }, () => Math.floor(-Math.log(1 - g.nextFloat()) * 8));
    const clicks = searches.map((s) => Math.floor(s * g.nextFloat() * g.nextFloat()));
    const small = { numerator: Float64Array.from({ length: 20 }, (_, i) => i % 5), denominator: Float64Array.from({ length: 20 }, (_, i) => 1 + (i % 2)) };
    // one pair of 90 % of the rows: most of the guide points at it
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
    // a tail without rows would leave trials with nowhere to go (and divide by zero)
    const emptyTail = () => native!.multinomialRatios(pairs, pairs, Float64Array.of(2, 0), Float64Array.of(2, 0, 0), 1, new Int32Array(0), 2, new Uint32Array(1), new Float64Array(1));
    expect(emptyTail).toThrow('multinomialRatios: tailRows must be an Int32Array of rest[tailStart] pair indices');
    // the tail's rows must point into the tail
    expect(() => native!.multinomialRatios(pairs, pairs, Float64Array.of(2, 1), rest, 1, Int32Array.of(0), 3, new Uint32Array(1), new Float64Array(1))).toThrow(
      'multinomialRatios: tailRows must hold indices of tail pairs',
    );
    // the categories' rows come from rest: it must be the counts' suffix sums
    expect(() => native!.multinomialRatios(pairs, pairs, Float64Array.of(2, 1), Float64Array.of(3, 2, 0), 2, new Int32Array(0), 3, new Uint32Array(1), new Float64Array(1))).toThrow(
      'multinomialRatios: counts must be positive and rest their suffix sums',
    );
  });
});
