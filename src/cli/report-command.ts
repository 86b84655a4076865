/**
 * `contrail report`: a results directory to one self-contained HTML report (and the sample ratio
 * mismatch record next to the results).
 */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/params.js';
import { writeReport } from '../report/write-report.js';

/** The text of `contrail report --help`. */
export const REPORT_HELP = `contrail report: a self-contained HTML report of a results directory

Usage:
  contrail report --results DIR --out FILE.html [--experiment FILE] [--slug NSLUG]

Options:
  --results DIR       the output directory of contrail analyze (statistics_*.json, errors_*.json,
                      optional metadata_*.json)
  --out FILE          the HTML file to write (opens offline in any browser)
  --experiment FILE   Experimenter v8 JSON: branch ratios for the sample ratio mismatch check and
                      the default reference branch (equal ratios when absent)
  --slug NSLUG        the experiment to report when DIR holds several
  -h, --help          this help

Also writes DIR/srm_<nslug>.json: the sample ratio mismatch check of every period, window,
segment and basis (chi-square test, flagged when p < 0.001).
`;

/** Runs `contrail report` with its arguments (after the command name); resolves to the exit code. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      results: { type: 'string' },
      out: { type: 'string' },
      experiment: { type: 'string' },
      slug: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(REPORT_HELP);
    return 0;
  }
  if (values.results === undefined) throw new ConfigError('report: --results is required (see contrail report --help)');
  if (values.out === undefined) throw new ConfigError('report: --out is required (see contrail report --help)');
  const summary = await writeReport({ results: values.results, out: values.out, experiment: values.experiment, slug: values.slug });
  process.stdout.write(
    `report ${summary.slug}: ${summary.metrics} metrics, ${summary.windows} windows, ${summary.views} views, ` +
      `${summary.errors} errors, ${summary.warnings} warnings -> ${summary.out} (${(summary.bytes / 1024).toFixed(0)} KiB)\n` +
      `sample ratio mismatch: ${summary.srmMismatches} of ${summary.srmChecks} checks flagged (p < 0.001) -> ${summary.srmPath}\n`,
  );
  return 0;
}
