import { describe, it, expect } from 'vitest';
import { applyOverrides } from '../../src/experiment/apply-overrides.js';
import { checkBeforeRun, checkRunnable, isEnrollmentIncomplete } from '../../src/experiment/runnability.js';
import { testExperiment } from './fixture-experiment.js';

const NONE = { other: {} };

// Every message below is Jetstream's errors.py text, verbatim.
describe('checkRunnable (jetstream Analysis.check_runnable)', () => {
  it('passes a runnable experiment', () => {
    expect(checkRunnable(applyOverrides(testExperiment()), '2020-01-01')).toEqual({ ok: true });
  });

  it('NoSlugException: "Experiment has no slug."', () => {
    expect(checkRunnable(applyOverrides(testExperiment({ slug: '' })))).toMatchObject({
      ok: false,
      exceptionType: 'NoSlugException',
      message: 'Experiment has no slug.',
    });
  });

  it('ExplicitSkipException (jetstream test_skip_works)', () => {
    const r = checkRunnable(applyOverrides(testExperiment(), { skip: true, other: {} }), '2020-01-01');
    expect(r).toEqual({
      ok: false,
      exceptionType: 'ExplicitSkipException',
      message: 'normandy-test-slug -> Experiment is configured with skip=true.',
      isValidation: true,
    });
  });

  it('HighPopulationException (jetstream test_is_high_population_check)', () => {
    expect(checkRunnable(applyOverrides(testExperiment({ isHighPopulation: true })))).toMatchObject({
      exceptionType: 'HighPopulationException',
      message: 'normandy-test-slug -> Experiment has high population.',
    });
  });

  it('NoEnrollmentPeriodException when E is 0', () => {
    const noEnrollment = testExperiment({ proposedEnrollment: 0, enrollmentEndDate: null });
    expect(checkRunnable(applyOverrides(noEnrollment))).toMatchObject({
      exceptionType: 'NoEnrollmentPeriodException',
      message: 'normandy-test-slug -> Experiment has no enrollment period.',
    });
  });

  it('NoStartDateException', () => {
    expect(checkRunnable(applyOverrides(testExperiment({ startDate: null, enrollmentEndDate: null })))).toMatchObject({
      exceptionType: 'NoStartDateException',
      message: 'normandy-test-slug -> Experiment has no start date.',
    });
  });

  it('EndedException only after the end date (end < date), and only with a date', () => {
    const exp = applyOverrides(testExperiment());
    expect(checkRunnable(exp, '2020-03-01')).toEqual({ ok: true });
    expect(checkRunnable(exp, '2020-03-02')).toMatchObject({
      exceptionType: 'EndedException',
      message: 'normandy-test-slug -> Experiment has already ended.',
      isValidation: true,
    });
    expect(checkRunnable(exp)).toEqual({ ok: true });
  });

  it('RolloutSkipException', () => {
    expect(checkRunnable(applyOverrides(testExperiment({ isRollout: true })))).toMatchObject({
      exceptionType: 'RolloutSkipException',
      message: 'normandy-test-slug -> Experiment is a rollout and will not be analyzed.',
    });
  });

  it('UnsupportedApplicationException (jetstream test_check_runnable_invalid_app), not a validation exception', () => {
    const r = checkRunnable(applyOverrides(testExperiment({ appName: 'invalid_app', appId: 'invalid-app', branches: [], referenceBranch: null })));
    expect(r).toMatchObject({
      exceptionType: 'UnsupportedApplicationException',
      message: 'normandy-test-slug -> invalid_app not found in platform config:experiment will not be analyzed.',
      isValidation: false,
    });
    if (!r.ok) expect(r.message).toMatch(/normandy-test-slug -> invalid_app/);
  });

  it('follows Jetstream order: skip before high population before enrollment period ... before app', () => {
    const everything = testExperiment({
      isHighPopulation: true,
      proposedEnrollment: 0,
      enrollmentEndDate: null,
      startDate: null,
      isRollout: true,
      appName: 'nope',
    });
    const order = [
      [{ skip: true, other: {} }, 'ExplicitSkipException'],
      [NONE, 'HighPopulationException'],
    ] as const;
    for (const [overrides, expected] of order) {
      expect(checkRunnable(applyOverrides(everything, overrides), '2021-01-01')).toMatchObject({ exceptionType: expected });
    }
    expect(checkRunnable(applyOverrides({ ...everything, isHighPopulation: false }))).toMatchObject({ exceptionType: 'NoEnrollmentPeriodException' });
    expect(checkRunnable(applyOverrides({ ...everything, isHighPopulation: false, proposedEnrollment: 7 }))).toMatchObject({
      exceptionType: 'NoStartDateException',
    });
    const started = { ...everything, isHighPopulation: false, proposedEnrollment: 7, startDate: '2019-12-01' };
    expect(checkRunnable(applyOverrides(started), '2021-01-01')).toMatchObject({ exceptionType: 'EndedException' });
    expect(checkRunnable(applyOverrides(started), '2020-01-01')).toMatchObject({ exceptionType: 'RolloutSkipException' });
    expect(checkRunnable(applyOverrides({ ...started, isRollout: false }), '2020-01-01')).toMatchObject({
      exceptionType: 'UnsupportedApplicationException',
    });
  });
});

describe('checkBeforeRun (jetstream Analysis.run checks)', () => {
  // jetstream test_skip_while_enrolling: experiments[8] has is_enrollment_paused False
  const enrolling = testExperiment({ isEnrollmentPaused: false, enrollmentEndDate: null, endDate: null, status: 'Live' });

  it('EnrollmentNotCompleteException while enrolling', () => {
    const exp = applyOverrides(enrolling);
    expect(isEnrollmentIncomplete(exp)).toBe(true);
    expect(checkBeforeRun(exp, '2020-01-01')).toEqual({
      ok: false,
      exceptionType: 'EnrollmentNotCompleteException',
      message: 'normandy-test-slug -> Experiment has not finished enrollment.',
      isValidation: true,
    });
  });

  it('a config enrollment_period bypasses the paused check (test_custom_override_skips_enrollment_paused_check)', () => {
    const exp = applyOverrides(enrolling, { enrollmentPeriod: 7, other: {} });
    expect(isEnrollmentIncomplete(exp)).toBe(false);
    expect(checkBeforeRun(exp, '2020-01-01')).toEqual({ ok: true });
  });

  it('runs when enrollment is complete (test_run_when_enrolling_complete)', () => {
    expect(checkBeforeRun(applyOverrides(testExperiment({ isEnrollmentPaused: true })), '2020-01-01')).toEqual({ ok: true });
  });

  it('EnrollmentLongerThanAnalysisException on the end date when overall is due', () => {
    const short = applyOverrides(testExperiment({ endDate: '2019-12-05' }));
    expect(checkBeforeRun(short, '2019-12-05')).toMatchObject({
      exceptionType: 'EnrollmentLongerThanAnalysisException',
      message: 'normandy-test-slug -> Enrollment period is longer than analysis dates.',
    });
    // not on other dates, and not when overall is not analysed
    expect(checkBeforeRun(short, '2019-12-04')).toEqual({ ok: true });
    expect(checkBeforeRun(short, '2019-12-05', ['day', 'week'])).toEqual({ ok: true });
  });

  it('checks check_runnable first', () => {
    expect(checkBeforeRun(applyOverrides(enrolling, { skip: true, other: {} }), '2020-01-01')).toMatchObject({
      exceptionType: 'ExplicitSkipException',
    });
  });
});
