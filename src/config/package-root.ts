/**
 * The directory holding Contrail's package.json, found by walking up from this module, so bundled
 * files (default configs, fixtures) resolve the same from src/ under tsx and from dist/ after a build.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('contrail: cannot find package.json above the installed module');
    dir = parent;
  }
  cached = dir;
  return dir;
}
