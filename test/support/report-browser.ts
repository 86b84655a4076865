/**
 * Opening a Contrail report in Debian's headless Chromium (playwright-core) for tests: launch with
 * the flags CI uses, collect console errors and non-file requests, and read back what the page shows
 * (forest-plot intervals from the SVG rules' data attributes, summary-table cells).
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launches Chromium, or fails telling how to install it (browser tests never skip). */
export async function launchChromium(executablePath: string = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(`report browser test: ${executablePath} is missing; install Debian's chromium (apt-get install chromium), as .ci/run does`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface OpenedReport {
  readonly page: Page;
  readonly consoleErrors: string[];
  readonly requests: string[];
}

export async function openReport(browser: Browser, file: string): Promise<OpenedReport> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) requests.push(r.url());
  });
  await page.goto(`file://${file}`);
  await page.waitForSelector('body[data-rendered="1"]');
  return { page, consoleErrors, requests };
}

/** Picks a value of a control and waits for the re-render. */
export async function choose(page: Page, control: string, value: string): Promise<void> {
  const before = Number(await page.getAttribute('body', 'data-rendered'));
  await page.selectOption(`select[data-control="${control}"]`, value);
  await page.waitForSelector(`body[data-rendered="${before + 1}"]`);
}

/** What the page callbacks read of an element (the project compiles without the DOM library). */
interface DomElement {
  readonly dataset: Record<string, string | undefined>;
  closest(selector: string): DomElement | null;
}

export interface ShownInterval {
  metric: string;
  statistic: string;
  branch: string;
  point: number;
  lower: number;
  upper: number;
  verdict: string | undefined;
}

/** Intervals of the forest plots (`chart` relative, difference or absolute), from the SVG rules' data attributes. */
export async function plottedIntervals(page: Page, chart: string): Promise<ShownInterval[]> {
  return page.$$eval(`[data-chart="${chart}"]`, (elements) =>
    elements.map((e) => {
      const element = e as unknown as DomElement;
      const holder = element.closest('.chart')!;
      const d = element.dataset;
      return { metric: holder.dataset.metric!, statistic: holder.dataset.statistic!, branch: d.branch!, point: Number(d.point), lower: Number(d.lower), upper: Number(d.upper), verdict: d.verdict };
    }),
  );
}

export async function summaryCells(page: Page): Promise<ShownInterval[]> {
  return page.$$eval('#summary-table td[data-branch]', (cells) =>
    cells.map((c) => {
      const cell = c as unknown as DomElement;
      const tr = cell.closest('tr')!;
      const d = cell.dataset;
      return { metric: tr.dataset.metric!, statistic: tr.dataset.statistic!, branch: d.branch!, point: Number(d.point), lower: Number(d.lower), upper: Number(d.upper), verdict: d.verdict };
    }),
  );
}

/** Intervals sorted and without verdicts, for comparing with statistics rows. */
export function numbersOnly(list: readonly ShownInterval[]): Omit<ShownInterval, 'verdict'>[] {
  return list
    .map(({ verdict: _verdict, ...rest }) => rest)
    .sort((a, b) => `${a.metric}/${a.statistic}/${a.branch}`.localeCompare(`${b.metric}/${b.statistic}/${b.branch}`));
}
