import { describe, it, expect } from 'vitest';
import { applyOverrides } from '../../src/experiment/apply-overrides.js';
import { addDays } from '../../src/experiment/dates.js';
import { duePeriods, normalizationLength, timeLimitsIfReady } from '../../src/experiment/schedule.js';
import { ExperimentValidationError } from '../../src/experiment/validation-error.js';
import { testExperiment } from './fixture-experiment.js';

// jetstream test_get_timelimits_if_ready: S=2019-12-01, E=7 (enrollment end 2019-12-07), end 2020-03-01, Complete.
const S = '2019-12-01';
const exp = applyOverrides(testExperiment());

describe('timeLimitsIfReady (jetstream test_get_timelimits_if_ready)', () => {
  it('has E = 7 from the enrollment end date', () => {
    expect(exp.enrollmentPeriod).toBe(7);
  });

  it('S+0 and S+2: day and week not ready', () => {
    for (const d of [0, 2]) {
      expect(timeLimitsIfReady(exp, 'day', addDays(S, d))).toBeNull();
      expect(timeLimitsIfReady(exp, 'week', addDays(S, d))).toBeNull();
    }
  });

  it('S+7: day ready (window 1, [0,0]); week and pre-enrollment not', () => {
    const d = addDays(S, 7);
    const day = timeLimitsIfReady(exp, 'day', d);
    expect(day).toMatchObject({ windowIndex: 1, window: { start: 0, end: 0 }, firstDateDataRequired: S, lastDateDataRequired: d });
    expect(timeLimitsIfReady(exp, 'week', d)).toBeNull();
    expect(timeLimitsIfReady(exp, 'preenrollment_week', d)).toBeNull();
    expect(timeLimitsIfReady(exp, 'preenrollment_days28', d)).toBeNull();
  });

  it('S+8: day ready (window 2), week not, both pre-enrollment periods ready with index 1', () => {
    const d = addDays(S, 8);
    expect(timeLimitsIfReady(exp, 'day', d)).toMatchObject({ windowIndex: 2, window: { start: 1, end: 1 }, firstDateDataRequired: '2019-12-02' });
    expect(timeLimitsIfReady(exp, 'week', d)).toBeNull();
    // spec section 4: windows [-7,-1] / [-28,-1], index 1, data through D - 1
    expect(timeLimitsIfReady(exp, 'preenrollment_week', d)).toMatchObject({
      windowIndex: 1,
      window: { start: -7, end: -1 },
      firstDateDataRequired: '2019-11-24',
      lastDateFullData: '2019-12-08',
      analysisLengthDates: 7,
    });
    expect(timeLimitsIfReady(exp, 'preenrollment_days28', d)).toMatchObject({ windowIndex: 1, window: { start: -28, end: -1 }, analysisLengthDates: 28 });
    expect(timeLimitsIfReady(exp, 'preenrollment_week', addDays(S, 9))).toBeNull();
  });

  it('S+13: day and week ready (week 1 = [0,6], data S..S+E+6)', () => {
    const d = addDays(S, 13);
    expect(timeLimitsIfReady(exp, 'day', d)).not.toBeNull();
    expect(timeLimitsIfReady(exp, 'week', d)).toMatchObject({
      windowIndex: 1,
      window: { start: 0, end: 6 },
      firstDateDataRequired: S,
      lastDateDataRequired: d,
      analysisLengthDates: 7,
    });
    // analytic: the next week completes 7 days later, D = S+E+13
    expect(timeLimitsIfReady(exp, 'week', addDays(S, 14))).toBeNull();
    expect(timeLimitsIfReady(exp, 'week', addDays(S, 20))).toMatchObject({ windowIndex: 2, window: { start: 7, end: 13 }, firstDateDataRequired: '2019-12-08' });
  });

  it('S+34: days28 ready (window [0,27])', () => {
    expect(timeLimitsIfReady(exp, 'days28', addDays(S, 33))).toBeNull();
    expect(timeLimitsIfReady(exp, 'days28', addDays(S, 34))).toMatchObject({ windowIndex: 1, window: { start: 0, end: 27 }, analysisLengthDates: 28 });
  });

  it('2020-02-29: overall not ready; 2020-03-01: overall ready; not for the same experiment Live', () => {
    expect(timeLimitsIfReady(exp, 'overall', '2020-02-29')).toBeNull();
    // analytic: length = (2020-03-01 - 2019-12-01) - 8 + 1 = 91 - 7 = 84
    expect(timeLimitsIfReady(exp, 'overall', '2020-03-01')).toMatchObject({
      windowIndex: 1,
      window: { start: 0, end: 83 },
      analysisLengthDates: 84,
      lastDateFullData: '2020-02-29',
      lastDateDataRequired: '2020-02-29',
    });
    const live = applyOverrides(testExperiment({ status: 'Live' }));
    expect(timeLimitsIfReady(live, 'overall', '2020-03-01')).toBeNull();
  });

  it('a config end_date makes the experiment Complete, so overall runs on it', () => {
    const live = testExperiment({ status: 'Live', endDate: null });
    const configured = applyOverrides(live, { endDate: '2020-02-01', other: {} });
    expect(configured.status).toBe('Complete');
    expect(timeLimitsIfReady(configured, 'overall', '2020-02-01')).toMatchObject({ analysisLengthDates: 55 }); // analytic: (2020-02-01 - 2019-12-01) - 8 + 1 = 62 - 7 = 55
  });

  it('overall with enrollment longer than the analysis throws EnrollmentLongerThanAnalysisException', () => {
    const short = applyOverrides(testExperiment({ endDate: '2019-12-05' }));
    expect(() => timeLimitsIfReady(short, 'overall', '2019-12-05')).toThrow(ExperimentValidationError);
    expect(() => timeLimitsIfReady(short, 'overall', '2019-12-05')).toThrow(
      'normandy-test-slug -> Enrollment period is longer than analysis dates.',
    );
  });

  it('no start date: nothing is ready', () => {
    const none = applyOverrides(testExperiment({ startDate: null, enrollmentEndDate: null }));
    expect(duePeriods(none, '2019-12-08')).toEqual([]);
  });
});

describe('duePeriods', () => {
  it('lists every due period in Jetstream order on S+E+1', () => {
    expect(duePeriods(exp, addDays(S, 8)).map((t) => [t.period, t.windowIndex])).toEqual([
      ['day', 2],
      ['preenrollment_week', 1],
      ['preenrollment_days28', 1],
    ]);
  });

  it('on the end date lists day, (week when complete) and overall, filtered by periods', () => {
    // analytic: 2020-03-01 = S+91 = S+E+84 -> day 85; week: 85 // 7 = 12, 84 // 7 = 12 -> not new
    expect(duePeriods(exp, '2020-03-01').map((t) => `${t.period}_${t.windowIndex}`)).toEqual(['day_85', 'overall_1']);
    expect(duePeriods(exp, '2020-03-01', ['overall']).map((t) => t.period)).toEqual(['overall']);
  });

  it('gives the normalize_over_analysis_period lengths 1, 7, 28, overall, 7, 28', () => {
    expect(normalizationLength(timeLimitsIfReady(exp, 'day', addDays(S, 7))!)).toBe(1);
    expect(normalizationLength(timeLimitsIfReady(exp, 'week', addDays(S, 13))!)).toBe(7);
    expect(normalizationLength(timeLimitsIfReady(exp, 'days28', addDays(S, 34))!)).toBe(28);
    expect(normalizationLength(timeLimitsIfReady(exp, 'overall', '2020-03-01')!)).toBe(84);
    expect(normalizationLength(timeLimitsIfReady(exp, 'preenrollment_week', addDays(S, 8))!)).toBe(7);
    expect(normalizationLength(timeLimitsIfReady(exp, 'preenrollment_days28', addDays(S, 8))!)).toBe(28);
  });
});
