import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { resolveExperiment } from '../../src/config/resolve-experiment.js';

const experiment = (text: string) => resolveExperiment(parseConfig(`[experiment]\n${text}`, 't.toml').experiment);

describe('resolveExperiment', () => {
  it('reads every override, normalising TOML dates and strings to YYYY-MM-DD', () => {
    const overrides = experiment(`
start_date = 2026-10-01
end_date = "2026-11-05"
enrollment_period = 7
reference_branch = "control"
segments = ["regular_users_v3"]
outcomes = ["networking"]
skip = false
is_private = true
dataset_id = "private_dataset"
sample_size = 20
enrollments_query_type = "glean-event"
[experiment.exposure_signal]
name = "urlbar_usage"
`);
    expect(overrides).toEqual({
      startDate: '2026-10-01',
      endDate: '2026-11-05',
      enrollmentPeriod: 7,
      referenceBranch: 'control',
      segments: ['regular_users_v3'],
      outcomes: ['networking'],
      skip: false,
      isPrivate: true,
      datasetId: 'private_dataset',
      sampleSize: 20,
      other: { enrollments_query_type: 'glean-event', exposure_signal: { name: 'urlbar_usage' } },
    });
  });

  it('rejects bad dates, periods and types with the value and the fix', () => {
    expect(() => experiment('start_date = "10/01/2026"')).toThrow(
      /^experiment: start_date must be a date written YYYY-MM-DD \(e\.g\. 2026-10-01\), got "10\/01\/2026"$/,
    );
    expect(() => experiment('end_date = "2026-02-30"')).toThrow(/end_date must be a date .* got "2026-02-30"/);
    expect(() => experiment('start_date = 2026-10-01T10:00:00Z')).toThrow(/start_date must be a date .* got 2026-10-01T10:00:00\.000Z/);
    expect(() => experiment('enrollment_period = 7.5')).toThrow(/^experiment: enrollment_period must be a whole number of days \(e\.g\. 7\), got 7\.5$/);
    expect(() => experiment('segments = "regular_users_v3"')).toThrow(/^experiment: segments must be a list of strings/);
    expect(() => experiment('start_date = 2026-10-10\nend_date = 2026-10-01')).toThrow(
      /end_date 2026-10-01 is before start_date 2026-10-10/,
    );
  });

  it('requires dataset_id for private experiments, as Jetstream does', () => {
    // jetstream test_cli.py: "dataset_id needs to be explicitly set for private experiments"
    expect(() => experiment('is_private = true')).toThrow(/dataset_id needs to be explicitly set for private experiments/);
  });
});
