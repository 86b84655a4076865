import { describe, expect, it } from 'vitest';
import { sampleBinomial } from '../../src/kernels/binomial-sample.js';
import { createRng } from '../../src/kernels/rng.js';

// [n, p, bin edges e (scipy.stats.binom.ppf(0.1..0.9, n, p), deduplicated),
//  bin probabilities diff([0, scipy.stats.binom.cdf(e, n, p), 1]) for bins (-inf, e1], (e1, e2], ..., (e_last, inf)]
const cases: [number, number, number[], number[]][] = [
  [100000000, 0.3, [29994127, 29996143, 29997597, 29998839, 30000000, 30001161, 30002403, 30003857, 30005873], [0.10001011977127057, 0.10000896990697793, 0.10003048654933483, 0.09999634384052769, 0.10000341185917838, 0.09999957416024241, 0.09998472608404074, 0.10001074370235707, 0.09998051866608193, 0.09997510545998844]],
  [1000, 0.005, [2, 3, 4, 5, 6, 7, 8], [0.12401961723200054, 0.1403027862271347, 0.1757310023473032, 0.17590761642001662, 0.14658968035001219, 0.10460168145578774, 0.0652446417623096, 0.06760297420543537]],
  [50, 0.7, [31, 32, 33, 34, 35, 36, 37, 38, 39], [0.14055987638889428, 0.077247062000668, 0.09831444254630467, 0.11470018297068874, 0.12234686183540167, 0.11894833789552917, 0.10501745147533215, 0.08382972003732647, 0.06018544002679849, 0.07885062482305638]],
  [20, 0.5, [7, 8, 9, 10, 11, 12, 13], [0.13158798217773438, 0.12013435363769531, 0.16017913818359375, 0.17619705200195312, 0.16017913818359375, 0.12013435363769531, 0.0739288330078125, 0.057659149169921875]],
  [100000000, 2e-8, [0, 1, 2, 3, 4], [0.135335280529907, 0.27067056690063246, 0.27067056875252415, 0.18044704611995388, 0.09022352215774188, 0.05265301553924062]],
  [99999999, 0.9, [89996154, 89997474, 89998426, 89999239, 89999999, 90000759, 90001572, 90002524, 90003844], [0.10000820745245542, 0.10001276938493409, 0.1000375351013083, 0.09998225059658977, 0.09999469900056862, 0.09999466325781792, 0.09998167461285346, 0.10003462114728401, 0.10000218871522237, 0.09995139073096604]],
  // n·p of 15 to 100: BTRS's ratio f(k)/f(m) by successive ratios within 15 of the mode, by logarithms beyond
  [1000, 0.05, [41, 44, 46, 48, 50, 52, 54, 56, 59], [0.10629617073627556, 0.10838675124963482, 0.0968520278942393, 0.11047888898592817, 0.11551520193534942, 0.11107339490972545, 0.0985156504368, 0.08082417448662127, 0.08532556098056499, 0.08673217838486103]],
  [100000, 0.001, [87, 92, 95, 97, 100, 102, 105, 108, 113], [0.10364017340859252, 0.12504853090798482, 0.10241293993655842, 0.0762181251469834, 0.1192424324549537, 0.07819753844429544, 0.10813420630644988, 0.09089375521977217, 0.10579832792585597, 0.09041397024855369]],
  [60, 0.25, [11, 12, 13, 14, 15, 16, 17, 18, 19], [0.1475826662590084, 0.08397496742904753, 0.10335380606652, 0.11565783059824863, 0.11822800461154359, 0.11083875432332091, 0.09562559196521814, 0.07614630471304473, 0.05610780347276967, 0.09248427056127839]],
];
// scipy.stats.chi2.ppf(0.999, df) for df = bins - 1 = 5..9
const CHI2_999: Record<number, number> = { 5: 20.51500565, 6: 22.45774448, 7: 24.32188635, 8: 26.12448156, 9: 27.87716487 };
const DRAWS = 100_000;

describe('sampleBinomial', () => {
  it.each(cases)('Binomial(%s, %s): mean, variance and chi-square fit to scipy pmf', (n, p, edges, probabilities) => {
    const rng = createRng(20261122 + n);
    const counts = new Array<number>(probabilities.length).fill(0);
    let sum = 0;
    let sumSquares = 0;
    let outside = 0;
    const mean = n * p; // analytic
    for (let i = 0; i < DRAWS; i++) {
      const k = sampleBinomial(n, p, rng);
      if (!(Number.isInteger(k) && k >= 0 && k <= n)) outside++;
      sum += k - mean;
      sumSquares += (k - mean) ** 2;
      let bin = 0;
      while (bin < edges.length && k > edges[bin]) bin++;
      counts[bin]++;
    }
    expect(outside).toBe(0);
    const variance = n * p * (1 - p); // analytic
    // sample mean within 5 standard errors sqrt(npq / N)
    expect(Math.abs(sum / DRAWS)).toBeLessThan(5 * Math.sqrt(variance / DRAWS));
    // sample variance within 5 standard errors; var of (k - mu)^2 ~ 2 sigma^4 (normal approximation) + npq(1-6pq)
    const sampleVariance = sumSquares / DRAWS;
    const varianceSe = Math.sqrt((2 * variance * variance + variance * (1 - 6 * p * (1 - p))) / DRAWS);
    expect(Math.abs(sampleVariance - variance)).toBeLessThan(5 * varianceSe);
    let chi2 = 0;
    for (let b = 0; b < counts.length; b++) {
      const expected = DRAWS * probabilities[b];
      chi2 += (counts[b] - expected) ** 2 / expected;
    }
    expect(chi2).toBeLessThan(CHI2_999[counts.length - 1]);
  });

  it('handles the degenerate cases exactly', () => {
    const rng = createRng(1);
    expect(sampleBinomial(0, 0.3, rng)).toBe(0);
    expect(sampleBinomial(10, 0, rng)).toBe(0);
    expect(sampleBinomial(10, 1, rng)).toBe(10);
  });

  it('is a pure function of the stream', () => {
    const a = createRng(7);
    const b = createRng(7);
    for (let i = 0; i < 100; i++) expect(sampleBinomial(1e6, 0.37, a)).toBe(sampleBinomial(1e6, 0.37, b));
  });
});
