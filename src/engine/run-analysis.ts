/**
 * `contrail analyze` as a function: resolve the config, find the tables, analyse one window on a
 * worker pool, and write the statistics files and the errors file. Returns what a summary needs.
 */
import type { Period } from '../config/spec.js';
import { applyBootstrapMethod, type BootstrapMethod } from '../statistics/support/bootstrap-method.js';
import { loadConfigFiles } from '../config/read-config-file.js';
import { ConfigError } from '../config/params.js';
import { normalizeSlug } from '../sources/locate-table.js';
import { openBasisTables, type BigQueryOptions } from '../sources/open-basis-tables.js';
import type { OutputTarget } from '../sinks/output-target.js';
import { statisticsFileStem, writeStatisticsFiles } from '../sinks/statistics-files.js';
import { createSummaryPool } from '../pool/summary-pool.js';
import { analyzeWindow, type LocatedProblem } from './analyze-window.js';
import { windowLength } from './window-length.js';
import { errorRecordsJson } from './error-records.js';
import { buildSpecMetadata, serializeMetadata } from '../results/metadata-export.js';

export interface RunAnalysisOptions {
  readonly configPaths: readonly string[];
  /** A directory of Jetstream-named tables, or one table file used for every basis. */
  readonly input: string;
  readonly slug: string;
  readonly period: Period;
  readonly window: number;
  readonly target: OutputTarget;
  readonly seed: number;
  readonly threads?: number;
  readonly statistics?: readonly string[];
  readonly branchColumn?: string;
  /** The experiment's branches, in order; a branch without clients gets identity counts of 0. */
  readonly branches?: readonly string[];
  readonly batchSize?: number;
  readonly windowLength?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** For `bq://` inputs: the client (tests), billing project and streams per read session. */
  readonly bigQuery?: BigQueryOptions;
  /** Run-wide `method` of bootstrap_mean, deciles and population_ratio (`--bootstrap-method`). */
  readonly bootstrapMethod?: BootstrapMethod;
  /** The clock for error timestamps (tests pass a fixed one). */
  readonly now?: () => Date;
}

export interface RunAnalysisResult {
  readonly rowsWritten: number;
  readonly errors: number;
  readonly warnings: number;
  readonly files: readonly string[];
  readonly rowsRead: number;
  readonly rowsDropped: Readonly<Record<string, number>>;
  readonly summariesComputed: number;
  readonly summariesFailed: number;
  readonly problems: readonly LocatedProblem[];
  readonly threads: number;
  /** Summaries computed with the exact bootstrap, whose num_samples was ignored. */
  readonly exactSummaries: number;
}

export async function runAnalysis(options: RunAnalysisOptions): Promise<RunAnalysisResult> {
  const { spec, exactSummaries } = applyBootstrapMethod(
    await loadConfigFiles(options.configPaths, { statistics: options.statistics }),
    options.bootstrapMethod,
  );
  if ((spec.periods[options.period]?.length ?? 0) === 0) {
    const listed = (Object.keys(spec.periods) as Period[]).filter((p) => (spec.periods[p]?.length ?? 0) > 0);
    throw new ConfigError(
      `analyze: the config computes nothing for period ${options.period}${options.statistics ? ` with --statistics ${options.statistics.join(',')}` : ''}; ` +
        `its metrics are listed for: ${listed.join(', ') || '(no period)'}; pass one of those to --period or add the metrics to the [metrics] list of ${options.period}`,
    );
  }
  const tables = await openBasisTables(options.input, options, options.bigQuery);
  const periodLength = options.windowLength ?? windowLength(options.period, spec.experiment);
  const pool = createSummaryPool(options.threads);
  try {
    const result = await analyzeWindow({
      spec,
      slug: options.slug,
      period: options.period,
      window: options.window,
      periodLength,
      tables,
      seed: options.seed,
      pool,
      branchColumn: options.branchColumn,
      branches: options.branches,
      referenceBranch: spec.experiment.referenceBranch,
      batchSize: options.batchSize,
      onProgress: options.onProgress,
    });
    const stem = statisticsFileStem(options.slug, options.period, options.window);
    const files = await writeStatisticsFiles(options.target, stem, result.rows);
    const metadataPath = `metadata_${normalizeSlug(options.slug)}.json`;
    await options.target.write(metadataPath, serializeMetadata(buildSpecMetadata(spec, options.slug, options.now?.() ?? new Date())), {
      contentType: 'application/json',
    });
    const errorsPath = `errors_${normalizeSlug(options.slug)}.json`;
    await options.target.write(
      errorsPath,
      errorRecordsJson(result.problems, { experiment: options.slug, period: options.period, now: options.now?.() ?? new Date() }),
      { contentType: 'application/json' },
    );
    return {
      rowsWritten: result.rows.length,
      errors: result.problems.filter((p) => p.level === 'ERROR').length,
      warnings: result.problems.filter((p) => p.level === 'WARNING').length,
      files: [...files, metadataPath, errorsPath],
      rowsRead: result.rowsRead,
      rowsDropped: result.rowsDropped,
      summariesComputed: result.summariesComputed,
      summariesFailed: result.summariesFailed,
      problems: result.problems,
      threads: pool.threads,
      exactSummaries,
    };
  } finally {
    await pool.close();
  }
}
