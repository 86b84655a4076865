/**
 * bootstrap_mean, all rows (2 branches: per-branch rows, difference and relative_uplift both ways),
 * `method = "exact"` (saddlepoint + quadrature, no random numbers) against `method = "monte_carlo"`
 * (10,000 replicates, the default), single-threaded, at 10k / 100k / 1M clients. The values are a
 * continuous skewed metric (exponential, 5 decimals: about 3/4 of the values distinct, as active_hours
 * in the method note). Each time includes summarize (sort, winsorize, tally, evaluate) and compare.
 * Monte Carlo at 1M runs 500 replicates and is scaled to 10,000 (its cost is linear in replicates).
 * Run: npx tsx bench/exact-bootstrap.bench.ts
 */
import { Bench } from 'tinybench';
import { createRng } from '../src/kernels/rng.js';
import bootstrapMean from '../src/statistics/bootstrap-mean.js';
import type { AnalysisContext, PerBranchStatistic } from '../src/statistics/define.js';

const context: AnalysisContext = { metric: 'value', referenceBranch: 'control', periodLength: 7, period: 'week' };
const statistic = bootstrapMean as PerBranchStatistic<unknown, unknown>;

function branchValues(n: number, seed: number, scale: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => Math.round(-Math.log(1 - rng.nextFloat()) * scale * 1e5) / 1e5);
}

function allRows(branches: Float64Array[], raw: Record<string, unknown>): number {
  const params = statistic.params(raw, 'bootstrap_mean');
  const names = ['control', 'treatment'];
  const summaries = branches.map((values, b) =>
    statistic.summarize({ values, columns: { value: values }, branch: names[b], seed: 7 + b, context }, params),
  );
  return statistic.compare({ branches: names, summaries, context, report: { warn() {}, error() {} } }, params).length;
}

const results: string[] = [];
for (const clients of [10_000, 100_000, 1_000_000]) {
  const branches = [branchValues(clients / 2, 1, 2), branchValues(clients / 2, 2, 2.04)];
  const bench = new Bench({ iterations: clients >= 1_000_000 ? 3 : 5, warmupIterations: 1, time: 0 });
  bench.add(`exact ${clients}`, () => {
    allRows(branches, { method: 'exact' });
  });
  await bench.run();
  const result = bench.tasks[0].result as { latency?: { p50?: number } } | undefined;
  const exactMs = result?.latency?.p50 ?? Number.NaN;
  const mcReplicates = clients >= 1_000_000 ? 500 : 10_000;
  const start = performance.now();
  allRows(branches, { method: 'monte_carlo', num_samples: mcReplicates });
  const mcMs = ((performance.now() - start) * 10_000) / mcReplicates;
  results.push(
    `| ${clients.toLocaleString('en-US')} | ${exactMs.toFixed(0)} | ${mcMs.toFixed(0)}${mcReplicates < 10_000 ? ' (from 500)' : ''} | ${(mcMs / exactMs).toFixed(0)}x |`,
  );
}
console.log('bootstrap_mean, 2 branches, all rows, one thread (ms, exact: median)');
console.log('| clients | exact | Monte Carlo 10,000 | speed-up |');
console.log('| ---: | ---: | ---: | ---: |');
for (const line of results) console.log(line);
