/**
 * Test helper: chi-square goodness of fit of draws to a continuous distribution over the ten
 * equiprobable bins cut at its deciles. Under the null the statistic is chi-square with 9 degrees of
 * freedom: scipy.stats.chi2.ppf(0.999, 9) = 27.87716487.
 */
export const CHI2_9_999 = 27.87716487;

export function decileChiSquare(draw: () => number, deciles: readonly number[], draws: number): number {
  const counts = new Array<number>(deciles.length + 1).fill(0);
  for (let i = 0; i < draws; i++) {
    const x = draw();
    let bin = 0;
    while (bin < deciles.length && x > deciles[bin]) bin++;
    counts[bin]++;
  }
  const expected = draws / counts.length;
  return counts.reduce((chi2, c) => chi2 + (c - expected) ** 2 / expected, 0);
}
