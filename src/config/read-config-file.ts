import { readFile } from 'node:fs/promises';
import { mergeConfigs } from './merge-configs.js';
import { ConfigError } from './params.js';
import { parseConfig } from './parse-config.js';
import type { RawConfig } from './raw-config.js';
import { resolveSpec, type ResolveOptions } from './resolve-spec.js';
import type { AnalysisSpec } from './spec.js';

/** The raw, merged config of `paths`, before validation. */
export async function readMergedConfig(paths: readonly string[]): Promise<RawConfig> {
  if (paths.length === 0) throw new ConfigError('config: no config file given; pass at least one --config FILE');
  let merged: RawConfig = {};
  for (const path of paths) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new ConfigError(`${path}: cannot read the config file (${reason}); check the path`, { cause: error });
    }
    merged = mergeConfigs(merged, parseConfig(text, path));
  }
  return merged;
}

/**
 * Reads jetstream-config TOML files, parses each, merges them in the given order (later files win)
 * and resolves the merged config into an AnalysisSpec. Rejects with a ConfigError naming the file.
 *
 * Parity: Jetstream merges the platform default config under an experiment's custom config.
 */
export async function loadConfigFiles(paths: readonly string[], options?: ResolveOptions): Promise<AnalysisSpec> {
  return resolveSpec(await readMergedConfig(paths), options);
}
