/**
 * `contrail run` and `contrail rerun`: Jetstream's per-date analysis of every experiment (or of one,
 * over all its dates), from tables in a directory to Jetstream's exports.
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/params.js';
import { isIsoDate, utcDay, type IsoDate } from '../experiment/dates.js';
import { analysisSlug } from '../experiment/experiment.js';
import { readExperiments } from '../experiment/read-experiments.js';
import { rerunDates } from '../experiment/rerun-dates.js';
import { runDate, type ExperimentOutcome } from '../engine/run-date.js';
import { createSummaryPool } from '../pool/summary-pool.js';
import { openTarget } from '../sinks/open-target.js';
import { bootstrapMethodOption, integerOption } from './analyze-command.js';

const COMMON = `  --experiments PATH   Experimenter v8 JSON: a file (one experiment or an array), a directory, or a URL
  --config-dir DIR     jetstream-config directory: <slug>.toml, defaults/<app>.toml, outcomes/<app>/<o>.toml
                       (Contrail's bundled defaults are used for apps it has no file for)
  --input DIR          per-client tables named <nslug>_<basis>_<period>_<window>.{parquet,csv},
                       or bq://PROJECT.DATASET
  --out DIR            output root (a directory or gs://BUCKET/PREFIX): statistics_*, statistics/,
                       metadata/, errors/, logs/
  --seed N             run seed (default 0)
  --threads N          worker threads (default: all cores)
  --dry-run            print what would be computed; read no data, write nothing
  --bootstrap-method M monte_carlo (default) or exact for bootstrap_mean, deciles, population_ratio
`;

export const RUN_HELP = `contrail run: analyse every experiment due on a date

Usage:
  contrail run --date YYYY-MM-DD --experiments PATH --input DIR --out DIR [--config-dir DIR] [options]

Options:
  --date D             the analysis date (last day with complete data)
${COMMON}`;

export const RERUN_HELP = `contrail rerun: analyse one experiment for every date from its start to min(end + 1, yesterday)

Usage:
  contrail rerun --experiment SLUG --experiments PATH --input DIR --out DIR [--config-dir DIR] [options]

Options:
  --experiment SLUG    the experiment to rerun
  --today D            take D as today (default: the current UTC date)
${COMMON}`;

const OPTIONS = {
  experiments: { type: 'string' },
  'config-dir': { type: 'string' },
  input: { type: 'string' },
  out: { type: 'string' },
  seed: { type: 'string', default: '0' },
  threads: { type: 'string' },
  'dry-run': { type: 'boolean' },
  'bootstrap-method': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { ...OPTIONS, date: { type: 'string' } }, strict: true });
  if (values.help) {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  const date = requireDate('run', '--date', values.date);
  const experiments = await readExperiments(required('run', 'experiments', values.experiments), { asOf: date });
  return execute([date], experiments, values);
}

export async function rerunCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { ...OPTIONS, experiment: { type: 'string' }, today: { type: 'string' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(RERUN_HELP);
    return 0;
  }
  const slug = required('rerun', 'experiment', values.experiment);
  const today = values.today === undefined ? utcDay(new Date()) : requireDate('rerun', '--today', values.today);
  const all = await readExperiments(required('rerun', 'experiments', values.experiments), { asOf: today });
  const experiment = all.find((e) => e.slug === slug || analysisSlug(e) === slug);
  if (experiment === undefined) {
    throw new ConfigError(`rerun: no experiment "${slug}" in ${values.experiments}; known: ${all.map((e) => e.slug).join(', ')}`);
  }
  const dates = rerunDates(experiment, today);
  process.stdout.write(`contrail rerun: ${slug}, ${dates.length} dates from ${dates[0] ?? '-'} to ${dates.at(-1) ?? '-'}\n`);
  return execute(dates, [experiment], values, { today, experimentsPath: values.experiments! });
}

async function execute(
  dates: readonly IsoDate[],
  experiments: Awaited<ReturnType<typeof readExperiments>>,
  values: { 'config-dir'?: string; input?: string; out?: string; seed?: string; threads?: string; 'dry-run'?: boolean; 'bootstrap-method'?: string },
  rerun?: { today: IsoDate; experimentsPath: string },
): Promise<number> {
  const input = required('run', 'input', values.input);
  const out = required('run', 'out', values.out);
  const pool = createSummaryPool(values.threads === undefined ? undefined : integerOption('threads', values.threads, 1));
  const outcomes: ExperimentOutcome[] = [];
  try {
    for (const date of dates) {
      // Each date sees the experiment's status as of that date, as a rerun in Jetstream does.
      const current = rerun === undefined ? experiments : await readExperiments(rerun.experimentsPath, { asOf: date });
      const selected = current.filter((e) => experiments.some((x) => x.slug === e.slug));
      outcomes.push(
        ...(await runDate({
          date,
          experiments: selected,
          configDir: values['config-dir'],
          input,
          target: await openTarget(out),
          seed: integerOption('seed', values.seed, 0),
          pool,
          dryRun: values['dry-run'] === true,
          select: rerun === undefined,
          bootstrapMethod: bootstrapMethodOption(values['bootstrap-method']),
          log: (line) => process.stdout.write(`${date} ${line}\n`),
        })),
      );
    }
  } finally {
    await pool.close();
  }
  const analysed = outcomes.filter((o) => o.status === 'analysed').length;
  const windows = outcomes.reduce((n, o) => n + o.windows.length, 0);
  process.stdout.write(`contrail: ${analysed} experiment-dates analysed, ${windows} windows, ${outcomes.filter((o) => o.fatal).length} failures\n`);
  return outcomes.some((o) => o.fatal) ? 1 : 0;
}

function required(command: string, name: string, value: string | undefined): string {
  if (value === undefined || value.length === 0) throw new ConfigError(`${command}: --${name} is required (see contrail ${command} --help)`);
  return value;
}

function requireDate(command: string, flag: string, value: string | undefined): IsoDate {
  if (value === undefined || !isIsoDate(value)) {
    throw new ConfigError(`${command}: ${flag} must be a date YYYY-MM-DD, got ${value === undefined ? 'nothing' : `"${value}"`}`);
  }
  return value;
}

