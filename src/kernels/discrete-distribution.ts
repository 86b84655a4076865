/**
 * A finite discrete distribution (ascending distinct atoms with their probabilities), with its mean and
 * the quantile that np.quantile of many independent draws converges to.
 *
 * The quantile convention, made explicit: numpy's default (`linear`, type 7) quantile of R draws at
 * level p interpolates the order statistics around (R - 1) p. As R grows both neighbours converge to
 * the lower quantile Q(p) = min{x : F(x) >= p}, unless F(x_j) = p exactly at an atom x_j: then the
 * draws at or below x_j number R p ± O(√R) and the sample quantile keeps jumping between x_j and
 * x_{j+1}, with mean (x_j + x_{j+1}) / 2. `discreteQuantile` returns Q(p), and that midpoint at a tie
 * (F(x_j) within 1e-12 p of p).
 *
 * Parity: the limit of numpy `np.quantile(draws, p)` (method `linear`) as the number of draws grows.
 */

/** Ascending distinct atoms and their probabilities (summing to 1). Structured-cloneable. */
export interface DiscreteDistribution {
  readonly values: Float64Array;
  readonly probabilities: Float64Array;
}

/** Σ p_j x_j. */
export function discreteMean(d: DiscreteDistribution): number {
  let sum = 0;
  for (let j = 0; j < d.values.length; j++) sum += d.probabilities[j] * d.values[j];
  return sum;
}

/** The level-p quantile as np.quantile of many draws converges to it (see the module comment). */
export function discreteQuantile(d: DiscreteDistribution, p: number): number {
  const { values, probabilities } = d;
  const last = values.length - 1;
  let cumulative = 0;
  for (let j = 0; j <= last; j++) {
    cumulative += probabilities[j];
    if (cumulative >= p * (1 - 1e-12)) {
      const tie = cumulative <= p * (1 + 1e-12) && j < last;
      return tie ? 0.5 * (values[j] + values[j + 1]) : values[j];
    }
  }
  return values[last];
}

/**
 * The same quantile for a distribution known only through a nondecreasing, right-continuous step CDF
 * `cdf` on [lo, hi] with F(hi) = 1, whose jumps `nextJump(x)` lists (the smallest jump point above x):
 * bisection until the bracket is 1e-13 of its start, then the jump inside it, so the result is a jump
 * point exactly; at a tie, the midpoint with the next jump.
 */
export function stepCdfQuantile(
  cdf: (x: number) => number,
  nextJump: (x: number) => number,
  bracket: readonly [number, number],
  p: number,
): number {
  const [lo, hi] = bracket;
  const low = firstReaching(cdf, nextJump, lo, hi, p * (1 - 1e-12));
  if (cdf(low) > p * (1 + 1e-12)) return low;
  const high = firstReaching(cdf, nextJump, low, hi, p * (1 + 1e-12), true);
  return 0.5 * (low + high);
}

/** The smallest jump x in [lo, hi] with F(x) >= level (or > level when `strict`). */
function firstReaching(
  cdf: (x: number) => number,
  nextJump: (x: number) => number,
  lo: number,
  hi: number,
  level: number,
  strict = false,
): number {
  const reached = (x: number) => (strict ? cdf(x) > level : cdf(x) >= level);
  if (reached(lo)) return lo;
  const tolerance = 1e-13 * (hi - lo);
  while (hi - lo > tolerance) {
    const mid = lo + 0.5 * (hi - lo);
    if (mid <= lo || mid >= hi) break;
    if (reached(mid)) hi = mid;
    else lo = mid;
  }
  // F(lo) misses the level and F(hi) reaches it: the first jump above lo is where it happens (rounding
  // in the jump's own arithmetic can put it a hair outside; then hi stands).
  const jump = nextJump(lo);
  return jump > lo && jump <= hi && reached(jump) ? jump : hi;
}
