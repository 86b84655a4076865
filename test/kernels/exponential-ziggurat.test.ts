import { describe, expect, it } from 'vitest';
import { zigguratExponential } from '../../src/kernels/exponential-ziggurat.js';
import { createRng } from '../../src/kernels/rng.js';

describe('zigguratExponential', () => {
  const n = 400_000;
  const draws = new Float64Array(n);
  const rng = createRng(2024);
  for (let i = 0; i < n; i++) draws[i] = zigguratExponential(rng);
  const sorted = Float64Array.from(draws).sort();

  it('follows the Exponential(1) CDF (Kolmogorov-Smirnov)', () => {
    // analytic F(x) = 1 - exp(-x); the KS critical value at alpha = 1e-6 is
    // sqrt(-ln(alpha / 2) / (2 n)) = 0.00429 for n = 400k
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = 1 - Math.exp(-sorted[i]);
      d = Math.max(d, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
    }
    expect(d).toBeLessThan(0.00429);
  });

  it('has mean 1, variance 1 and reaches the tail beyond r = 7.697', () => {
    // analytic: Exp(1) has mean 1 and variance 1 (se of the mean 1/sqrt(n) = 0.0016; of the
    // variance sqrt(8/n) = 0.0045); P(X > 7.697) = exp(-7.697) = 4.5e-4, so ~180 of 400k
    let mean = 0;
    for (const x of draws) mean += x;
    mean /= n;
    let variance = 0;
    for (const x of draws) variance += (x - mean) ** 2;
    variance /= n - 1;
    expect(Math.abs(mean - 1)).toBeLessThan(5 * 0.0016);
    expect(Math.abs(variance - 1)).toBeLessThan(5 * 0.0045);
    const tail = draws.filter((x) => x > 7.697117470131487).length;
    // Poisson(180): 5 sd = 67
    expect(Math.abs(tail - n * Math.exp(-7.697117470131487))).toBeLessThan(67);
    expect(sorted[0]).toBeGreaterThanOrEqual(0);
  });
});
