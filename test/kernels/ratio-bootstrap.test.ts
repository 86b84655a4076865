import { describe, expect, it } from 'vitest';
import { bootstrapRatioOfSums } from '../../src/kernels/ratio-bootstrap.js';
import { chiSquareSf } from '../../src/kernels/chi-square-sf.js';
import { logGamma } from '../../src/kernels/log-gamma.js';
import { createRng, streamRng } from '../../src/kernels/rng.js';

/**
 * The replicates' draws in a set, K = round(replicate x n), against Binomial(n, p) by chi-square:
 * bins of expected count >= 20 from k = 0 up, the right tail's remainder in the last bin; df = bins -
 * 1. A fixed seed, so the p-value is one number: above 1e-4 for a uniform draw.
 */
function expectBinomialDraws(reps: Float64Array, n: number, p: number): void {
  const B = reps.length;
  const observed = new Map<number, number>();
  for (const v of reps) {
    const k = Math.round(v * n);
    observed.set(k, (observed.get(k) ?? 0) + 1);
  }
  const pmf = (k: number) => Math.exp(logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1) + k * Math.log(p) + (n - k) * Math.log1p(-p));
  const bins: { expected: number; observed: number }[] = [];
  let current = { expected: 0, observed: 0 };
  for (let k = 0; k <= n; k++) {
    current.expected += B * pmf(k);
    current.observed += observed.get(k) ?? 0;
    if (current.expected >= 20) {
      bins.push(current);
      current = { expected: 0, observed: 0 };
    }
  }
  bins[bins.length - 1].expected += current.expected;
  bins[bins.length - 1].observed += current.observed;
  const chi2 = bins.reduce((a, b) => a + (b.observed - b.expected) ** 2 / b.expected, 0);
  expect(chiSquareSf(chi2, bins.length - 1)).toBeGreaterThan(1e-4);
  expect(bins.length).toBeGreaterThan(20);
}

describe('bootstrapRatioOfSums', () => {
  const rng = createRng(5);
  const n = 400;
  const numerator = Float64Array.from({ length: n }, () => rng.nextFloat() * 3);
  const denominator = Float64Array.from({ length: n }, () => 1 + rng.nextFloat());

  it('is reproducible per replicate and splits into ranges', () => {
    const copies = [Float64Array.from(numerator), Float64Array.from(denominator)];
    const all = bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 9 });
    const again = bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 9 });
    const tail = bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 9, first: 20, count: 30 });
    expect(again).toEqual(all);
    expect(tail).toEqual(all.subarray(20));
    expect(bootstrapRatioOfSums({ numerator, denominator, numSamples: 50, seed: 10 })).not.toEqual(all);
    expect([numerator, denominator]).toEqual(copies);
  });

  it('has the delta-method spread of a ratio estimator', () => {
    const b = 2000;
    const reps = bootstrapRatioOfSums({ numerator, denominator, numSamples: b, seed: 1 });
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      sn += numerator[i];
      sd += denominator[i];
    }
    const r = sn / sd;
    let ss = 0;
    for (let i = 0; i < n; i++) ss += (numerator[i] - r * denominator[i]) ** 2;
    // linearisation (Cochran 1977, ratio estimator): se(R) ≈ sqrt(Σ (num - R den)²) / Σ den
    const se = Math.sqrt(ss) / sd;
    const mean = reps.reduce((a, v) => a + v, 0) / b;
    const sdReps = Math.sqrt(reps.reduce((a, v) => a + (v - mean) ** 2, 0) / (b - 1));
    // Monte Carlo: the mean is within 4 standard errors se/sqrt(B) of R (+ the O(1/n) ratio bias);
    // the SD of B = 2000 replicates has relative standard error 1/sqrt(2B) = 1.6 %: allow 4 sigma
    expect(Math.abs(mean - r)).toBeLessThan((4 * se) / Math.sqrt(b) + se * se);
    expect(Math.abs(sdReps / se - 1)).toBeLessThan(0.064);
  });

  it('splits into ranges with the counts scheme too, and never writes its inputs', () => {
    const num = Float64Array.from({ length: 300 }, (_, i) => i % 4);
    const den = Float64Array.from({ length: 300 }, (_, i) => 1 + (i % 3));
    const copies = [Float64Array.from(num), Float64Array.from(den)];
    // twelve pairs of 25 rows, all in the tail: forced (auto would pick blocks)
    const all = bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 40, seed: 3, scheme: 'counts' });
    const tail = bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 40, seed: 3, first: 25, count: 15, scheme: 'counts' });
    expect(tail).toEqual(all.subarray(25));
    // row order does not matter: the distinct pairs are sorted
    const reversed = bootstrapRatioOfSums({
      numerator: num.slice().reverse(),
      denominator: den.slice().reverse(),
      numSamples: 40,
      seed: 3,
      scheme: 'counts',
    });
    expect(reversed).toEqual(all);
    expect([num, den]).toEqual(copies);
  });

  // A straightforward reference: n indices floor(U n) with 53-bit U from streamRng(seed, r), as
  // mozanalysis draws them (numpy randint per replicate).
  function reference(num: Float64Array, den: Float64Array, b: number, seed: number): Float64Array {
    const out = new Float64Array(b);
    for (let r = 0; r < b; r++) {
      const rng = streamRng(seed, r);
      let sn = 0;
      let sd = 0;
      for (let i = 0; i < num.length; i++) {
        const j = Math.floor(rng.nextFloat() * num.length);
        sn += num[j];
        sd += den[j];
      }
      out[r] = sn / sd;
    }
    return out;
  }

  function stats(x: Float64Array) {
    const mean = x.reduce((a, v) => a + v, 0) / x.length;
    const variance = x.reduce((a, v) => a + (v - mean) ** 2, 0) / (x.length - 1);
    const sorted = Float64Array.from(x).sort();
    return { mean, variance, sorted };
  }

  it('agrees in distribution with plain index resampling, both schemes, at n = 20, on heavy-tailed data and with a mass of (0, 0) rows', () => {
    // Different sampling schemes of the same resampling distribution: means within 5 Monte Carlo
    // standard errors of a difference, 5 sqrt(2 Var / B); variances within 5 sqrt(2 / B) x 2
    // (kurtosis slack); 2.5 % and 97.5 % quantiles within 5 sqrt(2 q (1 - q) / B) / f(x_q), with f
    // from the reference's own order statistics.
    const B = 20_000;
    const g = createRng(77);
    const small = {
      num: Float64Array.from({ length: 20 }, (_, i) => i % 5),
      den: Float64Array.from({ length: 20 }, (_, i) => 1 + (i % 2)),
    };
    const heavy = {
      num: Float64Array.from({ length: 3000 }, () => Math.floor(1 / (1 - g.nextFloat()) ** 1.5)),
      den: Float64Array.from({ length: 3000 }, () => 1 + Math.floor(g.nextFloat() * 7)),
    };
    // a fifth of the rows (0, 0), as clients without activity: a heavy pair in the blocks scheme
    const zeros = {
      num: Float64Array.from({ length: 3000 }, (_, i) => (g.nextFloat() < 0.2 ? 0 : (1 - g.nextFloat()) ** -0.8)),
      den: new Float64Array(3000),
    };
    for (let i = 0; i < 3000; i++) zeros.den[i] = zeros.num[i] === 0 ? 0 : 1 + Math.floor(g.nextFloat() * 7);
    for (const { num, den } of [small, heavy, zeros]) {
      const ref = stats(reference(num, den, B, 11));
      for (const scheme of ['counts', 'blocks'] as const) {
        const got = stats(bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: B, seed: 12, scheme }));
        expect(Math.abs(got.mean - ref.mean)).toBeLessThan(5 * Math.sqrt((2 * ref.variance) / B));
        expect(Math.abs(got.variance / ref.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / B) * 2);
        for (const q of [0.025, 0.975]) {
          const at = Math.floor(q * B);
          const h = Math.floor(0.01 * B);
          const rs = ref.sorted;
          const density = (2 * h) / B / (rs[Math.min(B - 1, at + h)] - rs[Math.max(0, at - h)]);
          const se = Math.sqrt((2 * q * (1 - q)) / B) / density;
          expect(Math.abs(got.sorted[at] - rs[at])).toBeLessThan(5 * se);
        }
      }
    }
  });

  it('picks the counts scheme for few distinct pairs (same replicates as forcing it)', () => {
    const num = Float64Array.from({ length: 800 }, (_, i) => i % 5); // 160 rows a pair: below the blocks scheme's heavy pairs
    const den = Float64Array.from({ length: 800 }, () => 1);
    const auto = bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 30, seed: 4 });
    expect(auto).toEqual(bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 30, seed: 4, scheme: 'counts' }));
    expect(auto).not.toEqual(bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 30, seed: 4, scheme: 'blocks' }));
  });

  it('picks the blocks scheme for many pairs of few rows each (the counts scheme would draw every row from its tail)', () => {
    // 20,000 pairs of ~10 rows (<= n / 8 distinct, all below the tail's 32 rows, so every row in the
    // tail): the counts scheme's replicate would be ~20 ns a tail row, the blocks scheme's ~1 ns a row
    const g = createRng(9);
    const num = Float64Array.from({ length: 200_000 }, () => Math.floor(g.nextFloat() * 4000) / 100);
    const den = Float64Array.from({ length: 200_000 }, () => 1 + Math.floor(g.nextFloat() * 5));
    const auto = bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 5, seed: 2 });
    expect(auto).toEqual(bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 5, seed: 2, scheme: 'blocks' }));
    expect(auto).not.toEqual(bootstrapRatioOfSums({ numerator: num, denominator: den, numSamples: 5, seed: 2, scheme: 'counts' }));
  });

  it('draws uniform rows with the blocks scheme: the number of draws in a set of rows is Binomial(n, |S| / n)', () => {
    // Resampling n rows uniformly puts K ~ Binomial(n, |S| / n) draws in any set S of rows. Numerator
    // 1 on S; denominator 1 on the first 1,200 rows (so their pairs, (1, 1) and (0, 1), are heavy:
    // drawn as one count each, both in most sets), else 1 + r 2^-30 (distinct: drawn row by row in
    // blocks). A replicate is K / Σ den, with n <= Σ den < n (1 + 3e-6), so K = round(replicate x
    // n). n = 2500: heavy pairs, then the 1,300 light rows in one block of 1,024 and one partial
    // block. The sets test the top bit of each 10-bit row field, the low bit, a middle pair of bits,
    // and rows across the blocks.
    const n = 2500;
    const B = 20_000;
    const sets: ((r: number) => boolean)[] = [
      (r) => r % 1024 < 512,
      (r) => r % 2 === 1,
      (r) => ((r >> 5) & 3) === 0,
      (r) => (r >= 1000 && r < 1100) || r >= 2400,
    ];
    const denominator = Float64Array.from({ length: n }, (_, r) => (r < 1200 ? 1 : 1 + r * 2 ** -30));
    for (const [s, inSet] of sets.entries()) {
      const numerator = Float64Array.from({ length: n }, (_, r) => (inSet(r) ? 1 : 0));
      const size = numerator.reduce((a, v) => a + v, 0);
      const reps = bootstrapRatioOfSums({ numerator, denominator, numSamples: B, seed: 100 + s, scheme: 'blocks' });
      expectBinomialDraws(reps, n, size / n);
    }
  });

  it('draws rows in proportion with the counts scheme: the number of draws in a set of pairs is Binomial(n, |S| / n)', () => {
    // 60 pairs of 150 x 0.92^j rows (at least 1): the first 20 have 32+ rows (a Poisson count each,
    // some sharing a table), the rest form the tail; pair j's denominator 1 + j 2^-30 keeps the pairs
    // distinct and a replicate K / Σ den, so K = round(replicate x n) as above
    const counts = Array.from({ length: 60 }, (_, j) => Math.max(1, Math.round(150 * 0.92 ** j)));
    const n = counts.reduce((a, c) => a + c, 0);
    const pairOf = Int32Array.from(counts.flatMap((c, j) => Array<number>(c).fill(j)));
    const denominator = Float64Array.from(pairOf, (j) => 1 + j * 2 ** -30);
    const sets: ((j: number) => boolean)[] = [(j) => j === 0, (j) => j % 2 === 1, (j) => j >= 20, (j) => [2, 7, 30, 45].includes(j)];
    for (const [s, inSet] of sets.entries()) {
      const numerator = Float64Array.from(pairOf, (j) => (inSet(j) ? 1 : 0));
      const size = numerator.reduce((a, v) => a + v, 0);
      const reps = bootstrapRatioOfSums({ numerator, denominator, numSamples: 20_000, seed: 200 + s, scheme: 'counts' });
      expectBinomialDraws(reps, n, size / n);
    }
  });
});
