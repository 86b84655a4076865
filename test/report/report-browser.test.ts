/**
 * The report in a real browser: Debian's headless Chromium driven by playwright-core opens the page
 * from file://, switches segment and reference branch, and checks that the plotted intervals and the
 * summary table show exactly the rows of the statistics JSON, with no console error and no network
 * request. Screenshots and the measured render time go to .test-output/report/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { writeReport } from '../../src/report/write-report.js';
import { choose, launchChromium, numbersOnly, openReport, plottedIntervals, summaryCells, type ShownInterval } from '../support/report-browser.js';
import { writeSyntheticResults } from '../support/synthetic-results.js';

const OUTPUT = resolve('.test-output/report');
const RESULTS = join(OUTPUT, 'synthetic-results');
const PAGE = join(OUTPUT, 'synthetic-report.html');

let browser: Browser | null = null;

/** Launched on first use, so a missing Chromium fails each test with the install hint. */
async function open() {
  browser ??= await launchChromium();
  return openReport(browser, PAGE);
}

let rows: StatisticRow[] = [];

/** The comparison rows the page should show for a view and reference. */
function expected(comparison: string, segment: string, basis: string, reference: string): ShownInterval[] {
  return rows
    .filter((r) => r.comparison === comparison && r.comparison_to_branch === reference && r.segment === segment && r.analysis_basis === basis && r.parameter === null)
    .map((r) => ({ metric: r.metric, statistic: r.statistic, branch: r.branch, point: r.point!, lower: r.lower!, upper: r.upper!, verdict: undefined }));
}

async function checkView(page: Page, segment: string, basis: string, reference: string): Promise<void> {
  const relative = expected('relative_uplift', segment, basis, reference);
  // 20 metrics x 2 other branches.
  expect(relative).toHaveLength(40);
  expect(numbersOnly(await plottedIntervals(page, 'relative'))).toEqual(numbersOnly(relative));
  expect(numbersOnly(await plottedIntervals(page, 'difference'))).toEqual(numbersOnly(expected('difference', segment, basis, reference)));
  expect(numbersOnly(await summaryCells(page))).toEqual(numbersOnly(relative));
  const header = await page.textContent('#summary h2');
  expect(header).toBe(`Relative uplift against ${reference}`);
}

beforeAll(async () => {
  await rm(RESULTS, { recursive: true, force: true });
  await mkdir(OUTPUT, { recursive: true });
  // 3 branches, 20 metrics; treatment-a over-enrolled so the SRM check fires.
  await writeSyntheticResults(RESULTS, { extraMetrics: 17, counts: { control: 5000, 'treatment-a': 5400, 'treatment-b': 4600 } });
  await writeReport({ results: RESULTS, out: PAGE });
  rows = JSON.parse(await readFile(join(RESULTS, 'statistics_synthetic_experiment_overall_1.json'), 'utf8'));
});

afterAll(async () => {
  await browser?.close();
});

describe('report page in Chromium', () => {
  it('a missing Chromium fails with the install hint instead of skipping', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(/\/nonexistent\/chromium is missing; install Debian's chromium \(apt-get install chromium\), as .ci\/run does/);
  });

  it('renders the overall view against control with the intervals of the JSON rows, without errors or network', async () => {
    const { page, consoleErrors, requests } = await open();
    expect(await page.inputValue('select[data-control="window"]')).toBe('overall|1');
    await checkView(page, 'all', 'enrollments', 'control');
    // crash_count: bigger_is_better false, treatment-a +6 % [3 %, 9 %] -> clearly worse.
    const crash = (await summaryCells(page)).find((c) => c.metric === 'crash_count' && c.branch === 'treatment-a')!;
    expect(crash.verdict).toBe('worse');
    expect(await page.$eval('#summary-table tr[data-metric="crash_count"] td[data-branch="treatment-a"]', (c) => c.textContent)).toBe('+6.00% [+3.00%, +9.00%]');
    expect(await page.$$eval('svg[data-x-scale="log"]', (s) => s.length)).toBe(1); // the KDE's geometric grid
    await page.screenshot({ path: join(OUTPUT, 'synthetic-top.png') });
    await page.locator('section.metric[data-metric="active_hours"]').screenshot({ path: join(OUTPUT, 'synthetic-active-hours.png') });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it('switching segment and reference branch re-plots the matching rows', async () => {
    const { page, consoleErrors } = await open();
    await choose(page, 'segment', 'new_users');
    await checkView(page, 'new_users', 'enrollments', 'control');
    await choose(page, 'reference', 'treatment-b');
    await checkView(page, 'new_users', 'enrollments', 'treatment-b');
    await choose(page, 'basis', 'exposures');
    await checkView(page, 'new_users', 'exposures', 'treatment-b');
    await page.screenshot({ path: join(OUTPUT, 'synthetic-new-users-vs-treatment-b.png') });
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  it('shows the SRM check and the errors, and sorts the summary by a clicked header', async () => {
    const { page } = await open();
    // scipy.stats.chisquare([5000, 5400, 4600]).pvalue = 1.2664165549094158e-14
    const p = Number(await page.getAttribute('#srm [data-mismatch="true"]', 'data-p-value'));
    expect(p / 1.2664165549094158e-14).toBeCloseTo(1, 9);
    expect(await page.$$eval('#problems tr.problem', (trs) => trs.map((tr) => [...tr.children].slice(0, 6).map((td) => td.textContent)))).toEqual([
      ['WARNING', 'week', 'active_hours', 'kernel_density_estimate', 'new_users', 'exposures'],
      ['ERROR', 'overall', 'crash_count', 'deciles', 'all', 'enrollments'],
    ]);
    const column = async () => (await summaryCells(page)).filter((c) => c.branch === 'treatment-b').map((c) => c.point);
    const before = Number(await page.getAttribute('body', 'data-rendered'));
    await page.click('th[data-sort="treatment-b"]');
    await page.waitForSelector(`body[data-rendered="${before + 1}"]`);
    const ascending = await column();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    await page.click('th[data-sort="treatment-b"]');
    await page.waitForSelector(`body[data-rendered="${before + 2}"]`);
    const descending = await column();
    expect(descending).toEqual([...ascending].reverse());
    await page.close();
  });

  it('measures the render time of a 3-branch, 20-metric page (reported, not asserted)', async () => {
    const { page } = await open();
    await choose(page, 'segment', 'new_users');
    await choose(page, 'reference', 'treatment-a');
    const renders: number[] = await page.evaluate(() => (globalThis as unknown as { contrailReport: { renders: number[] } }).contrailReport.renders);
    expect(renders).toHaveLength(3);
    const readyMs: number = await page.evaluate(() => (globalThis as unknown as { contrailReport: { readyMs: number } }).contrailReport.readyMs);
    const charts = await page.$$eval('section.metric svg', (s) => s.length);
    await writeFile(join(OUTPUT, 'render-timing.json'), `${JSON.stringify({ metrics: 20, branches: 3, charts, renderMs: renders, readyMs }, null, 2)}\n`);
    console.log(
      `report render (20 metrics, 3 branches, ${charts} charts): first ${renders[0].toFixed(1)} ms ` +
        `(${readyMs.toFixed(1)} ms from navigation start), re-renders ${renders.slice(1).map((r) => r.toFixed(1)).join(', ')} ms`,
    );
    await page.close();
  });
});
