/**
 * End to end on real A/B data: ../shared/data/cookie_cats.csv through the CSV reader, the pool and
 * the statistics, to files. Expected values computed from the CSV with numpy/scipy (commands in
 * the comments).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAnalysis, type RunAnalysisResult } from '../../src/engine/run-analysis.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { sharedData } from '../support/shared-data.js';
import { tempDir } from '../support/temp-dir.js';

const data = sharedData('cookie_cats.csv');
const config = join(import.meta.dirname, '../../fixtures/cookie-cats/cookie-cats.toml');

describe('cookie cats, end to end', () => {
  let rows: StatisticRow[];
  let result: RunAnalysisResult;
  beforeAll(async () => {
    const out = tempDir('cookie');
    result = await runAnalysis({
      configPaths: [config],
      input: data,
      slug: 'cookie-cats',
      period: 'overall',
      window: 1,
      windowLength: 14,
      branchColumn: 'version',
      target: new LocalTarget(out),
      seed: 7,
      threads: 2,
    });
    rows = JSON.parse(await readFile(join(out, 'statistics_cookie_cats_overall_1.json'), 'utf8'));
  });

  const one = (filter: Partial<StatisticRow>) => {
    const found = rows.filter((r) => Object.entries(filter).every(([k, v]) => r[k as keyof StatisticRow] === v));
    expect(found).toHaveLength(1);
    return found[0];
  };

  it('counts every player once per branch (data README: 44,700 and 45,489)', () => {
    expect(result.rowsRead).toBe(90_189);
    expect(one({ metric: 'identity', branch: 'gate_30' }).point).toBe(44_700);
    expect(one({ metric: 'identity', branch: 'gate_40' }).point).toBe(45_489);
  });

  it('gives the Beta posterior of day-1 retention exactly', () => {
    // gate_30: 20,034 of 44,700 retained; scipy.stats.beta.ppf([0.025, 0.975], 20035, 24667)
    // = [0.44358241, 0.45280246]; posterior mean 20035 / 44702 = 0.44819023757326293.
    const row = one({ metric: 'retention_1', statistic: 'binomial', branch: 'gate_30', comparison: null });
    expect(row.point).toBeCloseTo(0.44819023757326293, 12);
    expect(row.lower).toBeCloseTo(0.44358241, 8);
    expect(row.upper).toBeCloseTo(0.45280246, 8);
  });

  it('bootstraps the winsorized mean of game rounds within Monte Carlo error', () => {
    // numpy: gate_30 clipped at its 0.995 quantile 614.505 -> mean 50.01763, s/sqrt(n) = 0.42337.
    // The point is a mean of 10,000 replicates (MC sd 0.0042); the bounds are replicate quantiles
    // (MC sd about 0.011); tolerances are five of those.
    const row = one({ metric: 'sum_game_rounds', statistic: 'mean', branch: 'gate_30', comparison: null });
    expect(Math.abs(row.point! - 50.01763)).toBeLessThan(0.021);
    expect(Math.abs(row.lower! - (50.01763 - 1.959964 * 0.42337))).toBeLessThan(0.06);
    expect(Math.abs(row.upper! - (50.01763 + 1.959964 * 0.42337))).toBeLessThan(0.06);
  });

  it('writes every row Jetstream would for two branches', () => {
    // binomial 2 x (k + 2k(k-1)) = 12, bootstrap_mean 6, deciles 9 x 6 = 54, identity 2.
    expect(rows).toHaveLength(74);
    expect(result.errors).toBe(0);
  });
});
