/**
 * Where results are written: a local directory or (cloud issue) `gs://bucket/prefix`. Every write is
 * atomic for readers: the object appears complete or not at all, and a failed write leaves any
 * previous version intact.
 */

export interface OutputTarget {
  /** `./out` or `gs://bucket/prefix`, for messages. */
  readonly description: string;
  /** Writes `data` at `path` (relative, `/`-separated) atomically. */
  write(path: string, data: Uint8Array | string, options?: { readonly contentType?: string }): Promise<void>;
  /** The current content at `path`, or null if there is none. */
  read(path: string): Promise<Uint8Array | null>;
  /**
   * Writes only when the content differs from what is stored (e.g. by comparing checksums in
   * metadata instead of downloading); true if written. Optional: `writeIfChanged()` falls back to
   * reading and comparing.
   */
  writeIfChanged?(path: string, data: Uint8Array | string, options?: { readonly contentType?: string }): Promise<boolean>;
}
