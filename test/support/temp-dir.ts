/**
 * Temporary directories for tests: `tempDir('report')` makes an empty directory
 * `<os tmpdir>/contrail-report-XXXXXX`, and every directory a test file made is removed when that
 * file's tests end (this module registers the `afterAll`; vitest evaluates it once per test file).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the OS temp dir, named after `what`, removed after the file's tests. */
export function tempDir(what: string): string {
  const dir = mkdtempSync(join(tmpdir(), `contrail-${what}-`));
  made.push(dir);
  return dir;
}
