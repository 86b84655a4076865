import { describe, expect, it } from 'vitest';
import { windowLength } from '../../src/engine/window-length.js';

describe('windowLength', () => {
  it('gives the fixed lengths and the overall window of the experiment', () => {
    expect(['day', 'week', 'days28', 'preenrollment_week', 'preenrollment_days28'].map((p) => windowLength(p as never, {}))).toEqual([1, 7, 28, 7, 28]);
    // jetstream: (end - start) - (E + 1) + 1 = 35 - 8 + 1 = 28 for 2026-10-01..2026-11-05, E = 7
    expect(windowLength('overall', { startDate: '2026-10-01', endDate: '2026-11-05', enrollmentPeriod: 7 })).toBe(28);
    expect(() => windowLength('overall', {})).toThrow(/needs \[experiment\] start_date, end_date and enrollment_period.*--window-length/);
    expect(() => windowLength('overall', { startDate: '2026-10-01', endDate: '2026-10-05', enrollmentPeriod: 7 })).toThrow(/enrollment period is longer than analysis dates/);
  });
});
