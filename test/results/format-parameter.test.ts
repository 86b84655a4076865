import { describe, expect, it } from 'vitest';
import { formatParameter, pythonFloatRepr } from '../../src/results/format-parameter.js';

describe('formatParameter', () => {
  // Expected strings: Python 3.11 `str(round(v, 6))`, run here for each input (Jetstream's
  // StatisticResult parameter validator).
  const cases: [number, string][] = [
    [0.1, '0.1'],
    [0.9, '0.9'],
    [2.04, '2.04'],
    [2.0, '2.0'],
    [100.0, '100.0'],
    [1e-7, '0.0'],
    [1.23456789e-5, '1.2e-05'],
    [0.0001, '0.0001'],
    [1234567.1234567, '1234567.123457'],
    [1e16, '1e+16'],
    [1.5e17, '1.5e+17'],
    [-3.25, '-3.25'],
    [0.30000000000000004, '0.3'],
    [0.00025, '0.00025'],
    [12345678901234567890.0, '1.2345678901234567e+19'],
    [5e-7, '0.0'],
    [1.5e-6, '2e-06'],
  ];
  it.each(cases)('formats %s as Python str(round(v, 6)) = %s', (value, expected) => {
    expect(formatParameter(value)).toBe(expected);
  });

  it('passes strings through and keeps null', () => {
    expect(formatParameter('0.5')).toBe('0.5');
    expect(formatParameter(null)).toBeNull();
    expect(formatParameter(undefined)).toBeNull();
  });

  it('writes Python reprs for exponents', () => {
    // Python: repr(1e-05) == '1e-05', repr(123e20) == '1.23e+22'
    expect(pythonFloatRepr(1e-5)).toBe('1e-05');
    expect(pythonFloatRepr(123e20)).toBe('1.23e+22');
  });
});
