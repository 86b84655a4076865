/**
 * The fixtures of test/support/exact-bootstrap-truth.py, in TypeScript (same formulas, so the same
 * values up to the last ulp of log and pow): deterministic "samples" on the quantile grid
 * u_i = (i + 1/2) / n, since a bootstrap depends only on the multiset of values.
 */
const grid = (n: number) => Array.from({ length: n }, (_, i) => (i + 0.5) / n);

export const pareto = (n: number, alpha: number, scale = 1) => Float64Array.from(grid(n), (u) => scale * (1 - u) ** (-1 / alpha));

export function exponential(n: number, scale: number, step: number): Float64Array {
  return Float64Array.from(grid(n), (u) => {
    const x = -Math.log(1 - u) * scale;
    return step > 0 ? Math.floor(x / step + 0.5) * step : x;
  });
}

export const binary = (n: number, successes: number) => Float64Array.from({ length: n }, (_, i) => (i < successes ? 1 : 0));

export const outlier = (n: number) => Float64Array.from({ length: n }, (_, i) => (i < n - 1 ? i + 1 : 1e4));

/** bootstrap_mean fixtures: name -> [reference, focus]. */
export const MEAN_FIXTURES: Record<string, [Float64Array, Float64Array]> = {
  'heavy n=5': [pareto(5, 1.5), pareto(5, 1.5, 1.2)],
  'heavy n=20': [pareto(20, 1.5), pareto(20, 1.3)],
  'heavy n=50': [pareto(50, 1.5), pareto(50, 2.0, 1.3)],
  'heavy n=1000': [pareto(1000, 2.5), pareto(1000, 2.5, 1.05)],
  'n=100000': [exponential(100_000, 3.0, 0.05), exponential(100_000, 3.03, 0.05)],
  'binary 1 and 3 of 30': [binary(30, 3), binary(30, 1)],
  'outlier n=50': [outlier(50), Float64Array.from({ length: 50 }, (_, i) => i + 1)],
};

/** population_ratio fixtures: name -> [n, alpha]; columns from `ratioColumns`. */
export const RATIO_FIXTURES: Record<string, [number, number]> = {
  'n=20': [20, 1.5],
  'n=50': [50, 1.5],
  'n=1000': [1000, 2.0],
  'n=100000': [100_000, 2.5],
};

/** Denominator 1..5 cycling, numerator a Pareto grid times it, in quarters. */
export function ratioColumns(n: number, alpha: number, scale: number): { num: Float64Array; den: Float64Array } {
  const den = Float64Array.from({ length: n }, (_, i) => 1 + (i % 5));
  const p = pareto(n, alpha, scale);
  const num = Float64Array.from(p, (x, i) => Math.floor(x * den[i] * 4 + 0.5) / 4);
  return { num, den };
}

/** One summarized endpoint set of the truth JSON. */
export interface TruthSummary {
  point: number;
  lower: number;
  upper: number;
  pointSe: number;
  lowerSe: number;
  upperSe: number;
}

export interface TruthRows {
  focus: TruthSummary;
  reference: TruthSummary;
  difference: TruthSummary;
  relativeUplift: TruthSummary;
}
