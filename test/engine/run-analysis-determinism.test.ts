/**
 * Determinism: the demo analysis (bundled fixture, default + demo config) gives byte-identical
 * statistics at any thread count and batch size, and a different seed changes the random rows.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAnalysis } from '../../src/fixtures/demo-analysis.js';
import { runAnalysis } from '../../src/engine/run-analysis.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { tempDir } from '../support/temp-dir.js';

const { experiment: _experiment, ...demoRun } = demoAnalysis();

async function demo(options: { threads: number; batchSize: number; seed: number; bootstrapMethod?: 'exact' | 'monte_carlo' }) {
  const out = tempDir('det');
  const result = await runAnalysis({
    ...demoRun,
    target: new LocalTarget(out),
    ...options,
  });
  return {
    result,
    json: await readFile(join(out, 'statistics_contrail_demo_week_1.json'), 'utf8'),
    parquet: await readFile(join(out, 'statistics_contrail_demo_week_1.parquet')),
  };
}

describe('demo analysis determinism', () => {
  let base: Awaited<ReturnType<typeof demo>>;
  beforeAll(async () => {
    base = await demo({ threads: 2, batchSize: 65_536, seed: 11 });
  });

  it('computes every summary of the demo', () => {
    expect(base.result.summariesComputed).toBeGreaterThan(50);
    expect(base.json.length).toBeGreaterThan(100_000);
  });

  it('is byte-identical with one thread and a small batch size', async () => {
    const other = await demo({ threads: 1, batchSize: 1_000, seed: 11 });
    expect(other.json).toBe(base.json);
    expect(Buffer.compare(other.parquet, base.parquet)).toBe(0);
  });

  it('is byte-identical with two threads and another batch size', async () => {
    const other = await demo({ threads: 2, batchSize: 4_096, seed: 11 });
    expect(other.json).toBe(base.json);
  });

  // Each variable reaches the threads this run starts (reader threads and the pool's workers). Where
  // an addon is not available both runs use its counterpart; native-kernel.test.ts,
  // native-parquet.test.ts and sort-float64.test.ts require them where they should be built.
  it.each([
    ['the WebAssembly bootstrap kernels instead of the native AVX-512 ones', 'CONTRAIL_NATIVE_KERNEL'],
    ['every table read by parquet-wasm instead of the native page decoder (the demo tables are snappy)', 'CONTRAIL_NATIVE_PARQUET'],
    ['the TypeScript radix sorts instead of the C ones', 'CONTRAIL_NATIVE_SORT'],
  ])('is byte-identical with %s', async (_, variable) => {
    process.env[variable] = '0';
    try {
      const other = await demo({ threads: 2, batchSize: 65_536, seed: 11 });
      expect(other.json).toBe(base.json);
      expect(Buffer.compare(other.parquet, base.parquet)).toBe(0);
    } finally {
      delete process.env[variable];
    }
  });

  it('changes the Monte Carlo rows, and only those, with another seed', async () => {
    const other = await demo({ threads: 2, batchSize: 65_536, seed: 12 });
    const rows = (text: string) => JSON.parse(text) as { statistic: string; comparison: string | null; point: number }[];
    const a = rows(base.json);
    const b = rows(other.json);
    expect(b).toHaveLength(a.length);
    const changed = a.filter((r, i) => r.point !== b[i].point).map((r) => r.statistic);
    expect(changed.length).toBeGreaterThan(0);
    // Deterministic statistics (linear models, counts, ECDF, per-branch binomial) do not move.
    expect(new Set(changed)).toEqual(new Set(['mean', 'deciles', 'binomial', 'population_ratio']));
    expect(a.filter((r, i) => r.statistic === 'binomial' && r.comparison === null && r.point !== b[i].point)).toEqual([]);
  });

  it('draws no random numbers for the bootstrap statistics with --bootstrap-method exact', async () => {
    const a = await demo({ threads: 2, batchSize: 65_536, seed: 1, bootstrapMethod: 'exact' });
    const b = await demo({ threads: 1, batchSize: 65_536, seed: 2, bootstrapMethod: 'exact' });
    // bootstrap_mean (searches_per_hour), deciles (4 metrics), population_ratio: x 2 bases x 3 segments.
    expect(a.result.exactSummaries).toBe(16);
    const bootstrapRows = (text: string) =>
      (JSON.parse(text) as { statistic: string }[]).filter((r) => ['mean', 'deciles', 'population_ratio'].includes(r.statistic));
    expect(bootstrapRows(a.json).length).toBeGreaterThan(1_000);
    expect(bootstrapRows(b.json)).toEqual(bootstrapRows(a.json));
  });
});

describe('population_ratio by blocks of rows determinism', () => {
  // active_hours / days_of_use: ~all (numerator, denominator) pairs distinct, so the blocks scheme,
  // whose draws depend on each row's place in its branch: the rows' canonical order must not depend
  // on threads or batches (the counts scheme of the demo's ad_click_rate sorts its pairs instead).
  const config = [
    '[experiment]',
    'start_date = 2026-10-01',
    'enrollment_period = 7',
    'end_date = 2026-11-05',
    'reference_branch = "control"',
    '[metrics]',
    'weekly = ["hours_per_day"]',
    '[metrics.hours_per_day]',
    'analysis_bases = ["enrollments", "exposures"]',
    'depends_on = ["active_hours", "days_of_use"]',
    '[metrics.hours_per_day.statistics.population_ratio]',
    'numerator = "active_hours"',
    'denominator = "days_of_use"',
    'num_samples = 500',
    'pre_treatments = ["remove_nulls"]',
  ].join('\n');

  async function ratios(options: { threads: number; batchSize: number; env?: string }) {
    const dir = tempDir('det-ratio');
    await writeFile(join(dir, 'ratio.toml'), config);
    if (options.env !== undefined) process.env[options.env] = '0';
    try {
      await runAnalysis({
        configPaths: [join(dir, 'ratio.toml')],
        input: demoRun.input,
        slug: demoRun.slug,
        period: demoRun.period,
        window: demoRun.window,
        target: new LocalTarget(join(dir, 'out')),
        seed: 5,
        threads: options.threads,
        batchSize: options.batchSize,
      });
    } finally {
      if (options.env !== undefined) delete process.env[options.env];
    }
    return readFile(join(dir, 'out', 'statistics_contrail_demo_week_1.json'), 'utf8');
  }

  it('is byte-identical at one and two threads, batch sizes 1,000 and 65,536, C and TypeScript', async () => {
    const base = await ratios({ threads: 2, batchSize: 65_536 });
    const rows = JSON.parse(base) as { statistic: string; point: number }[];
    expect(rows.filter((r) => r.statistic === 'population_ratio').length).toBeGreaterThan(20);
    expect(await ratios({ threads: 1, batchSize: 1_000 })).toBe(base);
    expect(await ratios({ threads: 2, batchSize: 4_096, env: 'CONTRAIL_NATIVE_SORT' })).toBe(base);
  });
});
