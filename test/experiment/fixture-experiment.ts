/** Test helper: Jetstream's test experiment (test_analysis `Experiment(...)` fixtures) as a Contrail Experiment. */
import type { Experiment } from '../../src/experiment/experiment.js';

/** S = 2019-12-01, enrollment end 2019-12-07 (E = 7), end 2020-03-01, Complete, firefox_desktop. */
export function testExperiment(overrides: Partial<Experiment> = {}): Experiment {
  return {
    slug: 'normandy-test-slug',
    type: 'v6',
    branches: [
      { slug: 'a', ratio: 1 },
      { slug: 'b', ratio: 1 },
    ],
    startDate: '2019-12-01',
    endDate: '2020-03-01',
    proposedEnrollment: 7,
    enrollmentEndDate: '2019-12-07',
    referenceBranch: 'b',
    appName: 'firefox_desktop',
    appId: 'firefox-desktop',
    outcomes: [],
    segments: [],
    isEnrollmentPaused: true,
    isRollout: false,
    isHighPopulation: false,
    status: 'Complete',
    ...overrides,
  };
}
