import { describe, expect, it } from 'vitest';
import {
  binnedGaussianErrorBound,
  KDE_KERNELS,
  kernelDensityDirect,
  kernelDensitySorted,
} from '../../src/kernels/kernel-density.js';
import { linspace } from '../../src/kernels/make-grid.js';
import { createRng, type Rng } from '../../src/kernels/rng.js';

function normals(n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = Math.sqrt(-2 * Math.log(1 - rng.nextFloat())) * Math.cos(2 * Math.PI * rng.nextFloat());
  }
  return out;
}

describe('kernelDensitySorted', () => {
  it('integrates to 1 for every kernel (normalisations as scikit-learn)', () => {
    const sorted = Float64Array.of(-1, 0, 0, 0.5, 2);
    const xs = linspace(-12, 14, 200_001);
    for (const kernel of KDE_KERNELS) {
      const { density } = kernelDensitySorted(sorted, xs, 0.7, kernel);
      let integral = 0;
      for (let i = 0; i < xs.length; i++) integral += density[i];
      integral *= xs[1] - xs[0];
      // a density integrates to 1 (analytic); Riemann sum error O(step) at kinks
      expect(integral).toBeCloseTo(1, 4);
    }
  });

  it('is exact against direct O(n · grid) evaluation at moderate n, every kernel', () => {
    const rng = createRng(11);
    const values = normals(3000, rng);
    const copy = Float64Array.from(values);
    const sorted = Float64Array.from(values).sort();
    const grid = linspace(sorted[0], sorted[sorted.length - 1], 256);
    for (const kernel of KDE_KERNELS) {
      const fast = kernelDensitySorted(sorted, grid, 3000 ** -0.2, kernel);
      const direct = kernelDensityDirect(values, grid, 3000 ** -0.2, kernel);
      expect(fast.binWidth).toBe(0); // 3000 × 256 is under the binning threshold: exact path
      for (let i = 0; i < grid.length; i++) expect(Math.abs(fast.density[i] - direct[i])).toBeLessThan(1e-12);
    }
    expect(values).toEqual(copy);
  });

  it('bins the gaussian within the stated bound at moderate n and at 1M values', () => {
    const rng = createRng(12);
    for (const n of [50_000, 1_000_000]) {
      const values = normals(n, rng);
      const sorted = Float64Array.from(values).sort();
      const h = n ** -0.2; // scott, data units
      const grid = linspace(sorted[0], sorted[n - 1], 256);
      const fast = kernelDensitySorted(sorted, grid, h, 'gaussian');
      expect(fast.binWidth).toBeGreaterThan(0);
      expect(fast.binWidth).toBeLessThanOrEqual(h / 100);
      // Stated tolerance: |error| <= δ²/(8 √(2π) h³) (linear binning of a C² kernel, Wand 1994),
      // i.e. <= 1.25e-5 of the gaussian's peak 1/(√(2π) h) at δ = h/100; checked on 32 grid points
      // against direct summation over all n values (the whole grid at 1M would take 256M exps).
      const bound = binnedGaussianErrorBound(h, fast.binWidth);
      expect(bound).toBeLessThanOrEqual(1.25e-5 / (Math.sqrt(2 * Math.PI) * h) + 1e-18);
      const probe = Float64Array.from({ length: 32 }, (_, i) => grid[i * 8 + 3]);
      const direct = kernelDensityDirect(values, probe, h, 'gaussian');
      let worst = 0;
      for (let i = 0; i < 32; i++) worst = Math.max(worst, Math.abs(fast.density[i * 8 + 3] - direct[i]));
      expect(worst).toBeLessThanOrEqual(bound);
      // and the estimate is a density of N(0,1) at 0 to within its sampling error: φ(0) = 0.39894
      expect(fast.density[128]).toBeGreaterThan(0.37);
      expect(fast.density[128]).toBeLessThan(0.42);
    }
  });

  it('bins heavy-tailed data spanning ~10^5 bandwidths (occupied bins only) within the same bound', () => {
    // exp(4·N(0,1)) at n = 200k, six decimals as the fixture's active_hours: span / h ≈ 1e5, far
    // beyond a dense grid of 2^17 bins; points on a geometric grid as log_space draws them
    const rng = createRng(14);
    const n = 200_000;
    const values = Float64Array.from(normals(n, rng), (z) => Math.round(Math.exp(4 * z) * 1e6) / 1e6);
    const sorted = Float64Array.from(values).sort();
    const h = n ** -0.2;
    expect((sorted[n - 1] - sorted[0]) / h).toBeGreaterThan(1e4);
    const grid = Float64Array.from({ length: 256 }, (_, i) => 1e-3 * (sorted[n - 1] / 1e-3) ** (i / 255));
    const fast = kernelDensitySorted(sorted, grid, h, 'gaussian');
    expect(fast.binWidth).toBeGreaterThan(0);
    expect(fast.binWidth).toBeLessThanOrEqual(h / 100);
    const bound = binnedGaussianErrorBound(h, fast.binWidth);
    const probe = Float64Array.from({ length: 32 }, (_, i) => grid[i * 8 + 5]);
    const direct = kernelDensityDirect(values, probe, h, 'gaussian');
    let worst = 0;
    for (let i = 0; i < 32; i++) worst = Math.max(worst, Math.abs(fast.density[i * 8 + 5] - direct[i]));
    expect(worst).toBeLessThanOrEqual(bound);
    expect(Math.max(...direct)).toBeGreaterThan(0.01); // the probes see the bulk of the data, not only its tail
  });

  it('is exact for compact kernels at 1M values with heavy ties', () => {
    const rng = createRng(13);
    const n = 1_000_000;
    const values = Float64Array.from({ length: n }, () => Math.floor(rng.nextFloat() * 1000) / 10);
    const sorted = Float64Array.from(values).sort();
    const grid = linspace(0, 99.9, 256);
    for (const kernel of ['tophat', 'epanechnikov', 'linear', 'cosine', 'exponential'] as const) {
      const fast = kernelDensitySorted(sorted, grid, 0.5, kernel);
      expect(fast.binWidth).toBe(0);
      const probe = Float64Array.of(grid[0], grid[77], grid[200]);
      const direct = kernelDensityDirect(values, probe, 0.5, kernel);
      [0, 77, 200].forEach((g, i) => expect(Math.abs(fast.density[g] - direct[i])).toBeLessThan(1e-12));
    }
  });

  it('uses prefix sums for wide compact windows within 1e-9 of the peak, at 20k and 1M values', () => {
    const rng = createRng(14);
    for (const [n, h] of [[20_000, 1.5], [1_000_000, 20]] as const) {
      const values = normals(n, rng);
      const sorted = Float64Array.from(values).sort();
      const grid = linspace(sorted[0], sorted[n - 1], 256);
      const probe = Float64Array.from({ length: 16 }, (_, i) => grid[i * 17]);
      for (const kernel of ['tophat', 'epanechnikov', 'linear', 'cosine'] as const) {
        const fast = kernelDensitySorted(sorted, grid, h, kernel);
        const direct = kernelDensityDirect(values, probe, h, kernel);
        // Stated tolerance: the moment expansion cancels terms of size (span/h)² (span/h < 12 here),
        // so 1e-9 of the kernel's peak height (<= 1/h for these kernels) bounds it with room
        for (let i = 0; i < 16; i++) expect(Math.abs(fast.density[i * 17] - direct[i])).toBeLessThan(1e-9 / h);
      }
    }
  });
});
