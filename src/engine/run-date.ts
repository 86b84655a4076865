/**
 * `contrail run --date D`: for every experiment, resolve its config, check it can be analysed, find
 * the periods with a newly complete window on D, analyse each from the tables in the input
 * directory, and publish Jetstream's exports. One experiment's failure never stops the others.
 *
 * Parity: jetstream `Analysis.run` per experiment and date (validation, `_get_timelimits_if_ready`,
 * only the newest window of each period), then the JSON exports.
 */
import type { Period } from '../config/spec.js';
import { resolveExperimentConfig } from '../config/experiment-config.js';
import { applyOverrides, type ConfiguredExperiment } from '../experiment/apply-overrides.js';
import type { IsoDate } from '../experiment/dates.js';
import { analysisSlug, type Experiment } from '../experiment/experiment.js';
import { checkBeforeRun } from '../experiment/runnability.js';
import { selectionRejection } from '../experiment/select-experiments.js';
import { applyBootstrapMethod, type BootstrapMethod } from '../statistics/support/bootstrap-method.js';
import { duePeriods, type TimeLimits } from '../experiment/schedule.js';
import { buildErrorRecord, type ErrorRecord } from '../results/error-record.js';
import { buildMetadata, metadataExportPath, serializeMetadata } from '../results/metadata-export.js';
import { normalizeSlug, tableName } from '../sources/locate-table.js';
import { openBasisTables, type BigQueryOptions } from '../sources/open-basis-tables.js';
import { InputError } from '../sources/table-reader.js';
import type { OutputTarget } from '../sinks/output-target.js';
import { publishErrors, publishStatisticsExport } from '../sinks/publish-exports.js';
import { statisticsFileStem, writeStatisticsFiles } from '../sinks/statistics-files.js';
import type { SummaryPool } from '../pool/summary-pool.js';
import { analyzeWindow, type BasisTables } from './analyze-window.js';
import { errorRecordsOf } from './error-records.js';

export interface RunDateOptions {
  readonly date: IsoDate;
  readonly experiments: readonly Experiment[];
  readonly configDir?: string;
  /** Directory of per-client tables named `<nslug>_<basis>_<period>_<window>`. */
  readonly input: string;
  /** For `bq://` inputs: the client (tests), billing project and streams per read session. */
  readonly bigQuery?: BigQueryOptions;
  readonly target: OutputTarget;
  readonly seed: number;
  readonly pool: SummaryPool;
  readonly dryRun?: boolean;
  /** Run-wide `method` of bootstrap_mean, deciles and population_ratio (`--bootstrap-method`). */
  readonly bootstrapMethod?: BootstrapMethod;
  /**
   * Apply Jetstream's selection of experiments for a date (ended within 90 days or live, a known
   * type, not a rollout, not ended by the configured end date, not skipped) before analysing:
   * `run` over all experiments does; `rerun` of one named experiment does not (validation decides).
   */
  readonly select?: boolean;
  readonly now?: () => Date;
  /** One line per event, for the command's output. */
  readonly log?: (line: string) => void;
}

export interface WindowOutcome {
  readonly period: Period;
  readonly windowIndex: number;
  readonly rows: number;
  readonly errors: number;
  readonly missingTable?: string;
  /** Whether the window's statistics differ from what the output already held. */
  readonly changed: boolean;
}

export interface ExperimentOutcome {
  readonly slug: string;
  readonly status: 'analysed' | 'nothing-due' | 'not-selected' | 'not-runnable' | 'failed' | 'dry-run';
  readonly message?: string;
  /** True when the failure should make the command exit non-zero (not a ValidationException). */
  readonly fatal: boolean;
  readonly windows: readonly WindowOutcome[];
  readonly exportsWritten: readonly string[];
}

export async function runDate(options: RunDateOptions): Promise<ExperimentOutcome[]> {
  const outcomes: ExperimentOutcome[] = [];
  for (const experiment of options.experiments) {
    outcomes.push(await runExperiment(experiment, options));
  }
  return outcomes;
}

async function runExperiment(experiment: Experiment, options: RunDateOptions): Promise<ExperimentOutcome> {
  const log = options.log ?? (() => {});
  const now = options.now?.() ?? new Date();
  const slug = analysisSlug(experiment);
  const logPath = `logs/logs_${normalizeSlug(slug)}.json`;
  const record = (message: string, exceptionType: string | null, extra: { period?: string; level?: 'ERROR' | 'WARNING' } = {}) =>
    buildErrorRecord({ at: now, message, experiment: slug, exceptionType, analysisPeriod: extra.period ?? null, logLevel: extra.level ?? 'ERROR' });

  let configured: ConfiguredExperiment;
  let config: Awaited<ReturnType<typeof resolveExperimentConfig>>;
  try {
    config = await resolveExperimentConfig(experiment, options.configDir);
    configured = applyOverrides(experiment, config.spec.experiment);
  } catch (error) {
    const message = `${slug} -> ${(error as Error).message}`;
    log(`${slug}: invalid config: ${(error as Error).message}`);
    if (!options.dryRun) await publishErrors(options.target, slug, logPath, [record(message, (error as Error).name)], { now, enrollmentEndDate: experiment.enrollmentEndDate });
    return { slug, status: 'failed', message, fatal: true, windows: [], exportsWritten: [] };
  }

  const rejection = options.select === true ? selectionRejection(configured, options.date) : null;
  if (rejection !== null) {
    log(`${slug}: not selected for ${options.date}: ${rejection}`);
    return { slug, status: 'not-selected', message: rejection, fatal: false, windows: [], exportsWritten: [] };
  }

  const runnable = checkBeforeRun(configured, options.date);
  if (!runnable.ok) {
    log(`${slug}: ${runnable.message}`);
    if (!options.dryRun) {
      await publishErrors(options.target, slug, logPath, [record(runnable.message, runnable.exceptionType)], { now, enrollmentEndDate: configured.enrollmentEndDate });
    }
    return { slug, status: 'not-runnable', message: runnable.message, fatal: !runnable.isValidation, windows: [], exportsWritten: [] };
  }

  const periods = (Object.keys(config.spec.periods) as Period[]).filter((p) => (config.spec.periods[p]?.length ?? 0) > 0);
  const due = duePeriods(configured, options.date, periods);
  if (due.length === 0) {
    log(`${slug}: nothing due on ${options.date}`);
    return { slug, status: 'nothing-due', fatal: false, windows: [], exportsWritten: [] };
  }
  const methodSpec = applyBootstrapMethod(config.spec, options.bootstrapMethod).spec;
  const spec = { ...methodSpec, experiment: { ...methodSpec.experiment, segments: [...configured.segments] } };

  if (options.dryRun) {
    for (const limits of due) {
      const summaries = spec.periods[limits.period] ?? [];
      log(`${slug}: ${limits.period} window ${limits.windowIndex} (days ${limits.window.start}..${limits.window.end}, length ${limits.analysisLengthDates})`);
      for (const basis of ['enrollments', 'exposures'] as const) {
        log(`  table ${tableName({ slug, basis, period: limits.period, window: limits.windowIndex })}`);
      }
      log(`  ${summaries.length} summaries: ${summaries.map((s) => `${s.metric}/${s.statistic}`).join(', ')}; segments: all${configured.segments.map((s) => `, ${s}`).join('')}`);
    }
    return { slug, status: 'dry-run', fatal: false, windows: due.map((l) => ({ period: l.period, windowIndex: l.windowIndex, rows: 0, errors: 0, changed: false })), exportsWritten: [] };
  }

  const records: ErrorRecord[] = [];
  const windows: WindowOutcome[] = [];
  const exportsWritten: string[] = [];
  for (const limits of due) {
    const outcome = await analyzeDue(configured, spec, limits, options, records, now);
    windows.push(outcome);
    log(
      outcome.missingTable !== undefined
        ? `${slug}: ${limits.period} window ${limits.windowIndex}: table ${outcome.missingTable} not found in ${options.input}`
        : `${slug}: ${limits.period} window ${limits.windowIndex}: ${outcome.rows} rows, ${outcome.errors} errors`,
    );
    if (outcome.missingTable === undefined && (await publishStatisticsExport(options.target, slug, limits.period, limits.windowIndex))) {
      exportsWritten.push(`statistics ${limits.period}`);
    }
  }

  const metadata = buildMetadata({ experiment: configured, spec, outcomes: config.outcomes, analysisStartTime: now });
  // Metadata carries the analysis start time, so it is rewritten only when some window changed.
  if (metadata !== null && windows.some((w) => w.changed)) {
    await options.target.write(metadataExportPath(slug), serializeMetadata(metadata), { contentType: 'application/json' });
    exportsWritten.push('metadata');
  }
  if (await publishErrors(options.target, slug, logPath, records, { now, enrollmentEndDate: configured.enrollmentEndDate })) {
    exportsWritten.push('errors');
  }
  return { slug, status: 'analysed', fatal: false, windows, exportsWritten };
}

async function analyzeDue(
  experiment: ConfiguredExperiment,
  spec: Parameters<typeof analyzeWindow>[0]['spec'],
  limits: TimeLimits,
  options: RunDateOptions,
  records: ErrorRecord[],
  now: Date,
): Promise<WindowOutcome> {
  const slug = analysisSlug(experiment);
  const key = { slug, period: limits.period, window: limits.windowIndex };
  let tables: BasisTables;
  try {
    tables = await openBasisTables(options.input, key, options.bigQuery);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const table = tableName({ ...key, basis: 'enrollments' });
    records.push(
      buildErrorRecord({
        at: now,
        experiment: slug,
        analysisPeriod: limits.period,
        exceptionType: 'InputError',
        message: `table ${table} not found in ${options.input}; the ${limits.period} window ${limits.windowIndex} was not analysed (${error.message})`,
      }),
    );
    return { period: limits.period, windowIndex: limits.windowIndex, rows: 0, errors: 1, missingTable: table, changed: false };
  }
  const result = await analyzeWindow({
    spec,
    slug,
    period: limits.period,
    window: limits.windowIndex,
    periodLength: limits.analysisLengthDates,
    tables,
    seed: options.seed,
    pool: options.pool,
    branches: experiment.branches.map((b) => b.slug),
    referenceBranch: experiment.referenceBranch ?? undefined,
  });
  const written = await writeStatisticsFiles(options.target, statisticsFileStem(slug, limits.period, limits.windowIndex), result.rows, { onlyIfChanged: true });
  records.push(...errorRecordsOf(result.problems, { experiment: slug, period: limits.period, now }));
  return {
    period: limits.period,
    windowIndex: limits.windowIndex,
    rows: result.rows.length,
    errors: result.problems.filter((p) => p.level === 'ERROR').length,
    changed: written.length > 0,
  };
}

