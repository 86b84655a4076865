/**
 * The files a report page inlines: the UMD bundles of d3 and Observable Plot (so the page needs no
 * network) and the page's own script and style sheet in src/report/page/. Read once per process.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { packageRoot } from '../config/package-root.js';

/** The text of each inlined file. */
export interface PageAssets {
  readonly d3: string;
  readonly plot: string;
  readonly charts: string;
  readonly page: string;
  readonly css: string;
}

let cached: PageAssets | null = null;

/** Reads (once) the bundles and page files; throws naming the package to install when one is missing. */
export function pageAssets(): PageAssets {
  if (cached !== null) return cached;
  const pageDir = join(packageRoot(), 'src', 'report', 'page');
  cached = {
    d3: readFileSync(umdBundle('d3', 'dist/d3.min.js'), 'utf8'),
    plot: readFileSync(umdBundle('@observablehq/plot', 'dist/plot.umd.min.js'), 'utf8'),
    charts: readFileSync(join(pageDir, 'report-charts.js'), 'utf8'),
    page: readFileSync(join(pageDir, 'report-page.js'), 'utf8'),
    css: readFileSync(join(pageDir, 'report-page.css'), 'utf8'),
  };
  return cached;
}

/** A file of an installed package, found from the package's resolved entry point (its exports map hides subpaths). */
function umdBundle(name: string, file: string): string {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`report: package ${name} is not installed; it is a dependency of contrail, run npm install`);
  }
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, file))) return join(dir, file);
  }
  throw new Error(`report: ${name} has no ${file} above ${entry}; reinstall ${name}`);
}
