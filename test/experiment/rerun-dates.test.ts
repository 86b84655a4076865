import { describe, it, expect } from 'vitest';
import { applyOverrides } from '../../src/experiment/apply-overrides.js';
import { rerunDates } from '../../src/experiment/rerun-dates.js';
import { testExperiment } from './fixture-experiment.js';

describe('rerunDates (jetstream AnalysisExecutor.execute with date=All)', () => {
  // jetstream test_any_date: my_cool_experiment 2020-01-01..2021-02-01, today (Jetstream's _today() =
  // yesterday) 2020-12-31 -> 366 dates. Our `today` is the wall-clock day, one later.
  const cool = { startDate: '2020-01-01', endDate: '2021-02-01' };

  it('yields 366 dates for 2020 when yesterday is 2020-12-31', () => {
    const dates = rerunDates(cool, '2021-01-01');
    expect(dates).toHaveLength(366); // analytic: 2020 is a leap year
    expect(dates[0]).toBe('2020-01-01');
    expect(dates.at(-1)).toBe('2020-12-31');
  });

  it('includes the day after the end date (test_post_facto_rerun_includes_overall_date)', () => {
    const dates = rerunDates(cool, '2023-01-01');
    expect(dates.at(-1)).toBe('2021-02-02');
    // analytic: 366 days of 2020 + 31 of January + 2 of February
    expect(dates).toHaveLength(399);
  });

  it('a 2020 experiment Jan 1 .. Dec 31 rerun much later runs through 2021-01-01', () => {
    const dates = rerunDates({ startDate: '2020-01-01', endDate: '2020-12-31' }, '2026-11-22');
    expect(dates).toHaveLength(367); // 366 days of 2020 plus end + 1
  });

  it('uses the configured dates, stops at yesterday without an end, and is empty without a start', () => {
    const configured = applyOverrides(testExperiment(), { startDate: '2020-02-20', other: {} });
    expect(rerunDates(configured, '2030-01-01')).toEqual(['2020-02-20', '2020-02-21', '2020-02-22', '2020-02-23', '2020-02-24', '2020-02-25', '2020-02-26', '2020-02-27', '2020-02-28', '2020-02-29', '2020-03-01', '2020-03-02']);
    expect(rerunDates({ startDate: '2020-01-01', endDate: null }, '2020-01-04')).toEqual(['2020-01-01', '2020-01-02', '2020-01-03']);
    expect(rerunDates({ startDate: null, endDate: '2020-01-01' }, '2021-01-01')).toEqual([]);
  });
});
