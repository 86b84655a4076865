/**
 * Writes an export only when its content differs from what the target already holds, so a run with
 * nothing new rewrites nothing (Jetstream compares the export's update time with the view's).
 */
import type { OutputTarget } from './output-target.js';

export async function writeIfChanged(
  target: OutputTarget,
  path: string,
  data: string | Uint8Array,
  options?: { readonly contentType?: string },
): Promise<boolean> {
  if (target.writeIfChanged !== undefined) return target.writeIfChanged(path, data, options);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const existing = await target.read(path);
  if (existing !== null && Buffer.from(existing).equals(Buffer.from(bytes))) return false;
  await target.write(path, bytes, options);
  return true;
}
