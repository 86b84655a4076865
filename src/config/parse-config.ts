import { TomlError, parse } from 'smol-toml';
import { ConfigError } from './params.js';
import type { RawConfig } from './raw-config.js';

/**
 * Parses jetstream-config TOML text into a raw config; a syntax error becomes a ConfigError
 * `<source>:<line>:<column>: <message>` followed by smol-toml's excerpt of the offending lines.
 *
 * Parity: jetstream `toml.loads` (TomlDecodeError), with file, line and column in the message.
 */
export function parseConfig(text: string, source: string): RawConfig {
  try {
    return parse(text) as RawConfig;
  } catch (error) {
    if (error instanceof TomlError) {
      const [first = '', ...rest] = error.message.split('\n');
      const message = first.replace(/^Invalid TOML document: /, '');
      const excerpt = rest.join('\n').trim();
      throw new ConfigError(
        `${source}:${error.line}:${error.column}: ${message}${excerpt === '' ? '' : `\n${excerpt}`}`,
        { cause: error },
      );
    }
    throw error;
  }
}
