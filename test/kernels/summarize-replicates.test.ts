import { describe, expect, it } from 'vitest';
import { summarizeReplicates } from '../../src/kernels/summarize-replicates.js';

describe('summarizeReplicates', () => {
  const replicates = [1.0, 2.5, 3.0, 4.2, 0.7, 1.9];
  // numpy 2.4: [c, np.mean(x), np.quantile(x, (1 - c) / 2), np.quantile(x, 1 - (1 - c) / 2)]
  const cases: [number, number, number, number][] = [
    [0.95, 2.2166666666666663, 0.7375, 4.05],
    [0.8, 2.2166666666666663, 0.85, 3.6],
    [0.5, 2.2166666666666663, 1.225, 2.875],
  ];
  it.each(cases)('mean and numpy-linear quantiles at confidence %s', (c, point, lower, upper) => {
    const input = Float64Array.from(replicates);
    const summary = summarizeReplicates(input, c);
    expect(summary.point).toBeCloseTo(point, 12);
    expect(summary.lower).toBeCloseTo(lower, 12);
    expect(summary.upper).toBeCloseTo(upper, 12);
    expect([...input]).toEqual(replicates); // not sorted in place
  });

  it('gives NaN bounds when a replicate is NaN, as numpy does', () => {
    // numpy: np.quantile([1, nan, 2], 0.025) = nan; np.mean([1, nan, 2]) = nan
    const summary = summarizeReplicates(Float64Array.from([1, Number.NaN, 2]), 0.95);
    expect(summary.point).toBeNaN();
    expect(summary.lower).toBeNaN();
    expect(summary.upper).toBeNaN();
  });
});
