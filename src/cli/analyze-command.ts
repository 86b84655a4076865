/**
 * `contrail analyze`: one analysis window from local tables (or one table file) to result files.
 */
import { parseArgs } from 'node:util';
import type { Period } from '../config/spec.js';
import { PERIODS } from '../config/spec.js';
import { ConfigError } from '../config/params.js';
import { BOOTSTRAP_METHODS, isBootstrapMethod, type BootstrapMethod } from '../statistics/support/bootstrap-method.js';
import { openTarget } from '../sinks/open-target.js';
import { runAnalysis, type RunAnalysisResult } from '../engine/run-analysis.js';
import { createProgress } from './progress.js';
import { formatSummary } from './format-summary.js';

export const ANALYZE_HELP = `contrail analyze: compute Jetstream's statistics for one analysis window

Usage:
  contrail analyze --config FILE [--config FILE ...] --input DIR|FILE --slug SLUG
                   --period week --window 1 --out DIR [options]

Options:
  --config FILE         jetstream-config TOML; repeat to layer (defaults first, experiment last)
  --input DIR|FILE|bq://PROJECT.DATASET
                        directory of tables named <nslug>_<basis>_<period>_<window>.{parquet,csv},
                        one table file used for every basis, or a BigQuery dataset holding the
                        Jetstream-named tables (read with the Storage Read API; Application
                        Default Credentials)
  --slug SLUG           experiment slug (its normalized form names the tables and outputs)
  --period P            ${PERIODS.join(' | ')} (default week)
  --window N            window index, 1-based (default 1)
  --out DIR|gs://B/P    output directory (created if missing) or Cloud Storage prefix
  --billing-project P   project billed for BigQuery reads (default: the table's project)
  --seed N              run seed; the same seed and input give byte-identical output (default 0)
  --threads N           worker threads (default: all cores)
  --statistics a,b      compute only these statistics
  --branch-column NAME  the column holding the branch (default branch)
  --branches a,b,c      the experiment's branches in order (a branch without clients gets counts of 0)
  --bootstrap-method M  monte_carlo (default) or exact: how bootstrap_mean, deciles and
                        population_ratio compute (exact: no random numbers, num_samples ignored)
  --batch-size N        rows per record batch when reading (default 65536)
  --window-length N     days in the window for normalize_over_analysis_period (overall only)
  -h, --help            this help
`;

export async function analyzeCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      config: { type: 'string', multiple: true },
      input: { type: 'string' },
      slug: { type: 'string' },
      period: { type: 'string', default: 'week' },
      window: { type: 'string', default: '1' },
      out: { type: 'string' },
      'billing-project': { type: 'string' },
      seed: { type: 'string', default: '0' },
      threads: { type: 'string' },
      statistics: { type: 'string' },
      'branch-column': { type: 'string' },
      branches: { type: 'string' },
      'batch-size': { type: 'string' },
      'bootstrap-method': { type: 'string' },
      'window-length': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(ANALYZE_HELP);
    return 0;
  }
  const required = (name: string, value: string | string[] | undefined) => {
    if (value === undefined || value.length === 0) throw new ConfigError(`analyze: --${name} is required (see contrail analyze --help)`);
    return value;
  };
  const period = values.period as Period;
  if (!PERIODS.includes(period)) throw new ConfigError(`analyze: --period must be one of ${PERIODS.join(', ')}, got "${values.period}"`);
  const started = performance.now();
  const progress = createProgress(process.stderr);
  const result = await runAnalysis({
    configPaths: required('config', values.config) as string[],
    input: required('input', values.input) as string,
    slug: required('slug', values.slug) as string,
    period,
    window: integerOption('window', values.window, 1),
    target: await openTarget(required('out', values.out) as string),
    bigQuery: values['billing-project'] === undefined ? undefined : { billingProject: values['billing-project'] },
    seed: integerOption('seed', values.seed, 0),
    threads: values.threads === undefined ? undefined : integerOption('threads', values.threads, 1),
    statistics: values.statistics?.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    branchColumn: values['branch-column'],
    branches: values.branches?.split(',').map((s) => s.trim()).filter((s) => s.length > 0),
    batchSize: values['batch-size'] === undefined ? undefined : integerOption('batch-size', values['batch-size'], 1),
    windowLength: values['window-length'] === undefined ? undefined : integerOption('window-length', values['window-length'], 1),
    bootstrapMethod: bootstrapMethodOption(values['bootstrap-method']),
    onProgress: progress.update,
  });
  progress.done();
  process.stdout.write(formatSummary(result, { out: values.out!, seconds: (performance.now() - started) / 1000 }));
  return exitCode(result);
}

/** Non-zero only when nothing could be computed. */
export function exitCode(result: RunAnalysisResult): number {
  return result.summariesComputed === 0 && result.summariesFailed > 0 ? 1 : 0;
}

export function bootstrapMethodOption(text: string | undefined): BootstrapMethod | undefined {
  if (text === undefined) return undefined;
  if (!isBootstrapMethod(text)) throw new ConfigError(`--bootstrap-method must be one of ${BOOTSTRAP_METHODS.join(', ')}, got "${text}"`);
  return text;
}

export function integerOption(name: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (text === undefined || !Number.isInteger(value) || value < min) {
    throw new ConfigError(`--${name} must be an integer >= ${min}, got "${text}"`);
  }
  return value;
}
