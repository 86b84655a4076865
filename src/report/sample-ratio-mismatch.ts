/**
 * Sample ratio mismatch: whether the clients counted per branch are consistent with the configured
 * branch ratios. Pearson's chi-square goodness-of-fit statistic Σ (O - E)² / E with E = N · ratio /
 * Σ ratios, k - 1 degrees of freedom, p-value from the chi-square survival function; a mismatch is
 * flagged when p < 0.001 (the usual SRM threshold: a false alarm once in a thousand healthy checks).
 *
 * Jetstream, mozanalysis and Experimenter's dashboard compute no such check per analysis.
 * Reference: Fabijan et al. (2019), "Diagnosing Sample Ratio Mismatch in Online Controlled
 * Experiments", KDD; parity of the test itself: scipy.stats.chisquare(observed, expected).
 */
import { chiSquareSf } from '../kernels/chi-square-sf.js';

/** p-value below which a check is flagged. */
export const SRM_THRESHOLD = 0.001;

/** Observed and expected clients of one branch. */
export interface SrmBranchCount {
  readonly branch: string;
  readonly ratio: number;
  readonly observed: number;
  readonly expected: number;
}

/** One check, as written to `srm_<nslug>.json` and shown at the top of the report. */
export interface SrmCheck {
  readonly period: string;
  readonly window: number;
  readonly segment: string;
  readonly analysis_basis: string;
  readonly branches: SrmBranchCount[];
  readonly total: number;
  readonly chi_square: number;
  readonly df: number;
  readonly p_value: number;
  readonly threshold: number;
  readonly mismatch: boolean;
}

/** The counts and configured ratios of one (period, window, segment, basis). */
export interface SrmInput {
  readonly period: string;
  readonly window: number;
  readonly segment: string;
  readonly basis: string;
  /** Clients per branch; a configured branch missing here counts 0. */
  readonly counts: Readonly<Record<string, number>>;
  /** Configured branch ratios (any positive scale), in branch order. */
  readonly ratios: readonly { branch: string; ratio: number }[];
}

/** The check of one (period, window, segment, basis), or null when it cannot be made (< 2 branches with a positive ratio, or no clients). */
export function sampleRatioMismatch(input: SrmInput): SrmCheck | null {
  const where = `srm ${input.period} window ${input.window}, segment ${input.segment}, basis ${input.basis}`;
  for (const branch of Object.keys(input.counts)) {
    if (!input.ratios.some((r) => r.branch === branch)) {
      throw new RangeError(
        `${where}: branch "${branch}" has clients but no configured ratio (branches: ${input.ratios.map((r) => r.branch).join(', ')}); pass the experiment definition that lists it`,
      );
    }
  }
  for (const r of input.ratios) {
    if (!(r.ratio >= 0) || !Number.isFinite(r.ratio)) throw new RangeError(`${where}: ratio of branch "${r.branch}" must be a non-negative number, got ${r.ratio}`);
  }
  const active = input.ratios.filter((r) => r.ratio > 0);
  const total = active.reduce((s, r) => s + (input.counts[r.branch] ?? 0), 0);
  const ratioSum = active.reduce((s, r) => s + r.ratio, 0);
  if (active.length < 2 || total === 0) return null;
  let chiSquare = 0;
  const branches = active.map((r) => {
    const observed = input.counts[r.branch] ?? 0;
    const expected = (total * r.ratio) / ratioSum;
    chiSquare += ((observed - expected) * (observed - expected)) / expected;
    return { branch: r.branch, ratio: r.ratio, observed, expected };
  });
  const df = active.length - 1;
  const pValue = chiSquareSf(chiSquare, df);
  return {
    period: input.period,
    window: input.window,
    segment: input.segment,
    analysis_basis: input.basis,
    branches,
    total,
    chi_square: chiSquare,
    df,
    p_value: pValue,
    threshold: SRM_THRESHOLD,
    mismatch: pValue < SRM_THRESHOLD,
  };
}
