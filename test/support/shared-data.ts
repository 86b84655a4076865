/**
 * Paths into the workplace's shared data (`../shared/data` beside the repository), as a clean clone
 * in CI sees it: never an absolute path of one machine.
 */
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');

export function sharedData(...parts: string[]): string {
  return join(root, '..', 'shared', 'data', ...parts);
}
