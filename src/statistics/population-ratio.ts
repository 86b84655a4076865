/**
 * `population_ratio`: the ratio Σ numerator / Σ denominator of two upstream metrics per branch, by
 * classical bootstrap, with each column winsorized at its own per-branch `1 - drop_highest`
 * quantile first; per-branch rows (mean of the replicates, percentile interval) and, for every
 * ordered pair of branches, `difference` and `relative_uplift` from replicate-by-replicate pairs.
 *
 * Used on a metric with `depends_on = [numerator, denominator]`: the frame holds those two columns
 * (`columns()`), the metric's own column is not read.
 *
 * `method = "exact"` (deliberate extension, see docs/exact-bootstrap.md) ignores `num_samples`: each
 * branch's bootstrap distribution of the ratio by the Davison-Hinkley saddlepoint
 * (`exactRatioOfMeans`; denominators must be >= 0, at least 20 rows), comparisons by quadrature
 * (`compareScoreDistributions`).
 *
 * Parity: jetstream PopulationRatio -> mozanalysis `frequentist_stats.bootstrap.compare_branches`
 * with `stat_fn = mean(num) / mean(den)` (spec 2.7).
 */
import { replicateArraySplit } from './support/replicate-split.js';
import {
  assertKnownKeys,
  readConfidence,
  readNumberIn,
  readPositiveInteger,
  readString,
} from '../config/params.js';
import { compareReplicates } from '../kernels/compare-replicates.js';
import type { ExactBranch } from '../kernels/exact-bayesian-mean.js';
import { compareScoreDistributions } from '../kernels/exact-compare.js';
import { exactRatioOfMeans } from '../kernels/exact-ratio-of-means.js';
import { bootstrapRatioOfSums } from '../kernels/ratio-bootstrap.js';
import { summarizeReplicates } from '../kernels/summarize-replicates.js';
import { winsorizeTop } from '../kernels/winsorize-top.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic, StatisticError } from './define.js';
import { readBootstrapMethod, type BootstrapMethod } from './support/bootstrap-method.js';
import { exactRows } from './support/exact-rows.js';

/** Validated population_ratio parameters. */
export interface PopulationRatioParams {
  readonly numerator: string;
  readonly denominator: string;
  readonly confidenceInterval: number;
  readonly dropHighest: number;
  readonly numSamples: number;
  /** `monte_carlo` (default) or `exact` (num_samples unused). */
  readonly method: BootstrapMethod;
}

/** One branch: its replicates (monte_carlo; empty for an empty branch) or its exact result (exact). */
export type PopulationRatioSummary = Float64Array | { readonly exact: ExactBranch | null };

const NAME = 'population_ratio';
/**
 * Below this many rows the classical bootstrap of a ratio takes few distinct values (5 rows: 126
 * resamples) and the continuous saddlepoint misses its quantiles by whole atoms (125 % of the width
 * at n = 5 in the validation); from 20 rows on it is within 0.5 %.
 */
const EXACT_MIN_ROWS = 20;

function upstreamColumn(columns: Readonly<Record<string, Float64Array>>, column: string, branch: string): Float64Array {
  const values = columns[column];
  if (values === undefined) {
    throw new StatisticError(
      `${NAME}: column "${column}" is not in the table; list it in the metric's depends_on and check the numerator and denominator names`,
    );
  }
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== values[i]) {
      throw new StatisticError(
        `${NAME}: column "${column}" has null values in branch "${branch}"; add a remove_nulls or zero_fill pretreatment`,
      );
    }
  }
  return values;
}

/** Jetstream `population_ratio`: the bootstrap of Σ numerator / Σ denominator per branch. */
export default defineStatistic<PopulationRatioParams, PopulationRatioSummary>({
  kind: 'per-branch',
  name: NAME,
  label: NAME,
  replicateSplit: replicateArraySplit<PopulationRatioParams, PopulationRatioSummary>(),
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['numerator', 'denominator', 'confidence_interval', 'drop_highest', 'num_samples', 'method']);
    return {
      numerator: readString(owner, raw, 'numerator'),
      denominator: readString(owner, raw, 'denominator'),
      confidenceInterval: readConfidence(owner, raw),
      // mozanalysis filter_outliers requires the quantile 1 - drop_highest in [0.5, 1].
      dropHighest: readNumberIn(owner, raw, 'drop_highest', { min: 0, max: 0.5, fallback: 0.005 }),
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
      method: readBootstrapMethod(owner, raw),
    };
  },
  columns: (p) => ({ required: [p.numerator, p.denominator], metricColumn: false }),
  summarize: ({ columns, branch, seed, replicates }, p) => {
    const q = 1 - p.dropHighest;
    const numerator = upstreamColumn(columns, p.numerator, branch);
    const denominator = upstreamColumn(columns, p.denominator, branch);
    if (p.method === 'exact') {
      if (numerator.length === 0) return { exact: null };
      return { exact: exactRatio(winsorizeTop(numerator, q), winsorizeTop(denominator, q), branch, p) };
    }
    if (numerator.length === 0) return new Float64Array(0);
    return bootstrapRatioOfSums({
      numerator: winsorizeTop(numerator, q),
      denominator: winsorizeTop(denominator, q),
      numSamples: p.numSamples,
      seed,
      range: replicates,
    });
  },
  compare: ({ branches, summaries }, p) => {
    if (p.method === 'exact') {
      const present = branches.map((_, b) => b).filter((b) => exactOf(summaries[b]) !== null);
      const exact = present.map((b) => exactOf(summaries[b]) as ExactBranch);
      return exactRows({
        branches: present.map((b) => branches[b]),
        intervals: exact.map((e) => e.interval),
        distributions: exact.map((e) => e.distribution),
        compare: (focus, reference) => compareScoreDistributions(focus, reference, p.confidenceInterval),
        ciWidth: p.confidenceInterval,
      });
    }
    const replicates = summaries.map((s) => {
      if (!(s instanceof Float64Array)) throw new Error(`${NAME}: a branch summary lacks its monte_carlo replicates; summaries and params must use the same method`);
      return s;
    });
    const present = branches.map((_, b) => b).filter((b) => replicates[b].length > 0);
    const rows: RowDraft[] = [];
    const ciWidth = p.confidenceInterval;
    for (const b of present) {
      const s = summarizeReplicates(replicates[b], ciWidth);
      rows.push({ branch: branches[b], ciWidth, point: s.point, lower: s.lower, upper: s.upper });
    }
    for (const r of present) {
      for (const b of present) {
        if (b === r) continue;
        const { difference: d, relativeUplift: u } = compareReplicates(replicates[b], replicates[r], ciWidth);
        const common = { branch: branches[b], comparisonToBranch: branches[r], ciWidth };
        rows.push({ ...common, comparison: 'difference', point: d.point, lower: d.lower, upper: d.upper });
        rows.push({ ...common, comparison: 'relative_uplift', point: u.point, lower: u.lower, upper: u.upper });
      }
    }
    return rows;
  },
});

function exactOf(summary: PopulationRatioSummary): ExactBranch | null {
  if (summary instanceof Float64Array) {
    throw new Error(`${NAME}: a branch summary lacks its exact result; summaries and params must use the same method`);
  }
  return summary.exact;
}

/** The exact branch result, with the kernel's data problems raised as StatisticError for this branch. */
function exactRatio(numerator: Float64Array, denominator: Float64Array, branch: string, p: PopulationRatioParams): ExactBranch {
  if (numerator.length < EXACT_MIN_ROWS) {
    throw new StatisticError(
      `${NAME}: method "exact" needs at least ${EXACT_MIN_ROWS} rows per branch, got ${numerator.length} in branch "${branch}" (the bootstrap of so few rows is too discrete for the saddlepoint); use method "monte_carlo"`,
    );
  }
  let total = 0;
  for (let i = 0; i < denominator.length; i++) {
    if (denominator[i] < 0) {
      throw new StatisticError(
        `${NAME}: column "${p.denominator}" has negative value ${denominator[i]} in branch "${branch}"; method "exact" needs denominators >= 0, use method "monte_carlo"`,
      );
    }
    total += denominator[i];
  }
  if (!(total > 0)) {
    throw new StatisticError(`${NAME}: column "${p.denominator}" sums to 0 in branch "${branch}"; the ratio is undefined there`);
  }
  return exactRatioOfMeans(numerator, denominator, p.confidenceInterval);
}
