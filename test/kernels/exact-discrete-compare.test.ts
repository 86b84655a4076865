import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareDiscreteDistributions } from '../../src/kernels/exact-discrete-compare.js';
import { quantileSorted } from '../../src/kernels/quantile-sorted.js';
import deciles from '../../src/statistics/deciles.js';
import { exponential, type TruthRows } from '../support/exact-fixtures.js';
import { rowOf, runPerBranch } from '../statistics/run-per-branch.js';

const truth = JSON.parse(readFileSync(new URL('../support/exact-bootstrap-truth.json', import.meta.url), 'utf8')) as {
  deciles: Record<string, TruthRows>;
};

/** The full |A| x |B| convolution, sorted with its cumulative mass (the brute-force oracle). */
function bruteQuantile(pairs: [number, number][], p: number): number {
  pairs.sort((x, y) => x[0] - y[0]);
  let c = 0;
  for (const [v, m] of pairs) {
    c += m;
    if (c >= p - 1e-12) return v;
  }
  return pairs[pairs.length - 1][0];
}

describe('compareDiscreteDistributions', () => {
  it('matches the brute-force convolution on small supports', () => {
    const b = { values: Float64Array.of(1, 2.5, 4, 7), probabilities: Float64Array.of(0.1, 0.4, 0.3, 0.2) };
    const a = { values: Float64Array.of(0.5, 2, 3), probabilities: Float64Array.of(0.3, 0.3, 0.4) };
    const copy = [a.values.slice(), b.values.slice()];
    const diff: [number, number][] = [];
    const rel: [number, number][] = [];
    let meanRel = 0;
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 4; j++) {
        const m = a.probabilities[i] * b.probabilities[j];
        diff.push([b.values[j] - a.values[i], m]);
        rel.push([b.values[j] / a.values[i] - 1, m]);
        meanRel += m * (b.values[j] / a.values[i] - 1);
      }
    }
    const r = compareDiscreteDistributions(b, a, 0.8);
    // E[B] = 0.1 + 1.0 + 1.2 + 1.4 = 3.7, E[A] = 0.15 + 0.6 + 1.2 = 1.95
    expect(r.difference.point).toBeCloseTo(1.75, 14);
    expect(r.difference.lower).toBe(bruteQuantile(diff, 0.1));
    expect(r.difference.upper).toBe(bruteQuantile(diff, 0.9));
    expect(r.relativeUplift.point).toBeCloseTo(meanRel, 14);
    expect(r.relativeUplift.lower).toBeCloseTo(bruteQuantile(rel, 0.1), 14);
    expect(r.relativeUplift.upper).toBeCloseTo(bruteQuantile(rel, 0.9), 14);
    expect([a.values, b.values]).toEqual(copy);
  });

  it('gives a null-bound relative row for a reference with an atom at 0, as B / 0 does', () => {
    const b = { values: Float64Array.of(1, 2), probabilities: Float64Array.of(0.5, 0.5) };
    const a = { values: Float64Array.of(0, 1), probabilities: Float64Array.of(0.5, 0.5) };
    const r = compareDiscreteDistributions(b, a, 0.95);
    expect(r.relativeUplift.point).toBeNaN();
    expect(r.difference.point).toBeCloseTo(1, 15);
    // an atom at 0 of probability 1e-12 (no Monte Carlo run would draw it) is left out: B / 1 - 1
    const rare = { values: Float64Array.of(0, 1), probabilities: Float64Array.of(1e-12, 1 - 1e-12) };
    const kept = compareDiscreteDistributions(b, rare, 0.5);
    expect(kept.relativeUplift.point).toBeCloseTo(0.5, 12);
    expect(kept.relativeUplift.lower).toBe(0);
    expect(kept.relativeUplift.upper).toBe(1);
  });
});

describe('deciles exact against a large Monte Carlo of the same scheme', () => {
  // Truth: test/support/exact-bootstrap-truth.py, 200,000 Binomial-index replicates per branch and
  // decile (endpoint noise at most 0.19 % of the width). The difference of two n = 2000 deciles has
  // atoms far denser than that noise, so the 0.5 % tolerance of the continuous case applies.
  const rows = runPerBranch(deciles, { method: 'exact' }, { reference: exponential(2000, 1.0, 0), focus: exponential(2000, 1.1, 0) });
  for (const q of [0.1, 0.5, 0.9]) {
    it(`decile ${q}: difference and relative_uplift within 0.5 % of the width`, () => {
      const t = truth.deciles[String(q)];
      for (const [row, s] of [
        [rowOf(rows, 'focus', 'difference', 'reference', q), t.difference],
        [rowOf(rows, 'focus', 'relative_uplift', 'reference', q), t.relativeUplift],
      ] as const) {
        const width = s.upper - s.lower;
        for (const key of ['point', 'lower', 'upper'] as const) expect(Math.abs(row[key]! - s[key]) / width, key).toBeLessThan(0.005);
      }
      // per branch: the mean is exact (Monte Carlo se ≤ 0.15 % of the width: 4 se), the bounds are atoms
      // (see order-statistic-distribution.test.ts), within one atom of Monte Carlo's interpolated bounds
      const focus = rowOf(rows, 'focus', null, null, q);
      expect(Math.abs(focus.point! - t.focus.point)).toBeLessThan(4 * t.focus.pointSe);
      const sorted = exponential(2000, 1.1, 0);
      const atom = (x: number) => sorted.findIndex((v) => v === x);
      expect(atom(focus.lower!)).toBeGreaterThanOrEqual(0);
      expect(Math.abs(focus.lower! - t.focus.lower)).toBeLessThanOrEqual(sorted[atom(focus.lower!) + 1] - sorted[atom(focus.lower!) - 1]);
      expect(quantileSorted(sorted, q)).toBeGreaterThan(focus.lower!);
    });
  }
});
