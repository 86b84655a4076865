/**
 * How a failed BigQuery Storage Read call is handled: which gRPC statuses a stream may resume after,
 * and the InputError (naming the table and the fix) for the rest.
 * Reference: https://cloud.google.com/bigquery/docs/reference/storage#error_handling (retry
 * UNAVAILABLE and INTERNAL with "RST_STREAM"; a session expires after 6 hours)
 */
import { InputError } from './table-reader.js';

/** gRPC status codes (https://grpc.github.io/grpc/core/md_doc_statuscodes.html). */
const Status = {
  DEADLINE_EXCEEDED: 4,
  NOT_FOUND: 5,
  PERMISSION_DENIED: 7,
  RESOURCE_EXHAUSTED: 8,
  FAILED_PRECONDITION: 9,
  INTERNAL: 13,
  UNAVAILABLE: 14,
  UNAUTHENTICATED: 16,
} as const;

interface GrpcLikeError {
  readonly code?: unknown;
  readonly details?: unknown;
  readonly message?: unknown;
}

function detailsOf(error: unknown): string {
  const e = (error ?? {}) as GrpcLikeError;
  return String(e.details ?? e.message ?? error);
}

function codeOf(error: unknown): number | undefined {
  const code = ((error ?? {}) as GrpcLikeError).code;
  return typeof code === 'number' ? code : undefined;
}

/** True when a ReadRows stream that failed with `error` may be resumed at its row offset. */
export function isRetryableReadError(error: unknown): boolean {
  const code = codeOf(error);
  if (code === Status.UNAVAILABLE || code === Status.DEADLINE_EXCEEDED) return true;
  return code === Status.INTERNAL && /RST_STREAM/i.test(detailsOf(error));
}

/** True when `error` says the read session is gone (it lives 6 hours). */
function isExpiredSession(error: unknown): boolean {
  const code = codeOf(error);
  return (code === Status.FAILED_PRECONDITION || code === Status.NOT_FOUND) && /session.*expired|expired.*session/i.test(detailsOf(error));
}

/**
 * The InputError for a failed call on `table` (described as `bq://P.D table T`) while doing `what`,
 * e.g. `bq://p.d table t not found: check --input and that the metrics table exists`.
 */
export function readErrorFor(table: string, what: string, error: unknown): InputError {
  const code = codeOf(error);
  const details = detailsOf(error);
  if (isExpiredSession(error)) {
    return new InputError(`${table}: read session expired while ${what} (${details}): rerun the analysis; sessions last 6 hours`);
  }
  if (code === Status.NOT_FOUND) {
    return new InputError(`${table} not found: check --input and that the metrics table exists (${details})`);
  }
  if (code === Status.PERMISSION_DENIED || code === Status.UNAUTHENTICATED) {
    return new InputError(
      `${table}: permission denied while ${what} (${details}): grant roles/bigquery.readSessionUser on the billing project ` +
        'and roles/bigquery.dataViewer on the table to the credentials in GOOGLE_APPLICATION_CREDENTIALS or gcloud auth application-default login',
    );
  }
  if (code === Status.RESOURCE_EXHAUSTED) {
    return new InputError(`${table}: quota exhausted while ${what} (${details}): retry later or set a billing project with more quota`);
  }
  const status = code === undefined ? 'error' : `gRPC status ${code}`;
  return new InputError(`${table}: ${status} while ${what}: ${details}`);
}
