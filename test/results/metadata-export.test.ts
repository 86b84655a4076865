import { pythonTitle } from '../../src/config/python-title.js';
import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import { Ajv } from 'ajv';
import type { AnalysisSpec, MetricSpec, SummarySpec } from '../../src/config/spec.js';
import { applyOverrides } from '../../src/experiment/apply-overrides.js';
import {
  buildMetadata,
  metadataExportPath,
  pythonDatetimeStr,
  serializeMetadata,
} from '../../src/results/metadata-export.js';
import { testExperiment } from '../experiment/fixture-experiment.js';
import { sharedData } from '../support/shared-data.js';

function metric(name: string, extra: Partial<MetricSpec> = {}): MetricSpec {
  return { name, friendlyName: '', description: '', biggerIsBetter: true, analysisBases: ['enrollments', 'exposures'], dependsOn: [], ...extra };
}
function summary(m: string, statistic = 'bootstrap_mean'): SummarySpec {
  return { metric: m, statistic, params: {}, pretreatments: [] };
}

// jetstream test_metadata: a custom metric with friendly_name / description / bigger_is_better false.
const spec: AnalysisSpec = {
  experiment: { other: {} },
  metrics: {
    view_about_logins: metric('view_about_logins', { friendlyName: 'about:logins viewers', description: 'Counts the number of clients that viewed about:logins.', biggerIsBetter: false }),
    days_of_use: metric('days_of_use'),
    retained: metric('retained', { analysisBases: ['exposures'] }),
  },
  periods: {
    week: [summary('view_about_logins'), summary('days_of_use'), summary('days_of_use', 'deciles')],
    overall: [summary('retained', 'binomial'), summary('view_about_logins')],
  },
  segments: {},
};

const START = new Date(Date.UTC(2026, 6, 1, 3, 4, 5, 123));

describe('buildMetadata (jetstream ExperimentMetadata.from_config)', () => {
  it('has schema_version 4, every metric with defaults, and validates against Metadata_v1.0.json', async () => {
    const md = buildMetadata({ experiment: applyOverrides(testExperiment()), spec, analysisStartTime: START })!;
    expect(md.schema_version).toBe(4);
    expect(Object.keys(md.metrics)).toEqual(['view_about_logins', 'days_of_use', 'retained']);
    expect(md.metrics.view_about_logins).toEqual({
      friendly_name: 'about:logins viewers',
      description: 'Counts the number of clients that viewed about:logins.',
      bigger_is_better: false,
      analysis_bases: ['enrollments', 'exposures'],
    });
    // Python: "days_of_use".replace("_", " ").title() == "Days Of Use"
    expect(md.metrics.days_of_use).toMatchObject({ friendly_name: 'Days Of Use', description: '', bigger_is_better: true });
    expect(md.metrics.retained.analysis_bases).toEqual(['exposures']);
    expect(md.external_config).toBeNull();
    expect(md.analysis_start_time).toBe('2026-07-01 03:04:05.123000+00:00');
    expect(md).toMatchObject({ version_info: null, version_date: null, outcomes: {} });

    const schema = JSON.parse(await readFile(sharedData('jetstream', 'Metadata_v1.0.json'), 'utf8'));
    // draft-07: Ajv's default class; formats (date-time, date) are not checked without ajv-formats
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    const parsed = JSON.parse(serializeMetadata(md));
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
  });

  it('external_config only when the config overrides Experimenter (reference branch "a")', async () => {
    const md = buildMetadata({ experiment: applyOverrides(testExperiment(), { referenceBranch: 'a', other: {} }), spec })!;
    expect(md.external_config).toEqual({
      reference_branch: 'a',
      end_date: null,
      start_date: null,
      enrollment_period: null,
      skip: false,
      url: 'https://github.com/mozilla/metric-hub/blob/main/jetstream/normandy-test-slug.toml',
    });
    const schema = JSON.parse(await readFile(sharedData('jetstream', 'Metadata_v1.0.json'), 'utf8'));
    const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
    expect(validate(JSON.parse(serializeMetadata(md))), JSON.stringify(validate.errors)).toBe(true);
    // same values as Experimenter: no external_config
    expect(buildMetadata({ experiment: applyOverrides(testExperiment(), { referenceBranch: 'b', segments: ['s'], other: {} }), spec })!.external_config).toBeNull();
  });

  it('reports changed dates and enrollment period only', () => {
    const md = buildMetadata({
      experiment: applyOverrides(testExperiment(), { endDate: '2020-04-01', enrollmentPeriod: 14, skip: true, other: {} }),
      spec,
    })!;
    expect(md.external_config).toMatchObject({ reference_branch: null, end_date: '2020-04-01', start_date: null, enrollment_period: 14, skip: true });
  });

  it('includes the outcomes the experiment names, with default_metrics and commit hash', () => {
    const md = buildMetadata({
      experiment: applyOverrides(testExperiment({ outcomes: ['tastiness'] })),
      spec,
      outcomes: [
        { slug: 'tastiness', friendlyName: 'Tastiness', description: 'Outcome that tests tastiness', metrics: ['meals_eaten', 'speed'], defaultMetrics: ['active_hours'], commitHash: '000000' },
        { slug: 'unused', friendlyName: 'U', description: '', metrics: [], defaultMetrics: [] },
      ],
    })!;
    expect(md.outcomes).toEqual({
      tastiness: {
        slug: 'tastiness',
        friendly_name: 'Tastiness',
        description: 'Outcome that tests tastiness',
        metrics: ['meals_eaten', 'speed'],
        default_metrics: ['active_hours'],
        commit_hash: '000000',
      },
    });
  });

  it('exports nothing for private experiments', () => {
    expect(buildMetadata({ experiment: applyOverrides(testExperiment(), { isPrivate: true, datasetId: 'p', other: {} }), spec })).toBeNull();
  });

  it('rejects a period metric missing from the spec', () => {
    const broken: AnalysisSpec = { ...spec, periods: { day: [summary('ghost')] } };
    expect(() => buildMetadata({ experiment: applyOverrides(testExperiment()), spec: broken })).toThrow(
      'metadata normandy-test-slug: metric "ghost" of the day list has no definition in the resolved spec',
    );
  });
});

describe('helpers', () => {
  it("pythonTitle matches Python's str.title()", () => {
    // python3: 'v2x'.title() == 'V2X'; 'uri count v2'.title() == 'Uri Count V2'; "it's".title() == "It'S"
    expect(pythonTitle('v2x')).toBe('V2X');
    expect(pythonTitle('uri count v2')).toBe('Uri Count V2');
    expect(pythonTitle("it's")).toBe("It'S");
    expect(pythonTitle('DAYS of USE')).toBe('Days Of Use');
  });

  it("pythonDatetimeStr matches str(datetime) with tz UTC", () => {
    // python3: str(datetime(2026,7,1,3,4,5,tzinfo=timezone.utc)) == '2026-07-01 03:04:05+00:00'
    expect(pythonDatetimeStr(new Date(Date.UTC(2026, 6, 1, 3, 4, 5)))).toBe('2026-07-01 03:04:05+00:00');
    expect(pythonDatetimeStr(new Date(Date.UTC(2026, 6, 1, 3, 4, 5, 7)))).toBe('2026-07-01 03:04:05.007000+00:00');
  });

  it('metadataExportPath uses the normalized slug', () => {
    expect(metadataExportPath('my-exp')).toBe('metadata/metadata_my_exp.json');
  });
});
