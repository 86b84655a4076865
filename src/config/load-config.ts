/**
 * The jetstream-config TOML loader: parse a file's text, merge configs in order (platform default,
 * then the experiment's), and resolve the result into a validated AnalysisSpec.
 *
 * Parity: metric-config-parser `ExperimentConfiguration` loading in Jetstream (defaults merged under
 * the custom config, then resolved).
 */
export { parseConfig } from './parse-config.js';
export { mergeConfigs } from './merge-configs.js';
export { resolveSpec, TOP_LEVEL_KEYS, type ResolveOptions } from './resolve-spec.js';
export type { RawConfig } from './raw-config.js';
