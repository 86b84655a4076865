/**
 * `gs://bucket/prefix` locations for outputs: the bucket, the object-name prefix, and the object
 * name of a relative output path under it.
 * Reference: https://cloud.google.com/storage/docs/buckets#naming (bucket names: 3-63 characters of
 * lowercase letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit)
 */

/** A bucket and an object-name prefix, parsed from `gs://bucket/prefix`. */
export interface GcsLocation {
  readonly bucket: string;
  /** Object-name prefix without leading or trailing `/`; empty for the bucket root. */
  readonly prefix: string;
}

const GS_URL = /^gs:\/\/([a-z0-9][a-z0-9._-]{1,61}[a-z0-9])(?:\/(.*))?$/;

/** True when `spec` is a `gs://` URL rather than a local path. */
export function isGcsUrl(spec: string): boolean {
  return spec.startsWith('gs://');
}

/** Parses `gs://bucket/prefix` (prefix optional); throws naming the value and the expected form. */
export function parseGcsUrl(url: string): GcsLocation {
  const match = GS_URL.exec(url);
  if (match === null) {
    throw new Error(`output: expected gs://BUCKET/PREFIX with a valid bucket name (e.g. gs://mozanalysis/jetstream), got "${url}"`);
  }
  const prefix = (match[2] ?? '').replace(/^\/+|\/+$/g, '');
  return { bucket: match[1], prefix };
}

/** The object name of relative output `path` under `location`; refuses absolute and `..` paths. */
export function objectName(location: GcsLocation, path: string): string {
  const segments = path.split('/');
  if (path === '' || path.startsWith('/') || segments.some(segment => segment === '' || segment === '.' || segment === '..')) {
    throw new Error(`gs://${location.bucket}/${location.prefix}: output path must be relative and /-separated without . or .., got "${path}"`);
  }
  return location.prefix === '' ? path : `${location.prefix}/${path}`;
}
