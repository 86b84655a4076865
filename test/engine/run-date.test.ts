/**
 * `contrail run` end to end on the fixture experiment (Experimenter JSON in fixtures/contrail-demo,
 * S = 2026-10-01, enrollment end 2026-10-07 so E = 7): the schedule decides what is due, tables are
 * read from the fixture directory, Jetstream's exports are written and validated against its schema.
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { readExperiments } from '../../src/experiment/read-experiments.js';
import { runDate, type ExperimentOutcome } from '../../src/engine/run-date.js';
import { createSummaryPool, type SummaryPool } from '../../src/pool/summary-pool.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { sharedData } from '../support/shared-data.js';
import { tempDir } from '../support/temp-dir.js';

const root = join(import.meta.dirname, '../..');
const fixture = join(root, 'fixtures/contrail-demo');
const configDir = join(root, 'test/fixtures/run-config');
const schema = JSON.parse(await readFile(sharedData('jetstream', 'Statistics_v1.0.json'), 'utf8'));

describe('run over consecutive dates', () => {
  let pool: SummaryPool;
  let out: string;
  const outcomes: Record<string, ExperimentOutcome> = {};
  const run = async (date: string) => {
    const experiments = await readExperiments(join(fixture, 'experiment.json'), { asOf: date });
    const [outcome] = await runDate({
      date,
      experiments,
      configDir,
      input: fixture,
      target: new LocalTarget(out),
      seed: 3,
      pool,
      now: () => new Date('2026-11-22T00:00:00Z'),
    });
    return outcome;
  };

  beforeAll(async () => {
    pool = createSummaryPool(2);
    out = tempDir('run');
    // S+E+1 = 2026-10-09: pre-enrollment week; S+E+6 = 2026-10-14: week 1 (jetstream schedule).
    for (const date of ['2026-10-09', '2026-10-13', '2026-10-14', '2026-10-15']) outcomes[date] = await run(date);
  });
  afterAll(() => pool.close());

  it('computes exactly the windows Jetstream schedules', () => {
    expect(outcomes['2026-10-09'].windows.map((w) => [w.period, w.windowIndex])).toEqual([['preenrollment_week', 1]]);
    expect(outcomes['2026-10-13'].status).toBe('nothing-due');
    expect(outcomes['2026-10-14'].windows.map((w) => [w.period, w.windowIndex])).toEqual([['week', 1]]);
    expect(outcomes['2026-10-15'].status).toBe('nothing-due');
  });

  it('writes exports that validate against Jetstream\'s published statistics schema', async () => {
    const weekly = JSON.parse(await readFile(join(out, 'statistics/statistics_contrail_demo_weekly.json'), 'utf8'));
    const validate = new Ajv({ validateFormats: false, strict: false }).compile(schema);
    expect(validate(weekly), JSON.stringify(validate.errors)).toBe(true);
    expect(new Set(weekly.map((r: { window_index: string }) => r.window_index))).toEqual(new Set(['1']));
    // Nulls are omitted, as BigQuery's JSON export does.
    expect(weekly.every((r: object) => !Object.values(r).includes(null))).toBe(true);
    const metadata = JSON.parse(await readFile(join(out, 'metadata/metadata_contrail_demo.json'), 'utf8'));
    expect(metadata.schema_version).toBe(4);
    expect(Object.keys(metadata.metrics).sort()).toEqual(['days_of_use', 'retained']);
  });

  it('adjusts days_of_use for its pre-enrollment covariate without a fallback warning', async () => {
    const log = await readFile(join(out, 'logs/logs_contrail_demo.json'), 'utf8').catch(() => '[]');
    expect(log).not.toMatch(/Falling back to unadjusted/);
  });

  it('rewrites nothing when run again with nothing new', async () => {
    const files = ['statistics/statistics_contrail_demo_weekly.json', 'metadata/metadata_contrail_demo.json', 'statistics_contrail_demo_week_1.json', 'statistics_contrail_demo_week_1.parquet'];
    const before = await Promise.all(files.map(async (f) => (await stat(join(out, f))).mtimeMs));
    for (const date of ['2026-10-13', '2026-10-14', '2026-10-15']) await run(date);
    const after = await Promise.all(files.map(async (f) => (await stat(join(out, f))).mtimeMs));
    expect(after).toEqual(before);
  });

  it('adds the second week to the weekly export', async () => {
    await run('2026-10-21');
    const weekly = JSON.parse(await readFile(join(out, 'statistics/statistics_contrail_demo_weekly.json'), 'utf8'));
    expect(new Set(weekly.map((r: { window_index: string }) => r.window_index))).toEqual(new Set(['1', '2']));
  });

  it('records a missing table as an error for that period, not a crash', async () => {
    // 2026-11-05 is the end date: overall is due (Complete) but the fixture has no overall table.
    const outcome = await run('2026-11-05');
    const overall = outcome.windows.find((w) => w.period === 'overall');
    expect(overall?.missingTable).toBe('contrail_demo_enrollments_overall_1');
    const errors = JSON.parse(await readFile(join(out, 'errors/errors_contrail_demo.json'), 'utf8'));
    expect(errors.some((e: { message: string }) => /contrail_demo_enrollments_overall_1 not found/.test(e.message))).toBe(true);
  });

  it('does not select an experiment after its end date when running every experiment of a date', async () => {
    const date = '2026-11-10';
    const experiments = await readExperiments(join(fixture, 'experiment.json'), { asOf: date });
    const [outcome] = await runDate({ date, experiments, configDir, input: fixture, target: new LocalTarget(out), seed: 3, pool, select: true });
    expect(outcome.status).toBe('not-selected');
    expect(outcome.message).toBe('ended on 2026-11-05, before 2026-11-10');
    expect(outcome.fatal).toBe(false);
  });
});
