import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from './params.js';
import { packageRoot } from './package-root.js';

/**
 * The path of Contrail's default jetstream-config for an app (`src/config/defaults/<app>.toml`),
 * found from the package root so it works from `src/` under tsx and from `dist/` after a build.
 *
 * Parity: metric-hub `jetstream/defaults/<app>.toml`, restricted to the statistics Contrail has.
 */
export function defaultConfigPath(appName = 'firefox_desktop'): string {
  const dir = join(packageRoot(), 'src', 'config', 'defaults');
  const path = join(dir, `${appName}.toml`);
  if (!existsSync(path)) {
    const known = existsSync(dir)
      ? readdirSync(dir).filter((f) => f.endsWith('.toml')).map((f) => f.slice(0, -'.toml'.length))
      : [];
    throw new ConfigError(`no default config for app "${appName}"; known: ${known.sort().join(', ') || '(none)'}`);
  }
  return path;
}
