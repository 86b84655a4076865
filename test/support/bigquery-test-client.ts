/**
 * The real `v1.BigQueryReadClient`, pointed at a loopback server over an insecure channel with an
 * explicit, credential-less auth client, so no request (nor any metadata-server probe) leaves the
 * machine. google-gax uses `sslCreds` instead of its TLS + OAuth channel credentials when given, and
 * `apiEndpoint` + `port` as the address.
 */
import * as grpc from '@grpc/grpc-js';
import { v1 } from '@google-cloud/bigquery-storage';
import { OAuth2Client } from 'google-auth-library';

process.env.METADATA_SERVER_DETECTION = 'none';

/** A client for the loopback BigQueryRead server on `port`; `grpcOptions` go to the channel. */
export function loopbackReadClient(
  port: number,
  grpcOptions: Readonly<Record<string, number>> = {},
): InstanceType<typeof v1.BigQueryReadClient> {
  return new v1.BigQueryReadClient({
    ...grpcOptions,
    apiEndpoint: '127.0.0.1',
    port,
    sslCreds: grpc.credentials.createInsecure(),
    // The nested google-auth-library of google-gax has its own (structurally equal) class.
    authClient: new OAuth2Client() as never,
    projectId: 'test-project',
  });
}
