/**
 * The report of a real analysis in a real browser: ../shared/data/cookie_cats.csv analysed with
 * fixtures/cookie-cats/cookie-cats.toml (retention_1, retention_7 binomial; sum_game_rounds
 * bootstrap_mean and deciles), reported, and opened in Debian's headless Chromium.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { runAnalysis } from '../../src/engine/run-analysis.js';
import { writeReport, type ReportSummary } from '../../src/report/write-report.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { launchChromium, numbersOnly, openReport, plottedIntervals, summaryCells } from '../support/report-browser.js';
import { sharedData } from '../support/shared-data.js';

const DATA = sharedData('cookie_cats.csv');
const CONFIG = join(import.meta.dirname, '../../fixtures/cookie-cats/cookie-cats.toml');
const OUTPUT = resolve('.test-output/report');
const RESULTS = join(OUTPUT, 'cookie-cats-results');
const PAGE = join(OUTPUT, 'cookie-cats-report.html');

let browser: Browser | null = null;
let rows: StatisticRow[] = [];
let summary: ReportSummary;

beforeAll(async () => {
  await rm(RESULTS, { recursive: true, force: true });
  await mkdir(RESULTS, { recursive: true });
  await runAnalysis({
    configPaths: [CONFIG], input: DATA, slug: 'cookie-cats', period: 'overall', window: 1, windowLength: 14,
    branchColumn: 'version', target: new LocalTarget(RESULTS), seed: 7, threads: 2,
  });
  rows = JSON.parse(await readFile(join(RESULTS, 'statistics_cookie_cats_overall_1.json'), 'utf8'));
  summary = await writeReport({ results: RESULTS, out: PAGE });
});

afterAll(async () => {
  await browser?.close();
});

describe('cookie cats report in Chromium', () => {
  it('writes the SRM record: 44,700 vs 45,489 players is not a mismatch at p < 0.001', async () => {
    const [check] = JSON.parse(await readFile(summary.srmPath, 'utf8'));
    // scipy.stats.chisquare([44700, 45489]) -> statistic 6.9024049496058275, pvalue 0.008607987810836262
    expect(check.branches.map((b: { observed: number }) => b.observed)).toEqual([44700, 45489]);
    expect(check.chi_square).toBeCloseTo(6.9024049496058275, 9);
    expect(check.p_value).toBeCloseTo(0.008607987810836262, 12);
    expect(check.mismatch).toBe(false);
  });

  it('shows the rows of the analysis, rates as percent, without console errors or network', async () => {
    browser ??= await launchChromium();
    const { page, consoleErrors, requests } = await openReport(browser, PAGE);
    expect(await page.inputValue('select[data-control="reference"]')).toBe('gate_30');
    const relative = rows
      .filter((r) => r.comparison === 'relative_uplift' && r.comparison_to_branch === 'gate_30' && r.parameter === null)
      .map((r) => ({ metric: r.metric, statistic: r.statistic, branch: r.branch, point: r.point!, lower: r.lower!, upper: r.upper!, verdict: undefined }));
    expect(relative.map((r) => r.metric).sort()).toEqual(['retention_1', 'retention_7', 'sum_game_rounds']);
    expect(numbersOnly(await summaryCells(page))).toEqual(numbersOnly(relative));
    expect(numbersOnly(await plottedIntervals(page, 'relative'))).toEqual(numbersOnly(relative));
    // Day-7 retention is lower with the gate at level 40, and its interval excludes 0 (the known result of this data set).
    const retention7 = (await summaryCells(page)).find((c) => c.metric === 'retention_7')!;
    expect(retention7.upper).toBeLessThan(0);
    expect(retention7.verdict).toBe('worse');
    expect(await page.textContent('.chart[data-metric="retention_7"] h4 >> nth=2')).toBe('binomial: rate per branch');
    expect(await page.$$eval('.chart[data-statistic="deciles"] svg', (s) => s.length)).toBe(1);
    await page.screenshot({ path: join(OUTPUT, 'cookie-cats.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
