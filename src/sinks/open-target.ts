/**
 * The output target for an `--output` value: `gs://bucket/prefix` publishes to Cloud Storage, any
 * other value is a local directory. Reference: ARCHITECTURE.md, sinks.
 */
import { GcsTarget } from './gcs-target.js';
import { isGcsUrl } from './gcs-url.js';
import { LocalTarget } from './local-target.js';
import type { OutputTarget } from './output-target.js';

/** A `GcsTarget` (default client, Application Default Credentials) for `gs://`, else a `LocalTarget`. */
export function openTarget(spec: string): OutputTarget {
  return isGcsUrl(spec) ? new GcsTarget({ url: spec }) : new LocalTarget(spec);
}
