/**
 * `writeReport`: a results directory to one self-contained HTML report, plus the sample ratio
 * mismatch record `srm_<nslug>.json` written next to the results.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { LocalTarget } from '../sinks/local-target.js';
import { readBranchPlan } from './branch-ratios.js';
import { buildReportData } from './build-report-data.js';
import { pageAssets } from './page-assets.js';
import { readResultsDir } from './read-results-dir.js';
import { renderReportHtml } from './render-report-html.js';

/** Where to read the results and write the page. */
export interface WriteReportOptions {
  /** The results directory (the --out of contrail analyze). */
  readonly results: string;
  /** The HTML file to write. */
  readonly out: string;
  /** Experimenter v8 JSON giving branch ratios and the reference branch; equal ratios when absent. */
  readonly experiment?: string;
  /** Normalized slug to report when the directory holds several experiments. */
  readonly slug?: string;
}

/** What was written, for the command's one-line summary and for callers such as `npm start`. */
export interface ReportSummary {
  readonly out: string;
  readonly srmPath: string;
  readonly slug: string;
  readonly windows: number;
  readonly views: number;
  readonly metrics: number;
  readonly srmChecks: number;
  readonly srmMismatches: number;
  readonly errors: number;
  readonly warnings: number;
  readonly bytes: number;
}

/**
 * Reads the results directory, writes the HTML page to `options.out` (parent folders created) and
 * `srm_<nslug>.json` into the results directory; rejects with a message naming the file and the fix
 * when the directory or the experiment definition cannot be used.
 */
export async function writeReport(options: WriteReportOptions): Promise<ReportSummary> {
  const results = await readResultsDir(options.results, options.slug);
  const plan = options.experiment === undefined ? null : await readBranchPlan(options.experiment);
  const data = buildReportData(results, plan);
  const html = renderReportHtml(data, pageAssets());
  const out = resolve(options.out);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, html);
  const srmName = `srm_${results.nslug}.json`;
  await new LocalTarget(options.results).write(srmName, `${JSON.stringify(data.srm, null, 2)}\n`);
  return {
    out,
    srmPath: join(resolve(options.results), srmName),
    slug: results.nslug,
    windows: data.windows.length,
    views: Object.keys(data.views).length,
    metrics: Object.keys(data.metrics).length,
    srmChecks: data.srm.length,
    srmMismatches: data.srm.filter((c) => c.mismatch).length,
    errors: data.problems.filter((p) => p.level === 'ERROR' || p.level === 'CRITICAL').length,
    warnings: data.problems.filter((p) => p.level === 'WARNING').length,
    bytes: Buffer.byteLength(html),
  };
}
