/**
 * `contrail validate-config FILE...`: checks jetstream-config files without data. Each file is
 * merged over the bundled firefox_desktop default (as an experiment config would be) unless it is
 * itself a default or outcome config. Exit 0 when every file is valid, 1 otherwise.
 *
 * Parity: jetstream `validate_config` (example configs skipped; invalid TOML or config -> 1).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultConfigPath } from '../config/default-config.js';
import { outcomeAsConfig } from '../config/experiment-config.js';
import { mergeConfigs } from '../config/merge-configs.js';
import { parseConfig } from '../config/parse-config.js';
import { readMergedConfig } from '../config/read-config-file.js';
import { resolveSpec } from '../config/resolve-spec.js';

const HELP = `contrail validate-config: check jetstream-config TOML files without data

Usage:
  contrail validate-config FILE...

A file under defaults/ is checked on its own, a file under outcomes/<app>/ as an outcome, any other
as an experiment config over Contrail's firefox_desktop default. Files named *example* are skipped.
Exit code: 0 all valid, 1 any invalid.
`;

export async function validateConfigCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  if (values.help || positionals.length === 0) {
    process.stdout.write(HELP);
    return values.help ? 0 : 1;
  }
  let invalid = 0;
  for (const file of positionals) {
    if (basename(file).includes('example')) {
      process.stdout.write(`${file}: Skipping example config\n`);
      continue;
    }
    try {
      await validateFile(file);
      process.stdout.write(`${file}: valid\n`);
    } catch (error) {
      invalid++;
      process.stdout.write(`${file}: invalid: ${(error as Error).message}\n`);
    }
  }
  return invalid > 0 ? 1 : 0;
}

async function validateFile(file: string): Promise<void> {
  const parent = basename(dirname(file));
  const grandparent = basename(dirname(dirname(file)));
  if (parent === 'defaults') {
    resolveSpec(await readMergedConfig([file]));
  } else if (grandparent === 'outcomes') {
    const outcome = parseConfig(await readFile(file, 'utf8'), file);
    resolveSpec(outcomeAsConfig(basename(file, '.toml'), outcome, file).config);
  } else {
    const base = await readMergedConfig([defaultConfigPath('firefox_desktop')]);
    resolveSpec(mergeConfigs(base, parseConfig(await readFile(file, 'utf8'), file)));
  }
}
