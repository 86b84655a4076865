/**
 * `binomial`: a conversion rate with a Beta(1, 1) prior. Per branch, the posterior
 * Beta(s + 1, n - s + 1) of n rows with s ones: point = posterior mean (s + 1)/(n + 2) and the
 * analytic quantile interval. Comparisons: `num_samples` seeded posterior draws per branch, paired
 * replicate by replicate for every ordered pair of branches (`difference`, `relative_uplift`).
 *
 * Deliberate fix: bounds at any `confidence_interval` (mozanalysis hard-codes its default quantiles,
 * so Jetstream has binomial bounds at 0.95 and 0.99 only).
 * Parity: jetstream Binomial -> mozanalysis `binary.compare_branches` (spec 2.5, 4).
 */
import { assertKnownKeys, readConfidence, readPositiveInteger } from '../config/params.js';
import { betaQuantile } from '../kernels/beta-quantile.js';
import { sampleBeta } from '../kernels/beta-sample.js';
import { GammaSampler } from '../kernels/gamma-sample.js';
import { streamRng } from '../kernels/rng.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic, StatisticError } from './define.js';
import { requireAnalysableValues } from './support/branch-values.js';
import { comparisonReplicateRows } from './support/replicate-rows.js';

/** `binomial`'s parameters, from `confidence_interval` and `num_samples`. */
export interface BinomialParams {
  readonly confidenceInterval: number;
  readonly numSamples: number;
}

/** One branch of `binomial`: its tallies and its posterior draws. */
export interface BinomialSummary {
  /** Rows of the branch. */
  readonly count: number;
  /** Rows equal to 1 (true). */
  readonly conversions: number;
  /** Posterior draws, replicate r from `streamRng(seed, r)`. */
  readonly replicates: Float64Array;
}

const NAME = 'binomial';

/** Jetstream `binomial`: Beta posterior per branch, Monte Carlo comparisons. */
export default defineStatistic<BinomialParams, BinomialSummary>({
  kind: 'per-branch',
  name: NAME,
  label: 'binomial',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['confidence_interval', 'num_samples']);
    return {
      confidenceInterval: readConfidence(owner, raw),
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
    };
  },
  summarize: ({ values, branch, seed, context }, p) => {
    requireAnalysableValues(values, context.metric, branch, NAME);
    let conversions = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === 1) conversions++;
      else if (v !== 0) {
        throw new StatisticError(
          `binomial: every value of ${JSON.stringify(context.metric)} must be 0 or 1 (or a boolean), got ${v} in branch ${JSON.stringify(branch)}`,
        );
      }
    }
    const a = conversions + 1;
    const b = values.length - conversions + 1;
    const replicates = new Float64Array(p.numSamples);
    const gamma = new GammaSampler(streamRng(seed, 0));
    for (let r = 0; r < p.numSamples; r++) {
      gamma.reset(streamRng(seed, r));
      replicates[r] = sampleBeta(a, b, gamma);
    }
    return { count: values.length, conversions, replicates };
  },
  compare: ({ branches, summaries }, p) => {
    const ciWidth = p.confidenceInterval;
    const tail = (1 - ciWidth) / 2;
    const rows: RowDraft[] = branches.map((branch, i) => {
      const { count, conversions } = summaries[i];
      const a = conversions + 1;
      const b = count - conversions + 1;
      return { branch, ciWidth, point: a / (count + 2), lower: betaQuantile(tail, a, b), upper: betaQuantile(1 - tail, a, b) };
    });
    rows.push(...comparisonReplicateRows(branches, summaries.map((s) => s.replicates), ciWidth));
    return rows;
  },
});
