import { describe, it, expect } from 'vitest';
import { buildErrorRecord, buildErrorsExport, errorsExportPath, errorsWindowStart, logTimestamp } from '../../src/results/error-record.js';

const at = (iso: string) => new Date(iso);

describe('buildErrorRecord', () => {
  it("fills Jetstream's log row fields", () => {
    const r = buildErrorRecord({
      at: at('2026-07-01T03:04:05.678Z'),
      message: 'Error while computing statistic bootstrap_mean for metric active_hours: boom',
      experiment: 'my-exp',
      metric: 'active_hours',
      statistic: 'bootstrap_mean',
      analysisBasis: 'enrollments',
      segment: 'all',
      analysisPeriod: 'week',
      exceptionType: 'StatisticComputationException',
      filename: 'statistics.ts',
      funcName: 'apply',
    });
    expect(r).toEqual({
      timestamp: '2026-07-01 03:04:05', // %Y-%m-%d %H:%M:%S, UTC
      source: 'jetstream',
      experiment: 'my-exp',
      metric: 'active_hours',
      statistic: 'bootstrap_mean',
      analysis_basis: 'enrollments',
      segment: 'all',
      analysis_period: 'week',
      message: 'Error while computing statistic bootstrap_mean for metric active_hours: boom',
      log_level: 'ERROR',
      exception: 'StatisticComputationException: Error while computing statistic bootstrap_mean for metric active_hours: boom',
      filename: 'statistics.ts',
      func_name: 'apply',
      exception_type: 'StatisticComputationException',
    });
    expect(buildErrorRecord({ at: at('2026-07-01T00:00:00Z'), message: 'w', logLevel: 'WARNING' })).toMatchObject({
      exception: null,
      exception_type: null,
      experiment: null,
      log_level: 'WARNING',
    });
    expect(() => buildErrorRecord({ at: new Date('x'), message: 'm' })).toThrow(/at must be a valid Date/);
  });
});

describe('buildErrorsExport (jetstream _get_experiment_logs_as_json)', () => {
  const records = [
    buildErrorRecord({ at: at('2026-07-01T10:00:00Z'), message: 'late', experiment: 'e', exceptionType: 'ValueError', analysisPeriod: 'day_3' }),
    buildErrorRecord({ at: at('2026-07-01T09:00:00Z'), message: 'ended', experiment: 'e', exceptionType: 'EndedException' }),
    buildErrorRecord({ at: at('2026-07-01T08:00:00Z'), message: 'enrolling', experiment: 'e', exceptionType: 'EnrollmentNotCompleteException' }),
    buildErrorRecord({ at: at('2026-07-01T07:00:00Z'), message: 'early', experiment: 'e', exceptionType: 'StatisticComputationException' }),
    buildErrorRecord({ at: at('2026-07-01T06:00:00Z'), message: 'plain warning', experiment: 'e', logLevel: 'WARNING' }),
    buildErrorRecord({ at: at('2026-07-01T05:00:00Z'), message: 'other experiment', experiment: 'f', exceptionType: 'ValueError' }),
  ];

  it('drops EndedException, EnrollmentNotCompleteException and (SQL !=) null exception types; orders by timestamp', () => {
    const out = JSON.parse(buildErrorsExport(records, { experiment: 'e' }));
    expect(out.map((r: { message: string }) => r.message)).toEqual(['early', 'late']);
    expect(JSON.parse(buildErrorsExport(records, { experiment: 'e', keepWithoutExceptionType: true })).map((r: { message: string }) => r.message)).toEqual([
      'plain warning',
      'early',
      'late',
    ]);
  });

  it("drops analysis_period and writes AnalysisError's fields in order", () => {
    const [first] = JSON.parse(buildErrorsExport(records.slice(0, 1)));
    expect(Object.keys(first)).toEqual([
      'analysis_basis',
      'source',
      'exception',
      'exception_type',
      'experiment',
      'filename',
      'func_name',
      'log_level',
      'message',
      'metric',
      'segment',
      'statistic',
      'timestamp',
    ]);
    expect(first.timestamp).toBe('2026-07-01T10:00:00+00:00');
  });

  it('keeps records at or after `since` floored to the minute', () => {
    const out = JSON.parse(buildErrorsExport(records, { experiment: 'e', since: at('2026-07-01T07:00:30Z') }));
    expect(out.map((r: { message: string }) => r.message)).toEqual(['early', 'late']);
    expect(JSON.parse(buildErrorsExport(records, { since: at('2026-07-01T07:01:00Z') })).map((r: { message: string }) => r.message)).toEqual(['late']);
  });

  it('path and empty export', () => {
    expect(errorsExportPath('my-exp')).toBe('errors/errors_my_exp.json');
    expect(buildErrorsExport([])).toBe('[]');
  });
});

describe('errorsWindowStart (jetstream export_experiment_logs weekly_analysis_start)', () => {
  it('is the last enrollment end + 1 day + k weeks before the analysis start', () => {
    // enrollment end 2026-06-01 -> candidates 06-02, 06-09, 06-16, 06-23, 06-30; start 07-01 03:00
    expect(errorsWindowStart(at('2026-07-01T03:00:00Z'), '2026-06-01').toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(errorsWindowStart(at('2026-06-30T00:00:00Z'), '2026-06-01').toISOString()).toBe('2026-06-23T00:00:00.000Z');
  });

  it('is the analysis start without an enrollment end or when enrollment ended after it', () => {
    expect(errorsWindowStart(at('2026-07-01T03:00:00Z'), null).toISOString()).toBe('2026-07-01T03:00:00.000Z');
    expect(errorsWindowStart(at('2026-07-01T03:00:00Z'), '2026-07-05').toISOString()).toBe('2026-07-01T03:00:00.000Z');
    expect(logTimestamp(at('2026-07-01T03:00:59.999Z'))).toBe('2026-07-01 03:00:59');
  });
});
