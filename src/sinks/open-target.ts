/**
 * The output target for an `--output` value: `gs://bucket/prefix` publishes to Cloud Storage, any
 * other value is a local directory. Reference: ARCHITECTURE.md, sinks.
 */
import { isGcsUrl } from './gcs-url.js';
import { LocalTarget } from './local-target.js';
import type { OutputTarget } from './output-target.js';

/**
 * A `GcsTarget` (default client, Application Default Credentials) for `gs://`, else a `LocalTarget`.
 * The Cloud Storage client is loaded only for `gs://` (importing it takes ~0.3 s).
 */
export async function openTarget(spec: string): Promise<OutputTarget> {
  if (!isGcsUrl(spec)) return new LocalTarget(spec);
  const { GcsTarget } = await import('./gcs-target.js');
  return new GcsTarget({ url: spec });
}
