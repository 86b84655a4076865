/**
 * The C kernels' log, log1p and exp (src/kernels/native/fdlibm.c) have V8's bits: Math.log,
 * Math.log1p and Math.exp are the reference, over every binade, subnormals, the special values and the
 * ranges the binomial draws use.
 */
import { describe, expect, it } from 'vitest';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { createRng } from '../../src/kernels/rng.js';

const native = nativeSort();

describe.runIf(native !== null)('fdlibm (C)', () => {
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

  it('names what it expects', () => {
    const xs = Float64Array.of(1, 2);
    expect(() => native!.fdlibm('sin' as 'log', xs, xs)).toThrow("fdlibm: expected 'log', 'log1p' or 'exp', then two Float64Arrays of one length");
    expect(() => native!.fdlibm('log', xs, new Float64Array(1))).toThrow("fdlibm: expected 'log', 'log1p' or 'exp', then two Float64Arrays of one length");
  });
});
