import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultConfigPath } from '../../src/config/default-config.js';
import { loadConfigFiles } from '../../src/config/read-config-file.js';

const demoConfig = fileURLToPath(new URL('../../fixtures/contrail-demo/contrail-demo.toml', import.meta.url));

describe('defaultConfigPath', () => {
  it('finds the firefox_desktop default from the package root', () => {
    const path = defaultConfigPath();
    expect(path).toBe(fileURLToPath(new URL('../../src/config/defaults/firefox_desktop.toml', import.meta.url)));
    expect(existsSync(path)).toBe(true);
  });

  it('names the known apps for an unknown one', () => {
    expect(() => defaultConfigPath('fenix')).toThrow(/^no default config for app "fenix"; known: firefox_desktop$/);
  });
});

describe('the default and demo configs', () => {
  it('resolve together with no error', async () => {
    const spec = await loadConfigFiles([defaultConfigPath(), demoConfig]);
    expect(spec.experiment).toEqual({
      startDate: '2026-10-01',
      endDate: '2026-11-05',
      enrollmentPeriod: 7,
      referenceBranch: 'control',
      segments: ['regular_users_v3', 'new_or_resurrected_v3'],
      other: {},
    });
    expect(Object.keys(spec.segments)).toEqual(['regular_users_v3', 'new_or_resurrected_v3']);
    const names = (period: keyof typeof spec.periods) => spec.periods[period]?.map((s) => `${s.metric}/${s.statistic}`);
    expect(names('day')).toEqual(['retained/binomial', 'active_hours/bootstrap_mean', 'active_hours/deciles']);
    expect(names('week')).toEqual([
      'active_hours/bootstrap_mean',
      'active_hours/deciles',
      'search_count/bootstrap_mean',
      'search_count/deciles',
      'ad_clicks/bootstrap_mean',
      'days_of_use/bootstrap_mean',
      'days_of_use/deciles',
      'retained/binomial',
      'is_default_browser/binomial',
      'searches_per_hour/bootstrap_mean',
    ]);
    expect(names('overall')).toEqual(names('week'));
    expect(names('days28')).toEqual([]);
    expect(names('preenrollment_week')).toEqual([
      'active_hours/bootstrap_mean',
      'active_hours/deciles',
      'search_count/bootstrap_mean',
      'search_count/deciles',
      'days_of_use/bootstrap_mean',
      'days_of_use/deciles',
    ]);
    const searchCount = spec.periods.week?.find((s) => s.metric === 'search_count' && s.statistic === 'deciles');
    expect(searchCount?.pretreatments).toEqual([{ name: 'remove_nulls', params: {} }]);
    expect(spec.metrics.searches_per_hour.friendlyName).toBe('Searches per active hour');
    expect(Object.values(spec.metrics).every((m) => m.biggerIsBetter)).toBe(true);
  });
});
