import { describe, it, expect } from 'vitest';
import { applyOverrides, enrollmentPeriod, hasExternalConfigOverrides } from '../../src/experiment/apply-overrides.js';
import { testExperiment } from './fixture-experiment.js';

describe('applyOverrides', () => {
  it('without overrides keeps Experimenter values and derives E from the enrollment end', () => {
    const exp = applyOverrides(testExperiment());
    expect(exp).toMatchObject({ startDate: '2019-12-01', endDate: '2020-03-01', referenceBranch: 'b', status: 'Complete', skip: false, isPrivate: false });
    expect(exp.enrollmentPeriod).toBe(7); // spec section 4: 2019-12-07 - 2019-12-01 + 1
    expect(hasExternalConfigOverrides(exp)).toBe(false);
  });

  it('enrollment period rule: config, else enrollment end - start + 1, else proposed, else 0', () => {
    expect(applyOverrides(testExperiment(), { enrollmentPeriod: 3, other: {} }).enrollmentPeriod).toBe(3);
    expect(applyOverrides(testExperiment({ enrollmentEndDate: '2019-12-14', proposedEnrollment: 7 })).enrollmentPeriod).toBe(14);
    expect(applyOverrides(testExperiment({ enrollmentEndDate: null, proposedEnrollment: 5 })).enrollmentPeriod).toBe(5);
    expect(applyOverrides(testExperiment({ enrollmentEndDate: null, proposedEnrollment: 0 })).enrollmentPeriod).toBe(0);
    // the enrollment end is measured from the configured start date
    expect(applyOverrides(testExperiment(), { startDate: '2019-12-03', other: {} }).enrollmentPeriod).toBe(5);
    expect(enrollmentPeriod({ overrides: { other: {} }, enrollmentEndDate: null, startDate: null, proposedEnrollment: 9 })).toBe(9);
  });

  it('a config end_date forces status Complete', () => {
    const live = testExperiment({ status: 'Live', endDate: null });
    expect(applyOverrides(live).status).toBe('Live');
    expect(applyOverrides(live, { endDate: '2020-04-01', other: {} })).toMatchObject({ status: 'Complete', endDate: '2020-04-01' });
  });

  it('applies dates, reference branch, segments, outcomes, skip, privacy and dataset', () => {
    const exp = applyOverrides(testExperiment({ outcomes: ['networking'] }), {
      startDate: '2019-12-02',
      referenceBranch: 'a',
      segments: ['regular_users_v3'],
      outcomes: ['networking', 'search'],
      skip: true,
      isPrivate: true,
      datasetId: 'private_dataset',
      sampleSize: 20,
      other: {},
    });
    expect(exp).toMatchObject({
      startDate: '2019-12-02',
      referenceBranch: 'a',
      segments: ['regular_users_v3'],
      outcomes: ['networking', 'search'],
      skip: true,
      isPrivate: true,
      datasetId: 'private_dataset',
      sampleSize: 20,
    });
    expect(exp.experimenter.startDate).toBe('2019-12-01');
    expect(hasExternalConfigOverrides(exp)).toBe(true);
  });

  it('reports which overrides change Experimenter values (has_external_config_overrides)', () => {
    const base = testExperiment();
    expect(hasExternalConfigOverrides(applyOverrides(base, { referenceBranch: 'a', other: {} }))).toBe(true);
    expect(hasExternalConfigOverrides(applyOverrides(base, { referenceBranch: 'b', other: {} }))).toBe(false);
    expect(hasExternalConfigOverrides(applyOverrides(base, { endDate: '2020-03-02', other: {} }))).toBe(true);
    expect(hasExternalConfigOverrides(applyOverrides(base, { enrollmentPeriod: 7, other: {} }))).toBe(false);
    expect(hasExternalConfigOverrides(applyOverrides(base, { enrollmentPeriod: 8, other: {} }))).toBe(true);
    expect(hasExternalConfigOverrides(applyOverrides(base, { segments: ['x'], skip: true, other: {} }))).toBe(false);
  });

  it('rejects a bad date or an unknown reference branch, naming the fix', () => {
    expect(() => applyOverrides(testExperiment(), { endDate: '2020-02-30', other: {} })).toThrow(
      /experiment normandy-test-slug: \[experiment\] end_date must be a YYYY-MM-DD date, got "2020-02-30"/,
    );
    expect(() => applyOverrides(testExperiment(), { referenceBranch: 'control', other: {} })).toThrow(
      /reference_branch "control" is not a branch of the experiment; known: a, b/,
    );
  });
});
