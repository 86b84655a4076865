/**
 * Bad input gets a clear error and loses nothing: each problem below names the thing, the value and
 * the fix, and problems confined to one summary leave every other summary computed.
 */
import { mkdtemp, readFile, rm, writeFile, copyFile, truncate, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/engine/run-analysis.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';

const fixture = join(import.meta.dirname, '../../fixtures/contrail-demo');

// 12 clients in three branches; `hours` has a null, `flag` holds a 2, `label` is text, and branch
// "empty" appears only in the config (no clients).
const CSV = `branch,hours,flag,label,clicks
control,1.5,0,a,1
control,2.5,1,b,2
control,,1,c,3
control,4.0,0,d,4
treatment,2.0,1,e,5
treatment,3.0,1,f,6
treatment,5.0,0,g,7
treatment,1.0,1,h,8
other,1.0,2,i,9
other,2.0,1,j,10
other,3.0,0,k,11
other,4.0,1,l,12
`;

const CONFIG = `
[experiment]
reference_branch = "control"

[metrics]
weekly = ["hours", "flag", "label", "missing_metric", "clicks"]

[metrics.hours]
analysis_bases = ["enrollments"]
[metrics.hours.statistics.bootstrap_mean]
num_samples = 200
[metrics.hours.statistics.count]

[metrics.flag]
analysis_bases = ["enrollments"]
[metrics.flag.statistics.binomial]

[metrics.label]
analysis_bases = ["enrollments"]
[metrics.label.statistics.sum]

[metrics.missing_metric]
analysis_bases = ["enrollments"]
[metrics.missing_metric.statistics.sum]

[metrics.clicks]
analysis_bases = ["enrollments"]
[metrics.clicks.statistics.sum]
`;

/** Every directory setup() made, removed when the file's tests end. */
const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function setup(config = CONFIG, csv = CSV) {
  const dir = await mkdtemp(join(tmpdir(), 'contrail-bad-'));
  made.push(dir);
  await writeFile(join(dir, 'table.csv'), csv);
  await writeFile(join(dir, 'config.toml'), config);
  return dir;
}

async function analyse(dir: string, input = join(dir, 'table.csv'), branches?: string[]) {
  const out = join(dir, 'out');
  const result = await runAnalysis({
    branches,
    configPaths: [join(dir, 'config.toml')],
    input,
    slug: 'bad',
    period: 'week',
    window: 1,
    target: new LocalTarget(out),
    seed: 1,
    threads: 1,
  });
  const rows: StatisticRow[] = JSON.parse(await readFile(join(out, 'statistics_bad_week_1.json'), 'utf8'));
  const errors: { metric: string | null; statistic: string | null; message: string; exception_type: string | null }[] = JSON.parse(
    await readFile(join(out, 'errors_bad.json'), 'utf8'),
  );
  return { result, rows, errors };
}

describe('bad input', () => {
  it('reports each per-metric problem with the fix and computes everything else', async () => {
    const { result, rows, errors } = await analyse(await setup());
    const messageFor = (metric: string) => errors.filter((e) => e.metric === metric).map((e) => e.message).join('\n');

    // A null without a pretreatment: the metric, the count and the pretreatments that handle it.
    expect(messageFor('hours')).toMatch(/hours: 1 null or NaN values? reached bootstrap_mean; add the remove_nulls or zero_fill pretreatment/);
    // A value other than 0/1 for binomial, with the branch.
    expect(messageFor('flag')).toMatch(/binomial: every value of "flag" must be 0 or 1 \(or a boolean\), got 2 in branch "other"/);
    // Text in a numeric column.
    expect(messageFor('label')).toMatch(/column "label" of .*table\.csv holds Utf8 values, not numbers or booleans/);
    // A metric column the table does not have.
    expect(messageFor('missing_metric')).toMatch(/column "missing_metric" is not in .*table\.csv; add it to the table or remove the metric/);

    // Everything else is there: count of hours, binomial of the two valid branches, sum of clicks.
    const sum = rows.filter((r) => r.metric === 'clicks' && r.statistic === 'sum');
    expect(sum.map((r) => [r.branch, r.point])).toEqual([
      ['control', 10],
      ['other', 42],
      ['treatment', 26],
    ]);
    expect(rows.filter((r) => r.metric === 'hours' && r.statistic === 'count').map((r) => r.point)).toEqual([4, 4, 4]);
    expect(rows.filter((r) => r.metric === 'flag' && r.comparison === null).map((r) => r.branch)).toEqual(['control', 'treatment']);
    expect(rows.filter((r) => r.metric === 'identity').map((r) => r.point)).toEqual([4, 4, 4]);
    expect(result.summariesComputed).toBeGreaterThan(0);
  });

  it('computes the null-affected statistic once a pretreatment handles the null', async () => {
    const config = CONFIG.replace('num_samples = 200', 'num_samples = 200\npre_treatments = ["remove_nulls"]');
    const { rows, errors } = await analyse(await setup(config));
    expect(errors.filter((e) => e.metric === 'hours')).toEqual([]);
    expect(rows.filter((r) => r.metric === 'hours' && r.statistic === 'mean' && r.comparison === null)).toHaveLength(3);
  });

  it('gives a configured branch without clients an identity count of 0 and omits its statistics', async () => {
    const dir = await setup(CONFIG, CSV.split('\n').filter((l) => !l.startsWith('other')).join('\n'));
    const { rows } = await analyse(dir, undefined, ['control', 'treatment', 'other']);
    expect(rows.filter((r) => r.metric === 'identity').map((r) => [r.branch, r.point])).toEqual([
      ['control', 4],
      ['treatment', 4],
      ['other', 0],
    ]);
    expect(rows.filter((r) => r.metric !== 'identity' && r.branch === 'other')).toEqual([]);
  });

  it('reports a branch emptied by a pretreatment and compares the others', async () => {
    const csv = CSV.replace(/^other,\d\.0,/gm, 'other,,');
    const config = CONFIG.replace('num_samples = 200', 'num_samples = 200\npre_treatments = ["remove_nulls"]');
    const { rows, errors } = await analyse(await setup(config, csv));
    expect(errors.map((e) => e.message).join('\n')).toMatch(/hours: branch "other" has no rows to analyse/);
    const mean = rows.filter((r) => r.metric === 'hours' && r.statistic === 'mean');
    expect(new Set(mean.map((r) => r.branch))).toEqual(new Set(['control', 'treatment']));
    expect(mean).toHaveLength(2 + 2 * 2 * 1);
  });

  it('rejects a truncated Parquet file with a clear error naming it', async () => {
    const dir = await setup();
    const table = join(dir, 'week.parquet');
    await copyFile(join(fixture, 'contrail_demo_enrollments_week_1.parquet'), table);
    await truncate(table, Math.floor((await stat(table)).size / 2));
    await expect(analyse(dir, table)).rejects.toThrow(/week\.parquet is not a readable Parquet file \(truncated or corrupt/);
  });

  it('rejects a file that is not Parquet at all', async () => {
    const dir = await setup();
    const table = join(dir, 'fake.parquet');
    await writeFile(table, 'branch,x\ncontrol,1\n');
    await expect(analyse(dir, table)).rejects.toThrow(/fake\.parquet is not a readable Parquet file/);
  });

  it('shows file, line and column of a TOML syntax error', async () => {
    const dir = await setup('[metrics]\nweekly = ["hours"\n');
    await expect(analyse(dir)).rejects.toThrow(/config\.toml:\d+:\d+: /);
  });

  it('names the known statistics when the config asks for an unknown one', async () => {
    const dir = await setup(CONFIG.replace('statistics.count]', 'statistics.bootstrap_means]'));
    await expect(analyse(dir)).rejects.toThrow(/unknown statistic "bootstrap_means"; known: binomial, bootstrap_mean, count/);
  });

  it('rejects a bad parameter before reading any data', async () => {
    const dir = await setup(CONFIG.replace('num_samples = 200', 'num_samples = -3'));
    await expect(analyse(dir)).rejects.toThrow(/bootstrap_mean: num_samples must be a positive integer, got -3/);
  });

  it('asks for the exposures basis only where there is an exposure date', async () => {
    const config = CONFIG.replace('[metrics.clicks]\nanalysis_bases = ["enrollments"]', '[metrics.clicks]\nanalysis_bases = ["exposures"]');
    const { errors } = await analyse(await setup(config));
    expect(errors.map((e) => e.message).join('\n')).toMatch(/has no exposure_date column, so the exposures basis cannot be computed; set analysis_bases = \["enrollments"\]/);
  });
});

describe('covariate adjustment without its pre-enrollment table', () => {
  it('falls back to unadjusted inferences with a warning record', async () => {
    const config = `
[metrics]
weekly = ["clicks"]
[metrics.clicks]
analysis_bases = ["enrollments"]
[metrics.clicks.statistics.linear_model_mean]
[metrics.clicks.statistics.linear_model_mean.covariate_adjustment]
period = "preenrollment_week"
`;
    const { rows, errors } = await analyse(await setup(config));
    expect(errors.map((e) => e.message)).toEqual(['Falling back to unadjusted inferences for clicks']);
    expect(rows.filter((r) => r.statistic === 'mean_lm')).toHaveLength(3 + 2 * 3 * 2);
  });
});

describe('a period the config does not compute', () => {
  it('is an error naming the periods it does compute', async () => {
    const dir = await setup();
    await expect(
      runAnalysis({ configPaths: [join(dir, 'config.toml')], input: join(dir, 'table.csv'), slug: 'bad', period: 'overall', window: 1, windowLength: 7, target: new LocalTarget(join(dir, 'o')), seed: 1, threads: 1 }),
    ).rejects.toThrow(/analyze: the config computes nothing for period overall; its metrics are listed for: week; pass one of those to --period/);
  });
});
