/**
 * Shared bootstrap weights end to end: bootstrap_mean of two metrics over three segments and two
 * bases of a generated 60,000-client experiment (20,000 per branch, so the continuous subsets hold
 * more than 4,096 distinct values and share weights). The output is byte-identical at any thread count
 * and batch size; a summary's numbers do not depend on which other summaries share its weights; and
 * a summary that runs alone (its own weights) agrees with the shared one within Monte Carlo error.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoAnalysis } from '../../src/fixtures/demo-analysis.js';
import { generateExperiment } from '../../src/fixtures/generate-experiment.js';
import { runAnalysis } from '../../src/engine/run-analysis.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { tempDir } from '../support/temp-dir.js';

interface Row {
  metric: string;
  branch: string;
  comparison: string | null;
  comparison_to_branch: string | null;
  segment: string;
  analysis_basis: string;
  point: number;
  lower: number;
  upper: number;
}

const CONFIGS = {
  sph: '[metrics.searches_per_hour.statistics.bootstrap_mean]\nnum_samples = 400\npre_treatments = ["remove_indefinites"]\n',
  activeHours: '[metrics.active_hours.statistics.bootstrap_mean]\nnum_samples = 400\npre_treatments = ["remove_indefinites"]\n',
  noSegments: '[experiment]\nsegments = []\n',
  enrollmentsOnly: '[metrics.searches_per_hour]\nanalysis_bases = ["enrollments"]\n',
};

let input: string;
let configDir: string;

async function run(configs: (keyof typeof CONFIGS)[], threads = 2, batchSize = 65_536): Promise<{ json: string; rows: Row[] }> {
  const out = tempDir('groups-out');
  const { configPaths, slug, period, window } = demoAnalysis();
  await runAnalysis({
    configPaths: [...configPaths, ...configs.map((c) => join(configDir, `${c}.toml`))],
    input,
    slug,
    period,
    window,
    target: new LocalTarget(out),
    seed: 5,
    threads,
    batchSize,
    statistics: ['bootstrap_mean'],
  });
  const json = await readFile(join(out, 'statistics_contrail_demo_week_1.json'), 'utf8');
  return { json, rows: (JSON.parse(json) as Row[]).filter((r) => r.metric !== 'identity') };
}

const pick = (rows: Row[], metric: string, segment: string, basis: string) =>
  rows.filter((r) => r.metric === metric && r.segment === segment && r.analysis_basis === basis);

describe('shared bootstrap weights in an analysis', () => {
  let base: Awaited<ReturnType<typeof run>>;
  beforeAll(async () => {
    input = tempDir('groups-in');
    configDir = tempDir('groups-config');
    await generateExperiment({ clients: 60_000, out: input, format: 'parquet' });
    for (const [name, text] of Object.entries(CONFIGS)) await writeFile(join(configDir, `${name}.toml`), text);
    base = await run(['sph', 'activeHours']);
  }, 120_000);

  it('computes both metrics for every segment and basis', () => {
    // 2 metrics x 3 segments x 2 bases, each 3 branch rows + 6 ordered pairs x 2 comparisons
    expect(base.rows).toHaveLength(2 * 3 * 2 * (3 + 12));
  });

  it('is byte-identical with one thread and a small batch size', async () => {
    expect((await run(['sph', 'activeHours'], 1, 1_000)).json).toBe(base.json);
  });

  it('gives a summary the same numbers, up to rounding, whichever summaries of its clients share its weights', async () => {
    // without segments the group holds 4 summaries instead of 12, over the same clients; the `all`
    // ones must not move but by rounding: the order of additions (shared-sums-plan.ts) and the
    // kernel's f32 sums within a block of draws, ~2^-24·√512 of the values' spread per block, far
    // below 1e-4 of an interval's width (other weights would move them by about the width)
    const fewer = await run(['sph', 'activeHours', 'noSegments']);
    for (const [metric, basis] of [['searches_per_hour', 'enrollments'], ['active_hours', 'exposures']]) {
      const want = pick(base.rows, metric, 'all', basis);
      const got = pick(fewer.rows, metric, 'all', basis);
      expect(got.map((r) => [r.branch, r.comparison, r.comparison_to_branch])).toEqual(want.map((r) => [r.branch, r.comparison, r.comparison_to_branch]));
      got.forEach((r, i) => {
        for (const key of ['point', 'lower', 'upper'] as const) {
          expect(Math.abs(r[key] - want[i][key])).toBeLessThanOrEqual(1e-4 * (want[i].upper - want[i].lower));
        }
      });
    }
  });

  it('agrees within Monte Carlo error with the summary bootstrapped alone (its own weights)', async () => {
    // one summary in its group: its own path and seed, so the numbers differ from the shared ones
    const alone = pick((await run(['sph', 'noSegments', 'enrollmentsOnly'])).rows, 'searches_per_hour', 'all', 'enrollments');
    const shared = pick(base.rows, 'searches_per_hour', 'all', 'enrollments');
    expect(alone).toHaveLength(15);
    expect(alone.map((r) => r.point)).not.toEqual(shared.map((r) => r.point));
    for (const a of alone) {
      const s = shared.find((r) => r.branch === a.branch && r.comparison === a.comparison && r.comparison_to_branch === a.comparison_to_branch)!;
      // points are means of 400 replicates: two independent ones differ by sd x sqrt(2 / 400), sd ~ width / 3.92
      const sd = (a.upper - a.lower) / 3.92;
      expect(Math.abs(a.point - s.point)).toBeLessThan(5 * sd * Math.sqrt(2 / 400));
      // 2.5 % / 97.5 % quantiles of 400 replicates: the widths within 25 %
      expect(Math.abs((s.upper - s.lower) / (a.upper - a.lower) - 1)).toBeLessThan(0.25);
    }
  });
});
