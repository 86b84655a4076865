/**
 * The demo report in a real browser: the bundled fixture analysed with the default and demo configs
 * (as `npm start` does), reported, opened in Debian's headless Chromium; switching segment and
 * reference branch re-plots exactly the intervals of the JSON rows of that view.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAnalysis } from '../../src/fixtures/demo-analysis.js';
import { runAnalysis } from '../../src/engine/run-analysis.js';
import { writeReport } from '../../src/report/write-report.js';
import type { StatisticRow } from '../../src/results/statistic-row.js';
import { LocalTarget } from '../../src/sinks/local-target.js';
import { choose, launchChromium, numbersOnly, openReport, plottedIntervals, summaryCells, type ShownInterval } from '../support/report-browser.js';

const { experiment, ...demo } = demoAnalysis();
const OUTPUT = resolve('.test-output/report');
const RESULTS = join(OUTPUT, 'demo-results');
const PAGE = join(OUTPUT, 'demo-report.html');

let browser: Browser | null = null;
let rows: StatisticRow[] = [];

function expected(comparison: string, segment: string, reference: string): ShownInterval[] {
  return rows
    .filter((r) => r.comparison === comparison && r.comparison_to_branch === reference && r.segment === segment && r.analysis_basis === 'enrollments' && r.parameter === null && r.point !== null)
    .map((r) => ({ metric: r.metric, statistic: r.statistic, branch: r.branch, point: r.point!, lower: r.lower!, upper: r.upper!, verdict: undefined }));
}

async function checkView(page: Page, segment: string, reference: string): Promise<void> {
  const relative = expected('relative_uplift', segment, reference);
  expect(relative.length).toBeGreaterThan(10);
  expect(numbersOnly(await plottedIntervals(page, 'relative'))).toEqual(numbersOnly(relative));
  expect(numbersOnly(await summaryCells(page))).toEqual(numbersOnly(relative));
  expect(await page.textContent('#summary h2')).toBe(`Relative uplift against ${reference}`);
}

beforeAll(async () => {
  await rm(RESULTS, { recursive: true, force: true });
  await mkdir(RESULTS, { recursive: true });
  await runAnalysis({
    ...demo, target: new LocalTarget(RESULTS), seed: 0, threads: 2,
  });
  rows = JSON.parse(await readFile(join(RESULTS, 'statistics_contrail_demo_week_1.json'), 'utf8'));
  await writeReport({ results: RESULTS, out: PAGE, experiment });
});

afterAll(async () => {
  await browser?.close();
});

describe('demo report in Chromium', () => {
  it('shows the demo rows, then re-plots for another segment and reference branch', async () => {
    browser ??= await launchChromium();
    const { page, consoleErrors, requests } = await openReport(browser, PAGE);
    await checkView(page, 'all', 'control');
    await choose(page, 'segment', 'regular_users_v3');
    await checkView(page, 'regular_users_v3', 'control');
    await choose(page, 'reference', 'treatment-a');
    await checkView(page, 'regular_users_v3', 'treatment-a');
    await page.screenshot({ path: join(OUTPUT, 'demo-regular-users-vs-treatment-a.png'), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });
});
