/**
 * The bundle that bin/contrail.js and `npm start` run (src/build/bundle.ts): built here from a tsc
 * emit of its own (not dist/, which other tests read while this one runs), then run alone (tsc's
 * files removed) as a child process, so its reader threads and summary workers load from the bundle. Its output must
 * be byte for byte the sources' output (the metadata file aside: it records the start time).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { tempDir } from '../support/temp-dir.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
// inside the package, so that the bundle finds package.json and node_modules above it
mkdirSync(join(root, '.test-output'), { recursive: true });
const build = mkdtempSync(join(root, '.test-output', 'build-'));
afterAll(() => rmSync(build, { recursive: true, force: true }));

describe('the bundled CLI', () => {
  it('runs the demo with the bundled workers and writes what the sources write', { timeout: 240_000 }, async () => {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', build, '--sourceMap', 'false'], { cwd: root });
    await run(process.execPath, [join(build, 'src/build/bundle.js'), build], { cwd: root });
    for (const entry of ['src/cli/main.js', 'workers/table-reader.js', 'workers/summary-worker.js']) expect(existsSync(join(build, 'bundle', entry))).toBe(true);
    // the bundle alone: a worker path that missed it would otherwise find tsc's unbundled file
    for (const name of readdirSync(build)) if (name !== 'bundle') rmSync(join(build, name), { recursive: true });

    const bundled = tempDir('bundled-demo');
    const { stdout } = await run(process.execPath, [join(build, 'bundle/src/cli/main.js'), 'demo', '--out', bundled], { cwd: root });
    expect(stdout).toMatch(/summaries\s+90 computed, 0 failed/);

    const sources = tempDir('sources-demo');
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['demo', '--out', sources])).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    const files = readdirSync(sources).filter((name) => !name.startsWith('metadata_') && name !== 'report.html').sort();
    expect(files).toEqual(['errors_contrail_demo.json', 'srm_contrail_demo.json', 'statistics_contrail_demo_week_1.json', 'statistics_contrail_demo_week_1.parquet']);
    expect(readdirSync(bundled).sort()).toEqual(readdirSync(sources).sort());
    for (const name of files) expect(readFileSync(join(bundled, name)).equals(readFileSync(join(sources, name))), name).toBe(true);
  });
});
