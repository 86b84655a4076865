/**
 * The config an experiment is analysed with, layered as Jetstream layers it: the platform's default
 * config (`defaults/<app_name>.toml` from the config directory, else Contrail's bundled one), then
 * each outcome the experiment names (`outcomes/<app_name>/<outcome>.toml`, its metrics added to the
 * weekly and overall lists), then the experiment's own `<slug>.toml`.
 *
 * Parity: jetstream `ConfigLoader` / metric-config-parser `AnalysisSpec.default_for_experiment`
 * merged with outcome specs and the custom config.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { OutcomeInput } from '../results/metadata-export.js';
import { defaultConfigPath } from './default-config.js';
import { mergeConfigs } from './merge-configs.js';
import { ConfigError } from './params.js';
import { parseConfig } from './parse-config.js';
import { isTable, type RawConfig } from './raw-config.js';
import { readMergedConfig } from './read-config-file.js';
import { resolveSpec, type ResolveOptions } from './resolve-spec.js';
import type { AnalysisSpec } from './spec.js';

export interface ExperimentConfig {
  readonly spec: AnalysisSpec;
  readonly outcomes: readonly OutcomeInput[];
  /** The files merged, in order. */
  readonly files: readonly string[];
  /** Whether the experiment has a config file of its own (metadata's external_config). */
  readonly hasCustomConfig: boolean;
}

const OUTCOME_KEYS = ['friendly_name', 'description', 'default_metrics', 'metrics', 'data_sources', 'parameters', 'segments'];

export async function resolveExperimentConfig(
  experiment: { readonly slug: string; readonly appName: string; readonly outcomes: readonly string[] },
  configDir: string | undefined,
  options?: ResolveOptions,
): Promise<ExperimentConfig> {
  const local = configDir === undefined ? undefined : join(configDir, 'defaults', `${experiment.appName}.toml`);
  const defaults = local !== undefined && existsSync(local) ? local : defaultConfigPath(experiment.appName);
  const files = [defaults];
  let merged = await readMergedConfig([defaults]);

  const outcomes: OutcomeInput[] = [];
  for (const name of experiment.outcomes) {
    const path = configDir === undefined ? undefined : join(configDir, 'outcomes', experiment.appName, `${name}.toml`);
    if (path === undefined || !existsSync(path)) {
      throw new ConfigError(`${experiment.slug}: outcome "${name}" not found; expected ${path ?? `outcomes/${experiment.appName}/${name}.toml under --config-dir`}`);
    }
    const outcome = parseConfig(await readFile(path, 'utf8'), path);
    const { config, input } = outcomeAsConfig(name, outcome, path);
    merged = mergeConfigs(merged, config);
    outcomes.push(input);
    files.push(path);
  }

  const custom = configDir === undefined ? undefined : join(configDir, `${experiment.slug}.toml`);
  const hasCustomConfig = custom !== undefined && existsSync(custom);
  if (hasCustomConfig) {
    merged = mergeConfigs(merged, parseConfig(await readFile(custom, 'utf8'), custom));
    files.push(custom);
  }
  return { spec: resolveSpec(merged, options), outcomes, files, hasCustomConfig };
}

/** An outcome file as a config layer: its metric definitions, listed under weekly and overall. */
export function outcomeAsConfig(slug: string, outcome: RawConfig, source: string): { config: RawConfig; input: OutcomeInput } {
  for (const key of Object.keys(outcome)) {
    if (!OUTCOME_KEYS.includes(key)) {
      throw new ConfigError(`${source}: unknown outcome key "${key}"; known: ${OUTCOME_KEYS.join(', ')}`);
    }
  }
  const metrics = isTable(outcome.metrics) ? outcome.metrics : {};
  const names = Object.keys(metrics).filter((m) => isTable(metrics[m]));
  const defaultMetrics = Array.isArray(outcome.default_metrics) ? outcome.default_metrics.map(String) : [];
  const config: Record<string, unknown> = { metrics: { ...metrics, weekly: names, overall: names } };
  for (const key of ['data_sources', 'parameters', 'segments']) if (outcome[key] !== undefined) config[key] = outcome[key];
  return {
    config,
    input: {
      slug,
      friendlyName: typeof outcome.friendly_name === 'string' ? outcome.friendly_name : slug,
      description: typeof outcome.description === 'string' ? outcome.description : '',
      metrics: names,
      defaultMetrics,
    },
  };
}
