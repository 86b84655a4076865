/**
 * `deciles`: the quantile bootstrap of the 0.1, ..., 0.9 quantiles without resampling. Per branch the
 * values are sorted once; replicate r of decile q is sorted[index] with index ~ Binomial(n - 1, q)
 * drawn from `streamRng(mixSeed(seed, d), r)` (d = decile index 0..8): the order statistic that
 * a full resample's q-quantile would pick. Rows per decile (`parameter` = q): per branch the mean of
 * its replicates and their quantile interval, then `difference` and `relative_uplift` for every
 * ordered pair of branches. No winsorizing.
 *
 * Reference: Schultzberg & Ankargren (2022), "Resampling-free bootstrap inference for quantiles",
 * arXiv 2202.10992. Parity: jetstream Deciles -> mozanalysis
 * `frequentist_stats.bootstrap.compare_branches_quantiles` (spec 2.6, 2); bounds at any confidence.
 */
import { assertKnownKeys, readConfidence, readPositiveInteger } from '../config/params.js';
import { sampleBinomial } from '../kernels/binomial-sample.js';
import { mixSeed, streamRng } from '../kernels/rng.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic } from './define.js';
import { requireAnalysableValues } from './support/branch-values.js';
import { branchReplicateRows, comparisonReplicateRows } from './support/replicate-rows.js';

/** `deciles`' parameters, from `num_samples` and `confidence_interval`. */
export interface DecilesParams {
  readonly numSamples: number;
  readonly confidenceInterval: number;
}

/** One branch of `deciles`: replicates of each decile. */
export interface DecilesSummary {
  /** Replicates per decile, aligned with DECILES. */
  readonly replicates: readonly Float64Array[];
}

const NAME = 'deciles';
/** 0.1 .. 0.9, each the double nearest to d/10. */
export const DECILES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => d / 10);

/** Jetstream `deciles`: the binomial-index quantile bootstrap of 0.1, ..., 0.9. */
export default defineStatistic<DecilesParams, DecilesSummary>({
  kind: 'per-branch',
  name: NAME,
  label: 'deciles',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['num_samples', 'confidence_interval']);
    return {
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
      confidenceInterval: readConfidence(owner, raw),
    };
  },
  summarize: ({ values, branch, seed, context }, p) => {
    requireAnalysableValues(values, context.metric, branch, NAME);
    const sorted = Float64Array.from(values).sort();
    const last = sorted.length - 1;
    const replicates = DECILES.map((q, d) => {
      const decileSeed = mixSeed(seed, d);
      const out = new Float64Array(p.numSamples);
      for (let r = 0; r < p.numSamples; r++) out[r] = sorted[sampleBinomial(last, q, streamRng(decileSeed, r))];
      return out;
    });
    return { replicates };
  },
  compare: ({ branches, summaries }, p) => {
    const rows: RowDraft[] = [];
    DECILES.forEach((q, d) => {
      const replicates = summaries.map((s) => s.replicates[d]);
      rows.push(...branchReplicateRows(branches, replicates, p.confidenceInterval, q));
      rows.push(...comparisonReplicateRows(branches, replicates, p.confidenceInterval, q));
    });
    return rows;
  },
});
