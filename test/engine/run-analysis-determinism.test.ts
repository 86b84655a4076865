/**
 * Determinism: the demo analysis (bundled fixture, default + demo config) gives byte-identical
 * statistics at any thread count and batch size, and a different seed changes the random rows.
 */
import { readFile } from 'node:fs/promises';
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
