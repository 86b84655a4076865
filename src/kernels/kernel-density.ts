/**
 * One-dimensional kernel density estimates with scikit-learn's kernels and normalisations, fast at a
 * million values:
 * - compact kernels (tophat, epanechnikov, linear, cosine) are exact: the sorted distinct values
 *   within |x - v| < h of each grid point (a moving window found by binary search), summed directly,
 *   or, when windows are large (data within 1000 bandwidths), from prefix sums of the kernel's
 *   moments (`compactByPrefixSums`, cancellation below 2e-10 relative);
 * - the exponential kernel exactly by a two-sided recursive sweep in O(n + grid) when the points
 *   ascend (as grids do), else by the window truncated at 40 h (neglected < e^-40 = 4e-18 per value);
 * - the gaussian is truncated at 9 h (neglected < exp(-40.5) = 3e-18 of the peak per value) and,
 *   when there are many distinct values, linearly binned (Wand 1994) on a fine grid of width h/100
 *   first (only its occupied bins are stored, so data of any span is binned). Linear binning keeps
 *   each value's mass and mean, so its error per value is at most δ²/8 · max|K''| and the density
 *   error at most
 *   `binnedGaussianErrorBound(h, δ)` = δ² / (8 √(2π) h³), i.e. 1.25e-5 of the gaussian's peak
 *   height 1/(√(2π) h) at δ = h/100.
 *
 * Parity: scikit-learn `KernelDensity(bandwidth, kernel).fit(x).score_samples(grid)` exponentiated
 * (1-D normalisations: gaussian 1/(√(2π) h), tophat 1/(2h), epanechnikov 3/(4h), exponential
 * 1/(2h), linear 1/h, cosine π/(4h); compact kernels use the strict `dist < h`).
 */
/** scikit-learn's kernel names, as Jetstream configs spell them. */
export const KDE_KERNELS = ['gaussian', 'tophat', 'epanechnikov', 'exponential', 'linear', 'cosine'] as const;
export type KdeKernel = (typeof KDE_KERNELS)[number];

const SQRT_2PI = Math.sqrt(2 * Math.PI);
const GAUSSIAN_RADIUS = 9;
const EXPONENTIAL_RADIUS = 40;
const BINS_PER_BANDWIDTH = 100;
/**
 * Compact kernels switch from window sums to prefix sums of the kernel's polynomial (or
 * trigonometric) moments when windows are large, i.e. when the data span at most this many
 * bandwidths: the expansion's cancellation error is then below (span/h)² · 2^-52 ≈ 2e-10 relative.
 */
const PREFIX_MAX_SPAN = 1000;
const PREFIX_WORK_THRESHOLD = 1_000_000;
/** Below this many (distinct values × grid points) the exact window sum is cheap enough. */
const BINNING_WORK_THRESHOLD = 4_000_000;

/** Kernel value K(d) for a distance d >= 0, normalised to integrate to 1. */
export function kernelValue(kernel: KdeKernel, distance: number, h: number): number {
  const u = distance / h;
  switch (kernel) {
    case 'gaussian':
      return Math.exp(-0.5 * u * u) / (SQRT_2PI * h);
    case 'tophat':
      return u < 1 ? 1 / (2 * h) : 0;
    case 'epanechnikov':
      return u < 1 ? (0.75 * (1 - u * u)) / h : 0;
    case 'exponential':
      return Math.exp(-u) / (2 * h);
    case 'linear':
      return u < 1 ? (1 - u) / h : 0;
    case 'cosine':
      return u < 1 ? (Math.PI / 4) * Math.cos((Math.PI / 2) * u) / h : 0;
  }
}

function radiusOf(kernel: KdeKernel): number {
  if (kernel === 'gaussian') return GAUSSIAN_RADIUS;
  if (kernel === 'exponential') return EXPONENTIAL_RADIUS;
  return 1;
}

/** The largest absolute error of the binned gaussian density at bin width δ (see the file comment). */
export function binnedGaussianErrorBound(h: number, binWidth: number): number {
  return (binWidth * binWidth) / (8 * SQRT_2PI * h * h * h);
}

/** Densities at `points` by direct O(n · points) summation: the reference the fast paths are tested against. */
export function kernelDensityDirect(values: ArrayLike<number>, points: ArrayLike<number>, h: number, kernel: KdeKernel): Float64Array {
  const out = new Float64Array(points.length);
  for (let p = 0; p < points.length; p++) {
    let s = 0;
    for (let i = 0; i < values.length; i++) s += kernelValue(kernel, Math.abs(points[p] - values[i]), h);
    out[p] = s / values.length;
  }
  return out;
}

/** Densities at the requested points and how they were computed. */
export interface DensityResult {
  readonly density: Float64Array;
  /** Width of the linear-binning grid, or 0 when the evaluation was exact. */
  readonly binWidth: number;
}

/** Densities at `points` of the values in `sorted` (ascending, NaN-free, non-empty). */
export function kernelDensitySorted(sorted: Float64Array, points: ArrayLike<number>, h: number, kernel: KdeKernel): DensityResult {
  const { values, counts } = tally(sorted);
  const n = sorted.length;
  const lo = values[0];
  const range = values[values.length - 1] - lo;
  if (
    kernel === 'gaussian' &&
    values.length * points.length > BINNING_WORK_THRESHOLD
  ) {
    return binnedGaussian(values, counts, n, points, h);
  }
  if (kernel === 'exponential' && ascending(points)) return { density: exponentialSweep(values, counts, n, points, h), binWidth: 0 };
  if (radiusOf(kernel) === 1 && range / h <= PREFIX_MAX_SPAN && values.length * points.length > PREFIX_WORK_THRESHOLD) {
    return { density: compactByPrefixSums(values, counts, n, points, h, kernel), binWidth: 0 };
  }
  const radius = radiusOf(kernel) * h;
  const compact = radiusOf(kernel) === 1;
  const density = new Float64Array(points.length);
  for (let p = 0; p < points.length; p++) {
    const x = points[p];
    let s = 0;
    for (let i = lowerBound(values, x - radius); i < values.length && values[i] <= x + radius; i++) {
      const d = Math.abs(x - values[i]);
      if (compact && !(d < h)) continue;
      s += counts[i] * kernelValue(kernel, d, h);
    }
    density[p] = s / n;
  }
  return { density, binWidth: 0 };
}

/**
 * The gaussian on the linear-binning grid of width δ ≈ h/100 over [min, max]. Only the occupied bins
 * are stored (bin index and weight, ascending; at most two per distinct value), so the data's span
 * does not bound the grid: heavy-tailed metrics span thousands of bandwidths (the demo's
 * active_hours: ~12,000 with scikit-learn's n^(-1/5) bandwidth) and used to fall back to the exact
 * windowed sum, ~1.9 of the demo's 41 worker-seconds. Each point sums the occupied bins within 9h
 * in ascending order, which is the dense grid's sum without its zero terms: the same bits.
 */
function binnedGaussian(values: Float64Array, counts: Float64Array, n: number, points: ArrayLike<number>, h: number): DensityResult {
  const lo = values[0];
  const range = values[values.length - 1] - lo;
  const bins = Math.max(2, Math.ceil((range * BINS_PER_BANDWIDTH) / h) + 1);
  const delta = range / (bins - 1);
  // Count the occupied bins first, to allocate exactly: ~88k for the 2M distinct values of a 10M-row
  // branch, where two per value would hold 66 MB per task (+311 MiB peak RSS on the 10M demo).
  let count = 0;
  for (let i = 0, top = -1; i < values.length; i++) {
    const j = Math.min(Math.floor((values[i] - lo) / delta), bins - 2);
    count += j > top ? 2 : j === top ? 1 : 0;
    top = j + 1;
  }
  const index = new Float64Array(count);
  const weights = new Float64Array(count);
  let occupied = 0;
  for (let i = 0; i < values.length; i++) {
    const pos = (values[i] - lo) / delta;
    const j = Math.min(Math.floor(pos), bins - 2);
    const f = pos - j;
    // Values ascend, so bin j is the last occupied bin, the one before it (the previous value's j,
    // whose j + 1 came after it), or new; j + 1 is the last or new.
    if (occupied > 0 && index[occupied - 1] === j) weights[occupied - 1] += counts[i] * (1 - f);
    else if (occupied > 1 && index[occupied - 2] === j) weights[occupied - 2] += counts[i] * (1 - f);
    else {
      index[occupied] = j;
      weights[occupied++] = counts[i] * (1 - f);
    }
    if (index[occupied - 1] === j + 1) weights[occupied - 1] += counts[i] * f;
    else {
      index[occupied] = j + 1;
      weights[occupied++] = counts[i] * f;
    }
  }
  const density = new Float64Array(points.length);
  const norm = 1 / (n * SQRT_2PI * h);
  const reach = GAUSSIAN_RADIUS * h;
  const occupiedIndex = index.subarray(0, occupied);
  for (let p = 0; p < points.length; p++) {
    const x = points[p];
    const first = Math.max(0, Math.ceil((x - reach - lo) / delta));
    const last = Math.min(bins - 1, Math.floor((x + reach - lo) / delta));
    let s = 0;
    for (let k = lowerBound(occupiedIndex, first); k < occupied && index[k] <= last; k++) {
      const u = (x - (lo + index[k] * delta)) / h;
      s += weights[k] * Math.exp(-0.5 * u * u);
    }
    density[p] = s * norm;
  }
  return { density, binWidth: delta };
}

function ascending(points: ArrayLike<number>): boolean {
  for (let p = 1; p < points.length; p++) if (!(points[p] >= points[p - 1])) return false;
  return true;
}

/**
 * Exact exponential-kernel sums in O(n + grid) for ascending points: the left part
 * L(x) = Σ_{v <= x} c e^{-(x-v)/h} obeys L(x') = L(x) e^{-(x'-x)/h} + Σ_{x < v <= x'} c e^{-(x'-v)/h},
 * and the right part symmetrically from the top; every exponent is <= 0, so nothing overflows.
 */
function exponentialSweep(values: Float64Array, counts: Float64Array, n: number, points: ArrayLike<number>, h: number): Float64Array {
  const m = points.length;
  const left = new Float64Array(m);
  let sum = 0;
  let i = 0;
  for (let p = 0; p < m; p++) {
    const x = points[p];
    if (p > 0) sum *= Math.exp(-(x - points[p - 1]) / h);
    for (; i < values.length && values[i] <= x; i++) sum += counts[i] * Math.exp(-(x - values[i]) / h);
    left[p] = sum;
  }
  const density = new Float64Array(m);
  sum = 0;
  i = values.length - 1;
  for (let p = m - 1; p >= 0; p--) {
    const x = points[p];
    if (p < m - 1) sum *= Math.exp(-(points[p + 1] - x) / h);
    for (; i >= 0 && values[i] > x; i--) sum += counts[i] * Math.exp(-(values[i] - x) / h);
    density[p] = (left[p] + sum) / (2 * h * n);
  }
  return density;
}

/**
 * Compact-kernel sums from prefix sums over the distinct values, in units w = (v - v0) / h: with
 * x' = (x - v0) / h and the window w in (x' - 1, x' + 1), tophat is a count, linear
 * Σ(1 - |x' - w|) splits at x', epanechnikov Σ(1 - (x' - w)²) = c(1 - x'²) + 2x'S1 - S2, and cosine
 * Σcos(π(x' - w)/2) = cos(πx'/2)ΣC + sin(πx'/2)ΣS. O(n + grid log n).
 */
function compactByPrefixSums(
  values: Float64Array,
  counts: Float64Array,
  n: number,
  points: ArrayLike<number>,
  h: number,
  kernel: KdeKernel,
): Float64Array {
  const m = values.length;
  const v0 = values[0];
  const c = new Float64Array(m + 1);
  const s1 = new Float64Array(m + 1);
  const s2 = new Float64Array(m + 1);
  const half = Math.PI / 2;
  for (let i = 0; i < m; i++) {
    const w = (values[i] - v0) / h;
    c[i + 1] = c[i] + counts[i];
    if (kernel === 'cosine') {
      s1[i + 1] = s1[i] + counts[i] * Math.cos(half * w);
      s2[i + 1] = s2[i] + counts[i] * Math.sin(half * w);
    } else {
      s1[i + 1] = s1[i] + counts[i] * w;
      s2[i + 1] = s2[i] + counts[i] * w * w;
    }
  }
  const inside = (x: number, i: number) => Math.abs(x - values[i]) / h < 1;
  const density = new Float64Array(points.length);
  for (let p = 0; p < points.length; p++) {
    const x = points[p];
    // window [a, b): the values with |x - v| / h < 1, the same test as the direct sum
    let a = lowerBound(values, x - h);
    while (a > 0 && inside(x, a - 1)) a--;
    while (a < m && values[a] < x && !inside(x, a)) a++;
    let b = lowerBound(values, x + h);
    while (b < m && inside(x, b)) b++;
    while (b > a && values[b - 1] > x && !inside(x, b - 1)) b--;
    const xp = (x - v0) / h;
    let sum: number;
    if (kernel === 'tophat') sum = (c[b] - c[a]) * 0.5;
    else if (kernel === 'epanechnikov') {
      sum = 0.75 * ((c[b] - c[a]) * (1 - xp * xp) + 2 * xp * (s1[b] - s1[a]) - (s2[b] - s2[a]));
    } else if (kernel === 'linear') {
      const mid = Math.max(a, Math.min(b, upperBound(values, x)));
      sum = (c[mid] - c[a]) * (1 - xp) + (s1[mid] - s1[a]) + (c[b] - c[mid]) * (1 + xp) - (s1[b] - s1[mid]);
    } else {
      sum = (Math.PI / 4) * (Math.cos(half * xp) * (s1[b] - s1[a]) + Math.sin(half * xp) * (s2[b] - s2[a]));
    }
    density[p] = Math.max(0, sum) / (n * h);
  }
  return density;
}

/** First index i with a[i] > x. */
function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Distinct values of an ascending array with their multiplicities. */
function tally(sorted: Float64Array): { values: Float64Array; counts: Float64Array } {
  let distinct = sorted.length > 0 ? 1 : 0;
  for (let i = 1; i < sorted.length; i++) if (sorted[i] !== sorted[i - 1]) distinct++;
  const values = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) values[++k] = sorted[i];
    counts[k]++;
  }
  return { values, counts };
}

/** First index i with a[i] >= x. */
function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
