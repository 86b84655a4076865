import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse-config.js';
import { ConfigError } from '../../src/config/params.js';

describe('parseConfig', () => {
  it('parses tables, lists and the 28_day key', () => {
    const raw = parseConfig('[metrics]\n28_day = ["a"]\n[metrics.a.statistics.count]\n', 'x.toml');
    expect(raw).toEqual({ metrics: { '28_day': ['a'], a: { statistics: { count: {} } } } });
  });

  it('reports a syntax error as source:line:column', () => {
    const text = '[experiment]\nreference_branch = "control"\n[metrics\nweekly = []\n';
    let error: unknown;
    try {
      parseConfig(text, 'configs/my-exp.toml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    // smol-toml points at line 3, column 9: the end of the unclosed "[metrics" header, then shows the lines
    expect((error as Error).message).toMatch(/^configs\/my-exp\.toml:3:9: illegal character in key\n/);
    expect((error as Error).message).not.toMatch(/Invalid TOML document/);
  });

  it('reports a duplicate key with its position', () => {
    expect(() => parseConfig('a = 1\na = 2\n', 'dup.toml')).toThrow(/^dup\.toml:2:1: trying to redefine/);
  });
});
