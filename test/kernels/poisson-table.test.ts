/**
 * Poisson(λ) tables and draws (src/kernels/poisson-table.ts): the table's pmf and distribution
 * function against scipy 1.17.1's `scipy.stats.poisson.pmf` / `.cdf` (values printed with
 * `python3 -c "from scipy.stats import poisson; print(repr(float(poisson.pmf(k, lam))))"`), the
 * guided inversion against a plain search, and draws against the pmf by chi-square.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareSf } from '../../src/kernels/chi-square-sf.js';
import { drawPoisson, poissonInverse, poissonTable, type PoissonTable } from '../../src/kernels/poisson-table.js';
import { XoshiroState } from '../../src/kernels/xoshiro-state.js';

/** P(X = k) and P(X <= k) by the table. */
function pmf(table: PoissonTable, k: number): number {
  const j = k - table.lo;
  if (j < 0 || j >= table.cdf.length) return 0;
  return table.cdf[j] - (j > 0 ? table.cdf[j - 1] : 0);
}
function cdf(table: PoissonTable, k: number): number {
  const j = k - table.lo;
  return j < 0 ? 0 : table.cdf[Math.min(j, table.cdf.length - 1)];
}

describe('poissonTable', () => {
  it("matches scipy's pmf and cdf, from λ = 0.7 to 3.3M", () => {
    // [λ, k, pmf, cdf] from scipy.stats.poisson 1.17.1
    const scipy: [number, number, number, number][] = [
      [0.7, 0, 0.4965853037914095, 0.4965853037914095],
      [0.7, 1, 0.34760971265398666, 0.8441950164453962],
      [0.7, 2, 0.12166339942889529, 0.9658584158742916],
      [0.7, 5, 0.0006955091000685181, 0.9999099736511154],
      [30, 10, 1.522702487563506e-5, 2.2348775738450672e-5],
      [30, 30, 0.07263452647159181, 0.5483515125779114],
      [30, 50, 0.00022087848072126846, 0.9997019870181733],
      [1000, 900, 7.516954352125941e-5, 0.0006977673277963054],
      [1000, 1000, 0.01261461134870819, 0.508409367168506],
      [1000, 1100, 9.498944242302176e-5, 0.9991323590365565],
      [3_300_000, 3_295_000, 4.9670213338342184e-6, 0.0029549608070724427],
      [3_300_000, 3_300_000, 0.00021961049229163554, 0.5001464069926973],
      [3_300_000, 3_306_000, 9.414863272499347e-7, 0.9995204509086654],
    ];
    for (const [lambda, k, p, c] of scipy) {
      const table = poissonTable(lambda);
      // the pmf as a difference of the table's cdf (~1e-16 absolute, against pmfs down to 1e-6); at
      // λ = 3.3M scipy's own pmf, exp(k log λ - λ - lgamma(k + 1)) with terms of ~5e7, is good to ~5e-9
      expect(Math.abs(pmf(table, k) / p - 1)).toBeLessThan(lambda > 1e6 ? 1e-8 : 1e-11);
      expect(Math.abs(cdf(table, k) - c)).toBeLessThan(1e-12);
    }
    expect(poissonTable(3_300_000).cdf.length).toBeLessThan(40_000); // ±~9.6 sd: the mass left out is < 1e-20 per side
  });

  it('puts all of Poisson(0) at 0', () => {
    const table = poissonTable(0);
    expect(table.lo).toBe(0);
    expect(Array.from(table.cdf)).toEqual([1]);
    const rng = new XoshiroState(5);
    for (let i = 0; i < 100; i++) expect(drawPoisson(table, rng)).toBe(0);
  });

  it('finds by its guide what a plain search finds, at every edge of the cdf and of the guide slots', () => {
    for (const lambda of [0.01, 0.7, 30, 1000, 123_456.5]) {
      const table = poissonTable(lambda);
      const size = table.cdf.length;
      const plain = (u: number) => {
        let j = 0;
        while (u >= table.cdf[j]) j++;
        return table.lo + j;
      };
      const us = [0, 1 - 2 ** -53];
      for (let j = 0; j < size; j++) us.push(table.cdf[j], table.cdf[j] - 2 ** -53, Math.max(0, table.cdf[j] * (1 - 2 ** -52)));
      for (let g = 0; g <= size; g++) us.push(g / size, Math.max(0, (g + 1) / size - 2 ** -53));
      for (const u of us) if (u >= 0 && u < 1) expect(poissonInverse(table, u)).toBe(plain(u));
    }
  });

  it('draws Poisson(λ): 200,000 draws against the pmf by chi-square, λ = 0.7, 30, 1000', () => {
    const rng = new XoshiroState(11);
    for (const lambda of [0.7, 30, 1000]) {
      const table = poissonTable(lambda);
      const draws = 200_000;
      const seen = new Map<number, number>();
      for (let i = 0; i < draws; i++) {
        const k = drawPoisson(table, rng);
        seen.set(k, (seen.get(k) ?? 0) + 1);
      }
      // bins of expected count >= 20 from the low end; the rest of the mass in the last bin
      let chi2 = 0;
      let bins = 0;
      let expected = 0;
      let observed = 0;
      for (let k = table.lo; k < table.lo + table.cdf.length; k++) {
        expected += draws * pmf(table, k);
        observed += seen.get(k) ?? 0;
        if (expected >= 20 && draws * (1 - cdf(table, k)) >= 20) {
          chi2 += (observed - expected) ** 2 / expected;
          bins++;
          expected = 0;
          observed = 0;
        }
      }
      chi2 += (observed - expected) ** 2 / expected;
      bins++;
      expect(chiSquareSf(chi2, bins - 1)).toBeGreaterThan(1e-4);
      expect(bins).toBeGreaterThan(lambda > 1 ? 20 : 2);
    }
  });

  it('names the bad λ', () => {
    expect(() => poissonTable(-1)).toThrow('poissonTable: lambda must be in [0, 2^31), got -1');
    expect(() => poissonTable(Number.NaN)).toThrow('poissonTable: lambda must be in [0, 2^31), got NaN');
  });
});
