import { describe, expect, it } from 'vitest';
import { ExponentialSums } from '../../src/kernels/exponential-sums.js';
import { kernelName, type NativeLanes } from '../../src/kernels/native-kernel.js';
import { createRng } from '../../src/kernels/rng.js';
import { KERNEL_LANES } from '../support/bootstrap-kernels.js';
import { ReferenceLane, addReferenceLaneSums, referenceLogf, referenceUniform } from '../support/exponential-lane-reference.js';

const SEEDS = [1, 2_654_435_761, 0, 4_294_967_295];

/** The sums for `seeds` (4, 8, 12 or 16 of them) of the kernel of `lanes` (0: WebAssembly), as [Σ w, Σ w·v] per lane. */
function kernelSums(ones: Float32Array, smallValues: Float32Array, smallCounts: Int32Array, seeds = SEEDS, lanes: 0 | NativeLanes = 0): [number, number][] {
  const out = new Float64Array(2 * seeds.length);
  const kernel = new ExponentialSums(ones, smallValues, smallCounts, lanes);
  expect(kernel.kernel).toBe(kernelName(lanes === 0 ? undefined : lanes));
  kernel.run(seeds, out);
  return seeds.map((_, l) => [out[8 * (l >> 2) + (l & 3)], out[8 * (l >> 2) + 4 + (l & 3)]]);
}

/** The reference's sums: the count-1 values, then the small counts, on one stream per lane. */
function referenceSums(ones: Float32Array, smallValues: Float32Array, smallCounts: Int32Array, seeds = SEEDS): [number, number][] {
  return seeds.map((seed) => {
    const lane = new ReferenceLane(seed);
    const sums: [number, number] = [0, 0];
    addReferenceLaneSums(lane, sums, ones);
    addReferenceLaneSums(lane, sums, smallValues, smallCounts);
    return sums;
  });
}

describe.each(KERNEL_LANES)('ExponentialSums ($name)', ({ lanes }) => {
  it('equals its scalar Math.fround reference bit for bit at n = 20, heavy-tailed, four lanes', () => {
    // values spanning 1e-6 .. 1e6 around a negative offset
    const ones = Float32Array.from({ length: 20 }, (_, i) => Math.exp(14 * Math.sin(i * 12.9898)) - 0.5);
    const none = new Float32Array(0);
    expect(kernelSums(ones, none, new Int32Array(0), SEEDS, lanes)).toEqual(referenceSums(ones, none, new Int32Array(0)));
  });

  it('equals the reference across draw blocks with counts 1 to 16 after count-1 values', () => {
    // 3,000 count-1 values and 700 tied values: the kernel refills its 512-draw buffer many times,
    // a block boundary falling inside a value's counts when a count would not fit
    const ones = Float32Array.from({ length: 3000 }, (_, i) => Math.sin(i) * 100 + i / 7);
    const smallValues = Float32Array.from({ length: 700 }, (_, i) => i * 0.25 - 30);
    const smallCounts = Int32Array.from({ length: 700 }, (_, i) => 1 + ((i * 7) % 16));
    const seeds = [11, 12, 13, 14];
    expect(kernelSums(ones, smallValues, smallCounts, seeds, lanes)).toEqual(referenceSums(ones, smallValues, smallCounts, seeds));
    // small counts alone (no count-1 values)
    const none = new Float32Array(0);
    expect(kernelSums(none, smallValues, smallCounts, seeds, lanes)).toEqual(referenceSums(none, smallValues, smallCounts, seeds));
  });

  it('gives lanes that depend only on their own seed', () => {
    const ones = Float32Array.from({ length: 50 }, (_, i) => i);
    const none = new Float32Array(0);
    const a = kernelSums(ones, none, new Int32Array(0), [5, 6, 7, 8], lanes);
    const b = kernelSums(ones, none, new Int32Array(0), [9, 6, 5, 8], lanes);
    expect(b[1]).toEqual(a[1]);
    expect(b[2]).toEqual(a[0]);
    expect(b[3]).toEqual(a[3]);
    expect(b[0]).not.toEqual(a[0]);
  });

  it('equals the reference in every lane of sixteen (four groups per call), and fewer groups alike', () => {
    const ones = Float32Array.from({ length: 1200 }, (_, i) => Math.exp(10 * Math.cos(i * 3.1)) - 2);
    const smallValues = Float32Array.from({ length: 300 }, (_, i) => i * 0.5);
    const smallCounts = Int32Array.from({ length: 300 }, (_, i) => 1 + ((i * 5) % 16));
    const seeds = Array.from({ length: 16 }, (_, l) => 7 + 1_000_003 * l);
    const reference = referenceSums(ones, smallValues, smallCounts, seeds);
    for (const groups of [1, 2, 3, 4]) {
      const some = seeds.slice(0, 4 * groups);
      expect(kernelSums(ones, smallValues, smallCounts, some, lanes)).toEqual(reference.slice(0, 4 * groups));
    }
  });
});

describe('ExponentialSums', () => {
  it('computes ln within 2 f32 ulps of Math.log, at the ends of the range and across it', () => {
    // U = |f32(x | 1)|·2^-31, x | 1 signed: x = 0 and x = 2^32 - 1 give 2^-31 (ln = -21.487562597...),
    // x = 2^31 - 1 and x = 2^31 (|1 - 2^31|) round to 1 (ln 0)
    for (const x of [0, 0xffffffff]) expect(referenceLogf(referenceUniform(x))).toBe(Math.fround(-31 * Math.LN2));
    for (const x of [0x7fffffff, 0x80000000]) expect(referenceLogf(referenceUniform(x))).toBe(0);
    // the smallest product of four uniforms, 2^-124: ln = -124 ln 2 = -85.95...
    expect(referenceLogf(2 ** -124)).toBe(Math.fround(-124 * Math.LN2));
    const rng = createRng(99);
    const f = Math.fround;
    for (let k = 0; k < 200_000; k++) {
      const u = referenceUniform(rng.nextUint32());
      // a uniform alone, and a product of four as the kernel forms it
      for (const x of [u, f(f(u * referenceUniform(rng.nextUint32())) * f(u * referenceUniform(rng.nextUint32())))]) {
        const exact = Math.log(x);
        const ulp = 2 ** (Math.floor(Math.log2(Math.max(Math.abs(exact), 2 ** -126))) - 23);
        expect(Math.abs(referenceLogf(x) - exact)).toBeLessThanOrEqual(2 * ulp);
      }
    }
  });

  it('draws independent Exponential(1) weights (Gamma(4) split by uniform spacings)', () => {
    // 400,000 draws of one lane of the kernel (a count-1 value 1 each: Σ w·v of value 1 at index i
    // alone is w_i, so the reference lane, equal to the kernel bit for bit above, is sampled here)
    const lane = new ReferenceLane(2026);
    const n = 400_000;
    const w = Float64Array.from({ length: n }, () => lane.next());
    // Kolmogorov-Smirnov against F(x) = 1 - e^-x: D·√n below 1.63, the 1 % critical value (Smirnov's limit)
    const sorted = Float64Array.from(w).sort();
    let d = 0;
    sorted.forEach((x, i) => {
      const cdf = 1 - Math.exp(-x);
      d = Math.max(d, (i + 1) / n - cdf, cdf - i / n);
    });
    expect(d * Math.sqrt(n)).toBeLessThan(1.63);
    // moments of Exp(1): mean 1, variance 1 (standard errors 1/√n and √8/√n)
    const mean = w.reduce((s, x) => s + x, 0) / n;
    const variance = w.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - 1)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(8 / n));
    // draws of one group of four are independent: the correlation of each position with the next is
    // 0 (standard error 1/√(groups)); spacings alone would give -1/3
    const groups = n / 4;
    for (const j of [0, 1, 2]) {
      let sxy = 0;
      for (let g = 0; g < groups; g++) sxy += (w[4 * g + j] - mean) * (w[4 * g + j + 1] - mean);
      expect(Math.abs(sxy / (groups - 1) / variance)).toBeLessThan(4 / Math.sqrt(groups));
    }
    // and the sum of a group is Gamma(4): variance 4
    let s2 = 0;
    for (let g = 0; g < groups; g++) s2 += (w[4 * g] + w[4 * g + 1] + w[4 * g + 2] + w[4 * g + 3] - 4 * mean) ** 2;
    expect(Math.abs(s2 / (groups - 1) - 4)).toBeLessThan(4 * Math.sqrt(4 * 4 * 8 / groups));
  });

  it('refuses counts outside 1..16, seeds not in fours, and a stale WebAssembly instance', () => {
    const one = Float32Array.of(1);
    expect(() => new ExponentialSums(one, one, Int32Array.of(17))).toThrow(/counts must be integers in 1\.\.16, got 17/);
    expect(() => new ExponentialSums(one, one, new Int32Array(2))).toThrow(/1 small-count values but 2 counts/);
    const first = new ExponentialSums(one, new Float32Array(0), new Int32Array(0), 0);
    new ExponentialSums(one, new Float32Array(0), new Int32Array(0), 0);
    expect(() => first.run(SEEDS, new Float64Array(8))).toThrow(/another kernel user was created/);
    for (const { lanes } of KERNEL_LANES) {
      const kernel = new ExponentialSums(one, new Float32Array(0), new Int32Array(0), lanes);
      expect(() => kernel.run([1, 2, 3], new Float64Array(8))).toThrow(/run takes 4, 8, 12 or 16 seeds and 8 sums per four, got 3 seeds and 8 sums/);
      expect(() => kernel.run(new Array(20).fill(1), new Float64Array(40))).toThrow(/got 20 seeds/);
      expect(() => kernel.run(SEEDS.concat(SEEDS), new Float64Array(8))).toThrow(/got 8 seeds and 8 sums/);
    }
  });
});
