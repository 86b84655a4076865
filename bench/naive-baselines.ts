/**
 * Straightforward implementations of the estimators the kernels compute, for the benchmarks'
 * "naive" rows: what one writes first in TypeScript (the Rng object, no tally, no inlining), the
 * same estimator and parameters as the Contrail path, so the ratio of the two is the speed-up.
 */
import { createRng, streamRng } from '../src/kernels/rng.js';

/** Bayesian bootstrap of the mean over rows: w_i = -log(1 - U), Σ w v / Σ w, per replicate. */
export function naiveBayesianBootstrap(values: Float64Array, replicates: number, seed: number): Float64Array {
  const out = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const rng = streamRng(seed, r);
    let ws = 0;
    let wv = 0;
    for (let i = 0; i < values.length; i++) {
      const w = -Math.log(1 - rng.nextFloat());
      ws += w;
      wv += w * values[i];
    }
    out[r] = wv / ws;
  }
  return out;
}

/** Classical bootstrap of Σ num / Σ den: n indices floor(U n) per replicate. */
export function naiveRatioBootstrap(num: Float64Array, den: Float64Array, replicates: number, seed: number): Float64Array {
  const n = num.length;
  const out = new Float64Array(replicates);
  for (let r = 0; r < replicates; r++) {
    const rng = streamRng(seed, r);
    let sn = 0;
    let sd = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.nextFloat() * n);
      sn += num[j];
      sd += den[j];
    }
    out[r] = sn / sd;
  }
  return out;
}

/** Quantile bootstrap of the deciles: resample n rows, sort, read the 9 deciles (type 7), per replicate. */
export function naiveDecileBootstrap(values: Float64Array, replicates: number, seed: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(replicates * 9);
  const sample = new Float64Array(n);
  for (let r = 0; r < replicates; r++) {
    const rng = streamRng(seed, r);
    for (let i = 0; i < n; i++) sample[i] = values[Math.floor(rng.nextFloat() * n)];
    sample.sort();
    for (let q = 1; q <= 9; q++) {
      const h = ((n - 1) * q) / 10;
      const lo = Math.floor(h);
      out[r * 9 + q - 1] = sample[lo] + (h - lo) * ((sample[Math.min(n - 1, lo + 1)] ?? 0) - sample[lo]);
    }
  }
  return out;
}

/** Binomial: successes and rows with Array.prototype.reduce over a plain array. */
export function naiveBinomial(values: Float64Array): { successes: number; rows: number } {
  const rows = Array.from(values);
  return { successes: rows.reduce((s, v) => s + (v === 1 ? 1 : 0), 0), rows: rows.length };
}

/** OLS of y on (1, treatment indicators[, x]) by normal equations over per-row arrays. */
export function naiveOls(ys: readonly Float64Array[], xs: readonly Float64Array[] | null): number[] {
  const k = ys.length + (xs === null ? 0 : 1);
  const xtx = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  ys.forEach((y, b) => {
    for (let i = 0; i < y.length; i++) {
      const row = [1, ...ys.slice(1).map((_, j) => (j + 1 === b ? 1 : 0)), ...(xs === null ? [] : [xs[b][i]])];
      for (let p = 0; p < k; p++) {
        xty[p] += row[p] * y[i];
        for (let q = 0; q < k; q++) xtx[p][q] += row[p] * row[q];
      }
    }
  });
  // Gaussian elimination.
  for (let p = 0; p < k; p++) {
    for (let q = p + 1; q < k; q++) {
      const f = xtx[q][p] / xtx[p][p];
      for (let c = p; c < k; c++) xtx[q][c] -= f * xtx[p][c];
      xty[q] -= f * xty[p];
    }
  }
  const beta = new Array<number>(k).fill(0);
  for (let p = k - 1; p >= 0; p--) {
    let s = xty[p];
    for (let c = p + 1; c < k; c++) s -= xtx[p][c] * beta[c];
    beta[p] = s / xtx[p][p];
  }
  return beta;
}

/** Gaussian KDE evaluated directly on a grid: O(n x grid), Scott's bandwidth. */
export function naiveKde(values: Float64Array, gridSize: number): Float64Array {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2 / (n - 1);
  const h = Math.sqrt(variance) * n ** (-1 / 5);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const out = new Float64Array(gridSize);
  for (let g = 0; g < gridSize; g++) {
    const x = lo + ((hi - lo) * g) / (gridSize - 1);
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.exp(-0.5 * ((x - values[i]) / h) ** 2);
    out[g] = s / (n * h * Math.sqrt(2 * Math.PI));
  }
  return out;
}

/** ECDF on a grid: sort, then count values <= each grid point by a linear scan per point. */
export function naiveEcdf(values: Float64Array, gridSize: number): Float64Array {
  const sorted = Array.from(values).sort((a, b) => a - b);
  const lo = sorted[0];
  const hi = sorted[sorted.length - 1];
  const out = new Float64Array(gridSize);
  for (let g = 0; g < gridSize; g++) {
    const x = lo + ((hi - lo) * g) / (gridSize - 1);
    let c = 0;
    for (const v of sorted) if (v <= x) c++;
    out[g] = c / sorted.length;
  }
  return out;
}

/** A pretreatment as Array.filter / map over a plain array. */
export function naivePretreatment(name: string, values: Float64Array): number[] {
  const rows = Array.from(values);
  switch (name) {
    case 'remove_nulls':
      return rows.filter((v) => !Number.isNaN(v));
    case 'remove_indefinites':
      return rows.filter((v) => Number.isFinite(v));
    case 'zero_fill':
      return rows.map((v) => (Number.isNaN(v) ? 0 : v));
    case 'log':
      return rows.map((v) => Math.log(v + 1));
    case 'normalize_over_analysis_period':
      return rows.map((v) => v / 7);
    default: {
      const sorted = [...rows].sort((a, b) => a - b);
      const q = name === 'censor_lowest_values' ? sorted[Math.floor(0.01 * (sorted.length - 1))] : sorted[Math.floor(0.99 * (sorted.length - 1))];
      if (name === 'censor_lowest_values' || name === 'censor_values_below_threshold') return rows.filter((v) => v > q);
      return rows.filter((v) => v < q);
    }
  }
}

/** A fresh Rng for baselines that draw once. */
export const baselineRng = createRng;
