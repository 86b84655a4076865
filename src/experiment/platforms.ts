/**
 * The platforms Jetstream analyses (its `platform_config.toml`) and the BigQuery dataset an
 * application id maps to.
 *
 * Parity: jetstream `platform.PLATFORM_CONFIGS` (firefox_desktop with the normandy enrollment query,
 * the mobile apps with glean-event) and `Analysis._app_id_to_bigquery_dataset`.
 */

/** How enrollments are found on the platform (mozanalysis enrollments query type). */
export type EnrollmentsQueryType = 'normandy' | 'glean-event';

/** One supported platform. */
export interface Platform {
  readonly appName: string;
  readonly enrollmentsQueryType: EnrollmentsQueryType;
}

/** Jetstream's supported `app_name`s, in its platform config order. */
export const PLATFORMS: Readonly<Record<string, Platform>> = Object.freeze({
  firefox_desktop: { appName: 'firefox_desktop', enrollmentsQueryType: 'normandy' },
  fenix: { appName: 'fenix', enrollmentsQueryType: 'glean-event' },
  focus_android: { appName: 'focus_android', enrollmentsQueryType: 'glean-event' },
  klar_android: { appName: 'klar_android', enrollmentsQueryType: 'glean-event' },
  firefox_ios: { appName: 'firefox_ios', enrollmentsQueryType: 'glean-event' },
  focus_ios: { appName: 'focus_ios', enrollmentsQueryType: 'glean-event' },
  klar_ios: { appName: 'klar_ios', enrollmentsQueryType: 'glean-event' },
});

/** The supported app names, in platform config order. */
export const SUPPORTED_APP_NAMES: readonly string[] = Object.freeze(Object.keys(PLATFORMS));

/** Whether Jetstream has a platform config for `appName`. */
export function isSupportedApp(appName: string): boolean {
  return Object.hasOwn(PLATFORMS, appName);
}

/**
 * The BigQuery dataset of an application id: every character outside `[a-zA-Z0-9]` becomes `_`,
 * then lower case (`org.mozilla.firefox_beta` -> `org_mozilla_firefox_beta`).
 *
 * Parity: jetstream `Analysis._app_id_to_bigquery_dataset`.
 */
export function appIdToDataset(appId: string): string {
  return appId.replace(/[^a-zA-Z0-9]/g, '_').toLowerCase();
}
