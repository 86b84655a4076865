import { describe, it, expect } from 'vitest';
import { addDays, diffDays, formatDate, inclusiveDateRange, isIsoDate, minDate, parseDate, utcDay } from '../../src/experiment/dates.js';

describe('dates', () => {
  it('parses and formats UTC days', () => {
    // analytic: 1970-01-01 is day 0; 2020-01-01 is 50 * 365 + 12 leap days = 18262
    expect(parseDate('1970-01-01')).toBe(0);
    expect(parseDate('2020-01-01')).toBe(18262);
    expect(formatDate(18262)).toBe('2020-01-01');
  });

  it('adds and subtracts days across months, leap days and years', () => {
    expect(addDays('2020-02-28', 1)).toBe('2020-02-29'); // 2020 is a leap year
    expect(addDays('2019-02-28', 1)).toBe('2019-03-01');
    expect(addDays('2019-12-01', 7)).toBe('2019-12-08'); // spec section 4: S=2019-12-01, E=7 -> last enrollment 2019-12-08
    expect(addDays('2021-01-01', -1)).toBe('2020-12-31');
    expect(diffDays('2020-03-01', '2019-12-01')).toBe(91); // analytic: 31 + 31 + 29
  });

  it('rejects impossible or malformed days with the value', () => {
    expect(isIsoDate('2021-02-29')).toBe(false);
    expect(isIsoDate('2020-02-29')).toBe(true);
    expect(isIsoDate('2020-1-01')).toBe(false);
    expect(() => parseDate('2021-13-01', 'start_date')).toThrow(/start_date: expected a YYYY-MM-DD calendar day, got "2021-13-01"/);
  });

  it('lists inclusive ranges and picks the earlier day', () => {
    // jetstream test_inclusive_date_range: 2020-05-01..2020-05-01 -> 1 date; ..2020-05-05 -> 5
    expect(inclusiveDateRange('2020-05-01', '2020-05-01')).toEqual(['2020-05-01']);
    expect(inclusiveDateRange('2020-05-01', '2020-05-05')).toHaveLength(5);
    expect(inclusiveDateRange('2020-05-05', '2020-05-01')).toEqual([]);
    expect(minDate('2021-01-02', '2020-12-31')).toBe('2020-12-31');
    expect(utcDay(new Date(Date.UTC(2026, 6, 1, 23, 59)))).toBe('2026-07-01');
  });
});
