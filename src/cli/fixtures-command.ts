/**
 * `contrail fixtures`: generate a deterministic, Jetstream-shaped fixture experiment of any size.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/params.js';
import { generateExperiment, type FixtureCompression } from '../fixtures/generate-experiment.js';
import { integerOption } from './analyze-command.js';

const HELP = `contrail fixtures: write a seeded fixture experiment (per-client metrics tables)

Usage:
  contrail fixtures --clients 1000000 --out DIR [--format parquet|csv] [--seed N] [--slug SLUG]
                    [--compression snappy|zstd|gzip|lz4_raw|uncompressed]   (Parquet; default snappy)
`;

export async function fixturesCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      clients: { type: 'string', default: '20000' },
      out: { type: 'string' },
      format: { type: 'string', default: 'parquet' },
      seed: { type: 'string' },
      slug: { type: 'string' },
      compression: { type: 'string', default: 'snappy' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.out === undefined) throw new ConfigError('fixtures: --out is required (a directory to write the tables to)');
  if (values.format !== 'parquet' && values.format !== 'csv') {
    throw new ConfigError(`fixtures: --format must be parquet or csv, got "${values.format}"`);
  }
  const started = performance.now();
  await generateExperiment({
    clients: integerOption('clients', values.clients, 1),
    out: values.out,
    format: values.format,
    seed: values.seed === undefined ? undefined : integerOption('seed', values.seed, 0),
    slug: values.slug,
    compression: values.compression as FixtureCompression,
  });
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`contrail fixtures: ${values.clients} clients written to ${values.out} in ${seconds.toFixed(1)} s\n`);
  return 0;
}
