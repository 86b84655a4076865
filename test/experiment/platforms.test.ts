import { describe, it, expect } from 'vitest';
import { appIdToDataset, isSupportedApp, PLATFORMS, SUPPORTED_APP_NAMES } from '../../src/experiment/platforms.js';

describe('platforms', () => {
  it("lists Jetstream's supported apps", () => {
    expect(SUPPORTED_APP_NAMES).toEqual(['firefox_desktop', 'fenix', 'focus_android', 'klar_android', 'firefox_ios', 'focus_ios', 'klar_ios']);
    expect(isSupportedApp('fenix')).toBe(true);
    expect(isSupportedApp('invalid_app')).toBe(false);
    expect(isSupportedApp('toString')).toBe(false);
    expect(PLATFORMS.firefox_desktop.enrollmentsQueryType).toBe('normandy');
    expect(PLATFORMS.fenix.enrollmentsQueryType).toBe('glean-event');
  });

  it('maps app ids to datasets (jetstream _app_id_to_bigquery_dataset)', () => {
    expect(appIdToDataset('org.mozilla.firefox_beta')).toBe('org_mozilla_firefox_beta');
    expect(appIdToDataset('org.mozilla.ios.Firefox')).toBe('org_mozilla_ios_firefox');
    expect(appIdToDataset('firefox-desktop')).toBe('firefox_desktop');
  });
});
