/**
 * `population_ratio`: the ratio Σ numerator / Σ denominator of two upstream metrics per branch, by
 * classical bootstrap, with each column winsorized at its own per-branch `1 - drop_highest`
 * quantile first; per-branch rows (mean of the replicates, percentile interval) and, for every
 * ordered pair of branches, `difference` and `relative_uplift` from replicate-by-replicate pairs.
 *
 * Used on a metric with `depends_on = [numerator, denominator]`: the frame holds those two columns
 * (`columns()`), the metric's own column is not read.
 *
 * Parity: jetstream PopulationRatio -> mozanalysis `frequentist_stats.bootstrap.compare_branches`
 * with `stat_fn = mean(num) / mean(den)` (spec 2.7).
 */
import {
  assertKnownKeys,
  readConfidence,
  readNumberIn,
  readPositiveInteger,
  readString,
} from '../config/params.js';
import { compareReplicates } from '../kernels/compare-replicates.js';
import { bootstrapRatioOfSums } from '../kernels/ratio-bootstrap.js';
import { summarizeReplicates } from '../kernels/summarize-replicates.js';
import { winsorizeTop } from '../kernels/winsorize-top.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic, StatisticError } from './define.js';

/** Validated population_ratio parameters. */
export interface PopulationRatioParams {
  readonly numerator: string;
  readonly denominator: string;
  readonly confidenceInterval: number;
  readonly dropHighest: number;
  readonly numSamples: number;
}

const NAME = 'population_ratio';

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

export default defineStatistic<PopulationRatioParams, Float64Array>({
  kind: 'per-branch',
  name: NAME,
  label: NAME,
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['numerator', 'denominator', 'confidence_interval', 'drop_highest', 'num_samples']);
    return {
      numerator: readString(owner, raw, 'numerator'),
      denominator: readString(owner, raw, 'denominator'),
      confidenceInterval: readConfidence(owner, raw),
      // mozanalysis filter_outliers requires the quantile 1 - drop_highest in [0.5, 1].
      dropHighest: readNumberIn(owner, raw, 'drop_highest', { min: 0, max: 0.5, fallback: 0.005 }),
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
    };
  },
  columns: (p) => ({ required: [p.numerator, p.denominator], metricColumn: false }),
  summarize: ({ columns, branch, seed }, p) => {
    const q = 1 - p.dropHighest;
    const numerator = upstreamColumn(columns, p.numerator, branch);
    const denominator = upstreamColumn(columns, p.denominator, branch);
    if (numerator.length === 0) return new Float64Array(0);
    return bootstrapRatioOfSums({
      numerator: winsorizeTop(numerator, q),
      denominator: winsorizeTop(denominator, q),
      numSamples: p.numSamples,
      seed,
    });
  },
  compare: ({ branches, summaries }, p) => {
    const present = branches.map((_, b) => b).filter((b) => summaries[b].length > 0);
    const rows: RowDraft[] = [];
    const ciWidth = p.confidenceInterval;
    for (const b of present) {
      const s = summarizeReplicates(summaries[b], ciWidth);
      rows.push({ branch: branches[b], ciWidth, point: s.point, lower: s.lower, upper: s.upper });
    }
    for (const r of present) {
      for (const b of present) {
        if (b === r) continue;
        const { difference: d, relativeUplift: u } = compareReplicates(summaries[b], summaries[r], ciWidth);
        const common = { branch: branches[b], comparisonToBranch: branches[r], ciWidth };
        rows.push({ ...common, comparison: 'difference', point: d.point, lower: d.lower, upper: d.upper });
        rows.push({ ...common, comparison: 'relative_uplift', point: u.point, lower: u.lower, upper: u.upper });
      }
    }
    return rows;
  },
});
