/**
 * uniformIndices (Lemire's exact bounded integers) and fieldIndices (three 10-bit fields a draw) on
 * the stream XoshiroState.nextUint32 gives, the state left where the method calls would leave it.
 */
import { describe, expect, it } from 'vitest';
import { fieldIndices, uniformIndices } from '../../src/kernels/uniform-indices.js';
import { XoshiroState } from '../../src/kernels/xoshiro-state.js';

/** The textbook form (Lemire 2019, algorithm 3, as 64-bit arithmetic in BigInt) through nextUint32. */
function reference(rng: XoshiroState, size: number, count: number): number[] {
  const out: number[] = [];
  const s = BigInt(size);
  const threshold = (2n ** 32n - s) % s;
  while (out.length < count) {
    const m = BigInt(rng.nextUint32()) * s;
    if ((m & 0xffffffffn) >= threshold) out.push(Number(m >> 32n));
  }
  return out;
}

describe('uniformIndices', () => {
  it('uniformIndices gives the reference draws and leaves the stream where it would be, rejection included', () => {
    // 3 x 2^29 + 1 rejects a quarter of the 32-bit draws; 1 and 2^31 never reject
    for (const size of [1, 3, 1000, 1023, 3 * 2 ** 29 + 1, 2 ** 31]) {
      const a = new XoshiroState(size % 97);
      const b = new XoshiroState(size % 97);
      const out = new Int32Array(500);
      uniformIndices(a, size, out, 500);
      const expected = reference(b, size, 500);
      expect(Array.from(out)).toEqual(expected);
      expect([a.a, a.b, a.c, a.d]).toEqual([b.a, b.b, b.c, b.d]);
      expect(expected.every((v) => v >= 0 && v < size)).toBe(true);
    }
  });

  it('draws each of five values about a fifth of the time (chi-square, 4 df)', () => {
    const rng = new XoshiroState(7);
    const out = new Int32Array(100_000);
    uniformIndices(rng, 5, out, out.length);
    const counts = [0, 0, 0, 0, 0];
    for (const v of out) counts[v]++;
    const chi2 = counts.reduce((s, c) => s + (c - 20_000) ** 2 / 20_000, 0);
    // chi-square with 4 df: 18.47 is its 0.999 quantile (scipy.stats.chi2.ppf(0.999, 4) = 18.4668)
    expect(chi2).toBeLessThan(18.47);
  });

  it('fieldIndices gives the top, middle and low 10-bit fields of each draw, in order, and draws no more than it uses', () => {
    for (const count of [1, 2, 3, 4, 1000]) {
      const a = new XoshiroState(count);
      const b = new XoshiroState(count);
      const out = new Int32Array(count);
      fieldIndices(a, out, count);
      const expected: number[] = [];
      while (expected.length < count) {
        const u = b.nextUint32();
        expected.push(u >>> 22, (u >>> 12) & 1023, (u >>> 2) & 1023);
      }
      expect(Array.from(out)).toEqual(expected.slice(0, count));
      expect([a.a, a.b, a.c, a.d]).toEqual([b.a, b.b, b.c, b.d]);
    }
  });
});
