/**
 * The kernel benchmark suites: every statistic's per-branch work (through its registered definition,
 * as a worker runs it) and every pretreatment, each beside a naive baseline of the same estimator,
 * at the requested sizes, timed with tinybench. Throughput is values x replicates per second on one
 * core (each case runs on the calling thread).
 */
import { Bench } from 'tinybench';
import type { Frame } from '../src/engine/frame.js';
import { getPretreatment } from '../src/pretreatments/registry.js';
import type { AnalysisContext, Reporter } from '../src/statistics/define.js';
import { getStatistic } from '../src/statistics/registry.js';
import { sharedBayesianBootstrapMeans } from '../src/kernels/shared-bayesian-bootstrap-means.js';
import { benchColumns, formatSize } from './bench-data.js';
import * as naive from './naive-baselines.js';
import { sortFloat64 } from '../src/kernels/sort-float64.js';

/** One timed row of the kernel benchmarks. */
export interface KernelBenchRow {
  readonly suite: string;
  readonly variant: 'contrail' | 'naive';
  readonly rows: number;
  readonly replicates: number;
  /** Mean wall time of one call, ms. */
  readonly ms: number;
  /** rows x replicates per second, one core. */
  readonly throughput: number;
}

/** What `runKernelBench` runs: sizes, replicates, suites, iterations, and a per-row callback. */
export interface KernelBenchOptions {
  readonly sizes: readonly number[];
  /** Replicates of the bootstrap statistics at full size (the estimator's default is 10,000). */
  readonly replicates: number;
  /** Suite names to run (prefix match); all when empty. */
  readonly suites: readonly string[];
  /** Iterations per case (after one warm-up). */
  readonly iterations: number;
  readonly onRow?: (row: KernelBenchRow) => void;
}

interface Case {
  suite: string;
  variant: 'contrail' | 'naive';
  replicates: number;
  run: () => unknown;
}

const CONTEXT: AnalysisContext = { metric: 'x', referenceBranch: 'control', periodLength: 7, period: 'week' };
const REPORT: Reporter = { warn: () => {}, error: () => {} };

/** Replicates so that a naive bootstrap call touches about `budget` values (at least 1, at most `cap`). */
function budgeted(n: number, cap: number, budget = 2e7): number {
  return Math.max(1, Math.min(cap, Math.round(budget / n)));
}

function perBranch(name: string, raw: Record<string, unknown>, values: Float64Array, columns: Record<string, Float64Array> = {}) {
  const definition = getStatistic(name);
  if (definition.kind !== 'per-branch') throw new Error(`bench: ${name} is not a per-branch statistic`);
  const params = definition.params(raw, name);
  return () => definition.summarize({ values, columns: { x: values, ...columns }, branch: 'treatment', seed: 7, context: CONTEXT }, params);
}

function cases(n: number, replicates: number): Case[] {
  const c = benchColumns(n, 1);
  const half = benchColumns(Math.max(2, n >> 1), 2);
  const B = replicates;
  const list: Case[] = [];
  const add = (suite: string, variant: Case['variant'], reps: number, run: () => unknown) => list.push({ suite, variant, replicates: reps, run });

  add('bootstrap_mean continuous', 'contrail', B, perBranch('bootstrap_mean', { num_samples: B }, c.heavy));
  add('bootstrap_mean continuous', 'naive', budgeted(n, B), () => naive.naiveBayesianBootstrap(c.heavy, budgeted(n, B), 7));
  add('bootstrap_mean 0/1', 'contrail', 10_000, perBranch('bootstrap_mean', { num_samples: 10_000 }, c.binary));
  add('bootstrap_mean 0/1', 'naive', budgeted(n, B), () => naive.naiveBayesianBootstrap(c.binary, budgeted(n, B), 7));
  add('bootstrap_mean counts', 'contrail', 10_000, perBranch('bootstrap_mean', { num_samples: 10_000 }, c.counts));
  add('bootstrap_mean counts', 'naive', budgeted(n, B), () => naive.naiveBayesianBootstrap(c.counts, budgeted(n, B), 7));
  // Shared weights: six subsets of one branch's clients shaped as the demo's segments x bases
  // (1 + 0.55 + 0.15 + 0.75 + 0.41 + 0.11 = 2.97 rows per client); naive: each subset on its own.
  const subsets = [1, 0.55, 0.15, 0.75, 0.41, 0.11].map((fraction, m) => {
    const positions = Int32Array.from({ length: n }, (_, p) => p).filter((p) => ((Math.imul(p, 0x9e3779b1) ^ m) >>> 0) / 2 ** 32 < fraction);
    return { positions, values: Float64Array.from(positions, (p) => c.heavy[p]) };
  });
  add('bootstrap_mean shared 6 subsets', 'contrail', B, () => sharedBayesianBootstrapMeans({ universe: n, members: subsets, numSamples: B, seed: 7 }));
  add('bootstrap_mean shared 6 subsets', 'naive', budgeted(3 * n, B), () => subsets.map((s) => naive.naiveBayesianBootstrap(s.values, budgeted(3 * n, B), 7)));
  const ratioRaw = { numerator: 'num', denominator: 'den' };
  add('population_ratio counts', 'contrail', B, perBranch('population_ratio', { ...ratioRaw, num_samples: B }, c.numerator, { num: c.numerator, den: c.denominator }));
  add('population_ratio counts', 'naive', budgeted(n, B), () => naive.naiveRatioBootstrap(c.numerator, c.denominator, budgeted(n, B), 7));
  add('population_ratio continuous', 'contrail', B, perBranch('population_ratio', { ...ratioRaw, num_samples: B }, c.heavy, { num: c.heavy, den: c.covariate }));
  add('population_ratio continuous', 'naive', budgeted(n, B), () => naive.naiveRatioBootstrap(c.heavy, c.covariate, budgeted(n, B), 7));
  add('deciles', 'contrail', 10_000, perBranch('deciles', { num_samples: 10_000 }, c.heavy));
  add('deciles', 'naive', budgeted(n, 10_000, 2e6), () => naive.naiveDecileBootstrap(c.heavy, budgeted(n, 10_000, 2e6), 7));
  add('binomial', 'contrail', 1, perBranch('binomial', {}, c.binary));
  add('binomial', 'naive', 1, () => naive.naiveBinomial(c.binary));
  add('kernel_density_estimate', 'contrail', 1, perBranch('kernel_density_estimate', {}, c.heavy));
  if (n <= 100_000) add('kernel_density_estimate', 'naive', 1, () => naive.naiveKde(c.heavy, 256));
  add('empirical_cdf', 'contrail', 1, perBranch('empirical_cdf', {}, c.heavy));
  if (n <= 100_000) add('empirical_cdf', 'naive', 1, () => naive.naiveEcdf(c.heavy, 256));

  // linear_model_mean: two branches of n/2 rows (the frame statistic sees every branch at once).
  const lm = getStatistic('linear_model_mean');
  if (lm.kind === 'frame') {
    const frame = (withCovariate: boolean): Frame => ({
      branches: ['control', 'treatment'],
      parts: [c, half].map((cols) => {
        const m = Math.max(2, n >> 1);
        const columns: Record<string, Float64Array> = { x: cols.heavy.subarray(0, m) };
        if (withCovariate) columns.x_pre = cols.covariate.subarray(0, m);
        return { length: m, columns };
      }),
    });
    const plain = frame(false);
    const adjusted = frame(true);
    const plainParams = lm.params({}, 'linear_model_mean');
    const adjustedParams = lm.params({ covariate_adjustment: { period: 'preenrollment_week' } }, 'linear_model_mean');
    add('linear_model_mean', 'contrail', 1, () => lm.analyze({ frame: plain, seed: 1, context: CONTEXT, report: REPORT }, plainParams));
    add('linear_model_mean', 'naive', 1, () => naive.naiveOls(plain.parts.map((p) => p.columns.x), null));
    add('linear_model_mean covariate', 'contrail', 1, () => lm.analyze({ frame: adjusted, seed: 1, context: CONTEXT, report: REPORT }, adjustedParams));
    add('linear_model_mean covariate', 'naive', 1, () => naive.naiveOls(adjusted.parts.map((p) => p.columns.x), adjusted.parts.map((p) => p.columns.x_pre)));
  }

  // Sorting a column (deciles, KDE, tallies, linear_model_mean's covariate grid); naive: the built-in sort.
  add('sort_float64', 'contrail', 1, () => sortFloat64(c.heavy.slice()));
  add('sort_float64', 'naive', 1, () => c.heavy.slice().sort());

  // Pretreatments on one branch, with 1 % nulls.
  const withNulls = Float64Array.from(c.heavy, (v, i) => (i % 100 === 0 ? Number.NaN : v));
  const pretreatments: [string, Record<string, unknown>][] = [
    ['remove_nulls', {}],
    ['remove_indefinites', {}],
    ['zero_fill', {}],
    ['log', {}],
    ['censor_highest_values', { fraction: 0.99 }],
    ['censor_lowest_values', { fraction: 0.01 }],
    ['censor_values_above_threshold', { threshold: 10 }],
    ['censor_values_below_threshold', { threshold: 0.1 }],
    ['normalize_over_analysis_period', {}],
  ];
  for (const [name, raw] of pretreatments) {
    const definition = getPretreatment(name);
    const params = definition.params(raw, name);
    const frame: Frame = { branches: ['treatment'], parts: [{ length: n, columns: { x: withNulls } }] };
    add(`pretreatment ${name}`, 'contrail', 1, () => definition.apply(frame, 'x', params, { periodLength: 7 }));
    add(`pretreatment ${name}`, 'naive', 1, () => naive.naivePretreatment(name, withNulls));
  }
  return list;
}

/** Runs the selected suites at every size; returns (and streams through onRow) one row per case. */
export async function runKernelBench(options: KernelBenchOptions): Promise<KernelBenchRow[]> {
  const rows: KernelBenchRow[] = [];
  for (const n of options.sizes) {
    // Fewer replicates at large n keep a default run in tens of seconds; throughput is per replicate.
    const replicates = Math.max(10, Math.min(options.replicates, Math.round((options.replicates * 1e5) / n)));
    const selected = cases(n, replicates).filter((c) => options.suites.length === 0 || options.suites.some((s) => c.suite.startsWith(s)));
    for (const c of selected) {
      const bench = new Bench({ iterations: options.iterations, warmupIterations: 1, time: 100, warmupTime: 50 });
      bench.add(`${c.suite} ${c.variant} ${formatSize(n)}`, c.run);
      await bench.run();
      const result = bench.tasks[0].result as { latency?: { mean?: number }; error?: unknown } | undefined;
      if (result?.error !== undefined) throw result.error;
      const ms = result?.latency?.mean ?? Number.NaN;
      const row: KernelBenchRow = { suite: c.suite, variant: c.variant, rows: n, replicates: c.replicates, ms, throughput: (n * c.replicates) / (ms / 1000) };
      rows.push(row);
      options.onRow?.(row);
    }
  }
  return rows;
}

/** A Markdown table of the rows, each Contrail row with its speed-up over the naive row of its suite and size. */
export function formatKernelTable(rows: readonly KernelBenchRow[]): string {
  const lines = ['| suite | rows | variant | replicates | ms per call | values x replicates / s / core | speed-up |', '| --- | ---: | --- | ---: | ---: | ---: | ---: |'];
  for (const row of rows) {
    const base = rows.find((r) => r.suite === row.suite && r.rows === row.rows && r.variant === 'naive');
    const speedup = row.variant === 'contrail' && base !== undefined ? `${(row.throughput / base.throughput).toFixed(1)}x` : '';
    lines.push(`| ${row.suite} | ${formatSize(row.rows)} | ${row.variant} | ${row.replicates} | ${row.ms.toFixed(1)} | ${formatThroughput(row.throughput)} | ${speedup} |`);
  }
  return lines.join('\n');
}

function formatThroughput(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)} M`;
  return `${(x / 1e3).toFixed(1)} k`;
}
