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
    expect(() => defaultConfigPath('thunderbird')).toThrow(
      /^no default config for app "thunderbird"; known: fenix, firefox_desktop, firefox_ios, focus_android, focus_ios, klar_android, klar_ios$/,
    );
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
    // The demo config gives active_hours its own statistics, which replace the default's for that
    // metric in every period (Jetstream's merge), and adds ad_click_rate to the weekly list.
    const activeHours = ['active_hours/kernel_density_estimate', 'active_hours/linear_model_mean', 'active_hours/deciles'];
    const searchCount = ['search_count/linear_model_mean', 'search_count/deciles'];
    const dau = 'client_level_daily_active_users_v2/per_client_dau_impact';
    expect(names('day')).toEqual(['retained/binomial', ...activeHours, ...searchCount, dau]);
    const common = [...activeHours, ...searchCount, 'ad_clicks/linear_model_mean', 'ad_clicks/deciles', 'days_of_use/linear_model_mean', 'days_of_use/deciles', 'days_of_use/empirical_cdf'];
    expect(names('week')).toEqual([...common, 'retained/binomial', 'is_default_browser/binomial', dau, 'searches_per_hour/bootstrap_mean', 'ad_click_rate/population_ratio']);
    expect(names('overall')).toEqual([...common, 'is_default_browser/binomial', dau]);
    expect(names('days28')).toEqual([]);
    expect(names('preenrollment_week')).toEqual([...common, 'is_default_browser/binomial']);
    const searchDeciles = spec.periods.week?.find((s) => s.metric === 'search_count' && s.statistic === 'deciles');
    expect(searchDeciles?.pretreatments).toEqual([{ name: 'remove_nulls', params: {} }]);
    expect(spec.metrics.searches_per_hour.friendlyName).toBe('Searches per active hour');
    expect(Object.values(spec.metrics).every((m) => m.biggerIsBetter)).toBe(true);
  });
});
