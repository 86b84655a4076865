/**
 * The real @google-cloud/storage client pointed at the loopback GCS server: a custom `apiEndpoint`
 * (the client then sends no credentials unless `useAuthWithCustomEndpoint`), an explicit
 * credential-less auth client and project id so it never looks for ADC or the metadata server, and
 * a fast retry policy (delays capped at 1 s, the client's minimum) so retry tests stay quick.
 */
import { Storage } from '@google-cloud/storage';
import { OAuth2Client } from 'google-auth-library';
import { gcsRetryOptions } from '../../src/sinks/gcs-target.js';

process.env.METADATA_SERVER_DETECTION = 'none';

/** A storage client for the loopback server at `endpoint`, retrying `maxRetries` times. */
export function loopbackStorage(endpoint: string, maxRetries = 3): Storage {
  return new Storage({
    apiEndpoint: endpoint,
    projectId: 'test',
    // @google-cloud/storage nests its own google-auth-library; the class is structurally the same.
    authClient: new OAuth2Client() as never,
    retryOptions: gcsRetryOptions({ maxRetries, maxDelaySeconds: 1, totalTimeoutSeconds: 60 }),
  });
}
