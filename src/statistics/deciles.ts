/**
 * `deciles`: the quantile bootstrap of the 0.1, ..., 0.9 quantiles without resampling. Per branch the
 * values are sorted once (discrete ones tallied instead: tally-order-statistic.ts); replicate r of
 * decile q is sorted[index] with index ~ Binomial(n - 1, q)
 * drawn from `streamRng(mixSeed(seed, d), r)` (d = decile index 0..8): the order statistic that
 * a full resample's q-quantile would pick. Rows per decile (`parameter` = q): per branch the mean of
 * its replicates and their quantile interval, then `difference` and `relative_uplift` for every
 * ordered pair of branches. No winsorizing.
 *
 * `method = "exact"` (deliberate extension, see docs/exact-bootstrap.md) ignores `num_samples`: the
 * replicate of decile q is exactly distributed as sorted[K], K ~ Binomial(n - 1, q)
 * (`orderStatisticDistribution`); rows use its mean and the quantiles np.quantile of many replicates
 * converges to (`discreteQuantile`), comparisons the exact distribution of the pair
 * (`compareDiscreteDistributions`).
 *
 * Reference: Schultzberg & Ankargren (2022), "Resampling-free bootstrap inference for quantiles",
 * arXiv 2202.10992. Parity: jetstream Deciles -> mozanalysis
 * `frequentist_stats.bootstrap.compare_branches_quantiles` (spec 2.6, 2); bounds at any confidence.
 */
import { assertKnownKeys, readConfidence, readPositiveInteger } from '../config/params.js';
import { sampleBinomial } from '../kernels/binomial-sample.js';
import { discreteMean, discreteQuantile, type DiscreteDistribution } from '../kernels/discrete-distribution.js';
import { compareDiscreteDistributions } from '../kernels/exact-discrete-compare.js';
import { orderStatisticDistribution } from '../kernels/order-statistic-distribution.js';
import { nativeSort } from '../kernels/native-sort.js';
import { mixSeed, streamSeeds } from '../kernels/rng.js';
import { XoshiroState } from '../kernels/xoshiro-state.js';
import { tallyOrderStatistic } from '../kernels/tally-order-statistic.js';
import { TALLY_DISTINCT_LIMIT, tallyWinsorized } from '../kernels/tally-winsorized.js';
import type { RowDraft } from '../results/statistic-row.js';
import { defineStatistic } from './define.js';
import { readBootstrapMethod, type BootstrapMethod } from './support/bootstrap-method.js';
import { requireAnalysableValues } from './support/branch-values.js';
import { exactRows } from './support/exact-rows.js';
import { branchReplicateRows, comparisonReplicateRows } from './support/replicate-rows.js';
import { sortFloat64 } from '../kernels/sort-float64.js';

/** `deciles`' parameters, from `num_samples`, `confidence_interval` and `method`. */
export interface DecilesParams {
  readonly numSamples: number;
  /** `monte_carlo` (default) or `exact` (num_samples unused). */
  readonly method: BootstrapMethod;
  readonly confidenceInterval: number;
}

/** One branch of `deciles`: replicates of each decile (monte_carlo) or their exact distributions (exact). */
export type DecilesSummary =
  | {
      /** Replicates per decile, aligned with DECILES. */
      readonly replicates: readonly Float64Array[];
    }
  | {
      /** The exact replicate distribution per decile, aligned with DECILES. */
      readonly exact: readonly DiscreteDistribution[];
    };

const NAME = 'deciles';
/** 0.1 .. 0.9, each the double nearest to d/10. */
export const DECILES: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => d / 10);

/**
 * ranks[r] = orderStatistic(ranks[r]), in place: a loop of its own, where in the per-decile callback
 * its on-stack replacement recompiled the callback (9 times a demo run).
 */
function orderStatistics(ranks: Float64Array, orderStatistic: (j: number) => number): Float64Array {
  for (let r = 0; r < ranks.length; r++) ranks[r] = orderStatistic(ranks[r]);
  return ranks;
}

/** Jetstream `deciles`: the binomial-index quantile bootstrap of 0.1, ..., 0.9. */
export default defineStatistic<DecilesParams, DecilesSummary>({
  kind: 'per-branch',
  name: NAME,
  label: 'deciles',
  params: (raw, owner) => {
    assertKnownKeys(owner, raw, ['num_samples', 'confidence_interval', 'method']);
    return {
      numSamples: readPositiveInteger(owner, raw, 'num_samples', 10_000),
      method: readBootstrapMethod(owner, raw),
      confidenceInterval: readConfidence(owner, raw),
    };
  },
  summarize: ({ values, branch, seed, context }, p) => {
    requireAnalysableValues(values, context.metric, branch, NAME);
    if (p.method === 'exact') {
      const sorted = sortFloat64(Float64Array.from(values));
      return { exact: DECILES.map((q) => orderStatisticDistribution(sorted, q)) };
    }
    // Discrete values: order statistics from their tally, no sort (the same values out).
    const tally = tallyWinsorized(values, 1, TALLY_DISTINCT_LIMIT);
    const sorted = tally === null ? sortFloat64(Float64Array.from(values)) : null;
    const orderStatistic = sorted === null ? tallyOrderStatistic(tally!) : (j: number) => sorted[j];
    const last = values.length - 1;
    // one generator restarted per replicate on streamRng(decileSeed, r)'s stream: a new Rng per
    // replicate was ~0.3 worker-s of the demo's deciles in allocation and collection
    const rng = new XoshiroState(0);
    const native = nativeSort();
    const seeds = new Uint32Array(p.numSamples);
    const replicates = DECILES.map((q, d) => {
      const decileSeed = mixSeed(seed, d);
      const out = new Float64Array(p.numSamples);
      if (native !== null) {
        // the same draws in C (src/kernels/native/binomial-sample.c), the method's constants once per decile
        native.binomialDraws(last, q, streamSeeds(decileSeed, 0, seeds), out);
        return orderStatistics(out, orderStatistic);
      }
      for (let r = 0; r < p.numSamples; r++) {
        rng.reseed(mixSeed(decileSeed, r));
        out[r] = orderStatistic(sampleBinomial(last, q, rng));
      }
      return out;
    });
    return { replicates };
  },
  compare: ({ branches, summaries }, p) => {
    const rows: RowDraft[] = [];
    if (p.method === 'exact') {
      const tail = (1 - p.confidenceInterval) / 2;
      DECILES.forEach((q, d) => {
        const distributions = summaries.map((s) => ('exact' in s ? s.exact[d] : missing('exact')));
        rows.push(
          ...exactRows({
            branches,
            intervals: distributions.map((x) => ({
              point: discreteMean(x),
              lower: discreteQuantile(x, tail),
              upper: discreteQuantile(x, 1 - tail),
            })),
            distributions,
            compare: (focus, reference) => compareDiscreteDistributions(focus, reference, p.confidenceInterval),
            ciWidth: p.confidenceInterval,
            parameter: q,
          }),
        );
      });
      return rows;
    }
    DECILES.forEach((q, d) => {
      const replicates = summaries.map((s) => ('replicates' in s ? s.replicates[d] : missing('monte_carlo')));
      rows.push(...branchReplicateRows(branches, replicates, p.confidenceInterval, q));
      rows.push(...comparisonReplicateRows(branches, replicates, p.confidenceInterval, q));
    });
    return rows;
  },
});

function missing(method: BootstrapMethod): never {
  throw new Error(`${NAME}: a branch summary lacks its ${method} result; summaries and params must use the same method`);
}
