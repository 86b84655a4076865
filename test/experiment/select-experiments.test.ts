import { describe, it, expect } from 'vitest';
import { applyOverrides } from '../../src/experiment/apply-overrides.js';
import { selectExperiments, selectionRejection } from '../../src/experiment/select-experiments.js';
import { testExperiment } from './fixture-experiment.js';

// jetstream test_cli cli_experiments(): both start 2020-01-01, Live; ends 2021-02-01 and 2020-12-31.
const cool = testExperiment({
  slug: 'my_cool_experiment',
  startDate: '2020-01-01',
  endDate: '2021-02-01',
  enrollmentEndDate: null,
  proposedEnrollment: 0,
  status: 'Live',
});
const distracting = { ...cool, slug: 'distracting_experiment', endDate: '2020-12-31' };

describe('selectExperiments (jetstream _experiment_configs_to_analyse)', () => {
  it('selects both on 2020-10-31 (test_experiments_to_analyze_specific_date)', () => {
    const list = [applyOverrides(cool), applyOverrides(distracting)];
    expect(selectExperiments(list, '2020-10-31').map((e) => e.slug)).toEqual(['my_cool_experiment', 'distracting_experiment']);
  });

  it('a config end_date extending Experimenter keeps it selectable (test_experiments_to_analyze_end_date_override)', () => {
    expect(selectExperiments([applyOverrides(cool), applyOverrides(distracting)], '2021-02-15')).toEqual([]);
    expect(selectionRejection(applyOverrides(cool), '2021-02-15')).toBe('ended on 2021-02-01, before 2021-02-15');
    const extended = applyOverrides(cool, { endDate: '2021-03-01', other: {} });
    expect(selectExperiments([extended, applyOverrides(distracting)], '2021-02-15').map((e) => e.slug)).toEqual(['my_cool_experiment']);
  });

  it('drops experiments whose Experimenter end is more than 90 days before the date, even with a later config end', () => {
    const late = applyOverrides(cool, { endDate: '2022-01-01', other: {} });
    // analytic: 2021-05-03 - 90 days = 2021-02-02 > 2021-02-01
    expect(selectionRejection(late, '2021-05-03')).toMatch(/more than 90 days/);
    expect(selectionRejection(late, '2021-05-02')).toBeNull();
  });

  it('drops rollouts and skipped experiments; keeps live experiments without an end date', () => {
    expect(selectionRejection(applyOverrides({ ...cool, isRollout: true }), '2020-06-01')).toBe('is a rollout');
    expect(selectionRejection(applyOverrides(cool, { skip: true, other: {} }), '2020-06-01')).toBe('skip=true in config');
    expect(selectionRejection(applyOverrides({ ...cool, endDate: null }), '2030-01-01')).toBeNull();
    expect(selectionRejection(applyOverrides({ ...cool, endDate: null, status: 'Complete' }), '2030-01-01')).toMatch(/90 days/);
  });
});
