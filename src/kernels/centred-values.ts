/**
 * Values as the bootstrap kernels' f32 inputs (exponential-sums.ts, shared-exponential-sums.ts):
 * u = f32((v - centre)·scale), the centre being the values' mean and the scale the power of two that
 * brings the largest |v - centre| into [2^63, 2^64). The replicate mean is then
 * centre + (Σ w·u / Σ w) / scale, and Σ w·v = centre·Σ w + Σ w·u / scale.
 *
 * Why centred: the kernel sums in f32 within a block of at most 512 draws (then in f64), and f32
 * keeps 24 bits. Around the mean, a rounding error of a value or of a block's sum is relative to the
 * spread of the values, not to their size: a replicate's error stays below ~2^-24·sd/√n, a
 * millionth of its Monte Carlo spread sd/√n at any n. Uncentred, a metric of values near 10^9 with an
 * sd of 10 would have lost 60 in each value. Why scaled: any finite values fit f32's range, and a
 * weight times the largest u stays far from overflow (w <= 86, 512 terms a block: < 2^80). A |u|
 * below 2^-60 (2^-123 of the largest) counts as 0, so no product is subnormal (slow on x86) and
 * nothing a replicate could show is lost.
 */
/** The centre and the power-of-two scale of a tally's values for the kernel. */
export interface CentredFrame {
  readonly centre: number;
  readonly scale: number;
}

/** |u| below this counts as 0 (see the header). */
const FLUSH_BELOW = 2 ** -60;

/**
 * The centre (the mean, weighted by `counts` when given; 0 if that is not finite) and scale
 * (2^(63 - ⌊log2 max |v - centre|⌋) within 2^±1000; 1 if that maximum is 0 or infinite) of the values.
 */
export function centredFrame(values: Float64Array, counts?: Float64Array): CentredFrame {
  let n = 0;
  let sum = 0;
  for (let k = 0; k < values.length; k++) {
    const c = counts === undefined ? 1 : counts[k];
    n += c;
    sum += c * values[k];
  }
  // 0 when the values hold an infinity (u keeps it: the replicates are infinite, as in f64), or
  // finite values whose sum overflows (then the scale alone brings them into f32's range)
  const mean = n > 0 ? sum / n : 0;
  const centre = Number.isFinite(mean) ? mean : 0;
  let largest = 0;
  for (let k = 0; k < values.length; k++) largest = Math.max(largest, Math.abs(values[k] - centre));
  if (!(largest > 0 && Number.isFinite(largest))) return { centre, scale: 1 };
  let exponent = Math.floor(Math.log2(largest));
  // Math.log2 can be one off near a power of two
  if (2 ** exponent > largest) exponent--;
  else if (2 ** (exponent + 1) <= largest) exponent++;
  return { centre, scale: 2 ** Math.min(1000, Math.max(-1000, 63 - exponent)) };
}

/** (v - centre)·scale in f64: the kernel's u before f32 rounding, for weights drawn outside it. */
export function centred(v: number, frame: CentredFrame): number {
  return (v - frame.centre) * frame.scale;
}

/** The kernel's u of v before its f32 rounding (a Float32Array's store rounds it): (v - centre)·scale, 0 below 2^-60 in magnitude. */
export function kernelValue(v: number, frame: CentredFrame): number {
  const u = centred(v, frame);
  return Math.abs(u) < FLUSH_BELOW ? 0 : u;
}

/** f32((v - centre)·scale) of every value, 0 where its magnitude is below 2^-60, into `out` (default a new array). */
export function centredValues(values: Float64Array, frame: CentredFrame, out = new Float32Array(values.length)): Float32Array {
  for (let i = 0; i < values.length; i++) out[i] = kernelValue(values[i], frame);
  return out;
}

/** The replicate mean from the kernel's sums: centre + (Σ w·u / Σ w) / scale. */
export function uncentredMean(weightSum: number, weightedSum: number, frame: CentredFrame): number {
  return frame.centre + weightedSum / weightSum / frame.scale;
}

/** Σ w·v from the kernel's sums: centre·Σ w + Σ w·u / scale. */
export function uncentredSum(weightSum: number, weightedSum: number, frame: CentredFrame): number {
  return frame.centre * weightSum + weightedSum / frame.scale;
}
