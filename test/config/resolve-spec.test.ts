import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { resolveSpec } from '../../src/config/resolve-spec.js';
import { undefinedSegments } from '../../src/config/resolve-segments.js';

const resolve = (text: string, statistics?: string[]) =>
  resolveSpec(parseConfig(text, 'test.toml'), statistics === undefined ? {} : { statistics });

describe('resolveSpec: metrics and periods', () => {
  it('maps every period list key, 28_day to days28, with summaries in config order', () => {
    const spec = resolve(`
[metrics]
daily = ["a"]
weekly = ["a", "b"]
28_day = ["b"]
overall = []
preenrollment_weekly = ["a"]
preenrollment_days28 = ["a"]
[metrics.a.statistics.count]
[metrics.a.statistics.sum]
[metrics.b.statistics.sum]
`);
    expect(Object.keys(spec.periods)).toEqual(['day', 'week', 'days28', 'overall', 'preenrollment_week', 'preenrollment_days28']);
    expect(spec.periods.days28?.map((s) => `${s.metric}/${s.statistic}`)).toEqual(['b/sum']);
    expect(spec.periods.week?.map((s) => `${s.metric}/${s.statistic}`)).toEqual(['a/count', 'a/sum', 'b/sum']);
    expect(spec.periods.overall).toEqual([]);
    expect(Object.keys(spec.metrics)).toEqual(['a', 'b']);
  });

  it('fills Jetstream defaults for an empty metric table', () => {
    const spec = resolve('[metrics]\nweekly = ["active_hours"]\n[metrics.active_hours]\nstatistics = { count = {} }\n');
    expect(spec.metrics.active_hours).toEqual({
      name: 'active_hours',
      friendlyName: 'Active Hours', // "active_hours".replace("_", " ").title()
      description: '',
      biggerIsBetter: true,
      analysisBases: ['enrollments', 'exposures'],
      dependsOn: [],
    });
  });

  it('reads every metric field', () => {
    const spec = resolve(`
[metrics]
weekly = ["m"]
[metrics.m]
select_expression = "SUM(x)"
data_source = "clients_daily"
friendly_name = "My metric"
description = "What it is"
bigger_is_better = false
analysis_bases = ["exposures"]
depends_on = ["x", "y"]
type = "scalar"
category = "engagement"
owner = ["a@example.com"]
deprecated = false
level = "gold"
analysis_units = ["client_id"]
[metrics.m.statistics.sum]
`);
    expect(spec.metrics.m).toEqual({
      name: 'm',
      friendlyName: 'My metric',
      description: 'What it is',
      biggerIsBetter: false,
      analysisBases: ['exposures'],
      dependsOn: ['x', 'y'],
      selectExpression: 'SUM(x)',
      dataSource: 'clients_daily',
    });
  });

  it('reads inline statistics and pre_treatments as strings and tables', () => {
    const spec = resolve(`
[metrics]
weekly = ["m"]
[metrics.m]
statistics = { sum = { pre_treatments = ["remove_nulls", { name = "censor_highest_values", fraction = 0.999 }, { name = "log", base = 2 }] } }
`);
    expect(spec.periods.week).toEqual([
      {
        metric: 'm',
        statistic: 'sum',
        params: {},
        pretreatments: [
          { name: 'remove_nulls', params: {} },
          { name: 'censor_highest_values', params: { fraction: 0.999 } },
          { name: 'log', params: { base: 2 } },
        ],
      },
    ]);
  });

  it('rejects a metric listed but not defined', () => {
    expect(() => resolve('[metrics]\nweekly = ["ghost"]\n')).toThrow(
      /^metrics: metric "ghost" is listed for week but not defined; add a \[metrics\.ghost\] table/,
    );
  });

  it('rejects a metric without statistics, saying Jetstream drops it', () => {
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m]\nfriendly_name = "M"\n')).toThrow(
      /^metric "m" has no statistics; add a \[metrics\.m\.statistics\.<name>\] table \(Jetstream silently drops such a metric\)$/,
    );
  });

  it('rejects days28 pointing to 28_day, and other unknown lists naming the known ones', () => {
    expect(() => resolve('[metrics]\ndays28 = []\n')).toThrow(/"days28" is not a period list .*rename it to 28_day/);
    expect(() => resolve('[metrics]\nmonthly = []\n')).toThrow(
      /unknown period list "monthly"; known: daily, weekly, 28_day, overall, preenrollment_weekly, preenrollment_days28/,
    );
    expect(() => resolve('[metrics]\nweekly = "a"\n')).toThrow(/^metrics\.weekly: must be a list of metric names/);
  });

  it('rejects unknown statistics, pretreatments and parameters naming the known ones', () => {
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m.statistics.bootstrap_means]\n')).toThrow(
      /^metrics\.m\.statistics: unknown statistic "bootstrap_means"; known: .*count/,
    );
    expect(() =>
      resolve('[metrics]\nweekly = ["m"]\n[metrics.m.statistics.sum]\npre_treatments = ["drop_nulls"]\n'),
    ).toThrow(/^metrics\.m\.statistics\.sum\.pre_treatments: unknown pretreatment "drop_nulls"; known: censor_highest_values, .*remove_nulls/);
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m.statistics.count]\nnum_samples = 3\n')).toThrow(
      /^metrics\.m\.statistics\.count: unknown parameter "num_samples"; known: \(none\)$/,
    );
    expect(() =>
      resolve('[metrics]\nweekly = ["m"]\n[metrics.m.statistics.sum]\npre_treatments = [{ name = "censor_highest_values", fraction = 2 }]\n'),
    ).toThrow(/^metrics\.m\.statistics\.sum\.pre_treatments\.censor_highest_values: fraction must be .* got 2$/);
    expect(() =>
      resolve('[metrics]\nweekly = ["m"]\n[metrics.m.statistics.sum]\npre_treatments = [{ fraction = 2 }]\n'),
    ).toThrow(/pre_treatments: entry 0 must be a name or a table with a name/);
  });

  it('rejects unknown and mistyped metric fields', () => {
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m]\nexposure_basis = true\nstatistics = { sum = {} }\n')).toThrow(
      /^metrics\.m: unknown parameter "exposure_basis"; known: select_expression, .*statistics$/,
    );
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m]\nanalysis_bases = ["exposure"]\nstatistics = { sum = {} }\n')).toThrow(
      /^metrics\.m: analysis_bases entries must be among enrollments, exposures, got "exposure"$/,
    );
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m]\nbigger_is_better = "yes"\nstatistics = { sum = {} }\n')).toThrow(
      /^metrics\.m: bigger_is_better must be true or false, got "yes"$/,
    );
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m]\nlevel = "platinum"\nstatistics = { sum = {} }\n')).toThrow(
      /^metrics\.m: level must be one of gold, silver, bronze, got "platinum"$/,
    );
    expect(() => resolve('[metrics]\nweekly = ["m"]\n[metrics.m]\nanalysis_units = ["user_id"]\nstatistics = { sum = {} }\n')).toThrow(
      /^metrics\.m: analysis_units entries must be among client_id, profile_group_id, got "user_id"$/,
    );
  });

  it('rejects an unknown top-level key naming the known ones', () => {
    expect(() => resolve('[metric]\nweekly = []\n')).toThrow(
      /^config: unknown top-level key "metric"; known: experiment, metrics, segments, data_sources, parameters$/,
    );
  });
});

describe('resolveSpec: --statistics', () => {
  const text = '[metrics]\nweekly = ["a", "b"]\n[metrics.a.statistics.count]\n[metrics.a.statistics.sum]\n[metrics.b.statistics.count]\n';

  it('keeps only the named statistics and the metrics that still have one', () => {
    const spec = resolve(text, ['sum']);
    expect(spec.periods.week?.map((s) => `${s.metric}/${s.statistic}`)).toEqual(['a/sum']);
    expect(Object.keys(spec.metrics)).toEqual(['a']);
  });

  it('rejects an unknown statistic, and a selection no metric uses', () => {
    expect(() => resolve(text, ['deciless'])).toThrow(/^--statistics: unknown statistic "deciless"; known: /);
    const onlyCount = '[metrics]\nweekly = ["b"]\n[metrics.b.statistics.count]\n';
    expect(() => resolve(onlyCount, ['sum'])).toThrow(/^--statistics: no configured metric uses sum; the config's statistics are count$/);
  });
});

describe('resolveSpec: segments and other sections', () => {
  it('reads segment definitions, skipping segments.data_sources', () => {
    const spec = resolve(`
[experiment]
segments = ["regular_users_v3", "table_column_only"]
[segments.regular_users_v3]
select_expression = "COALESCE(LOGICAL_OR(is_regular_user_v3), FALSE)"
data_source = "clients_last_seen"
friendly_name = "Regular users"
[segments.data_sources.clients_last_seen]
from_expression = "mozdata.telemetry.clients_last_seen"
`);
    expect(spec.segments).toEqual({
      regular_users_v3: { name: 'regular_users_v3', friendlyName: 'Regular users', description: '' },
    });
    // an undefined segment is allowed: locally it is a column of the table
    expect(spec.experiment.segments).toEqual(['regular_users_v3', 'table_column_only']);
    expect(undefinedSegments(spec)).toEqual(['table_column_only']);
  });

  it('rejects unknown segment keys and malformed sections', () => {
    expect(() => resolve('[segments.s]\nwindow_start = 0\n')).toThrow(
      /^segments\.s: unknown parameter "window_start"; known: select_expression, data_source, friendly_name, description$/,
    );
    expect(() => resolve('[segments]\ns = 1\n')).toThrow(/^segments\.s: must be a \[segments\.s\] table, got 1$/);
    expect(() => resolve('data_sources = 1\n')).toThrow(/^data_sources: each entry must be a \[data_sources\.<name>\] table/);
  });

  it('resolves an empty config to an empty spec', () => {
    expect(resolve('')).toEqual({ experiment: { other: {} }, metrics: {}, periods: {}, segments: {} });
  });
});
