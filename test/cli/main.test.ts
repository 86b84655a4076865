/**
 * The command line: subcommands, help, exit codes and messages (2 for unusable input or config,
 * 1 for invalid configs in validate-config, 0 otherwise).
 */
import { readdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LARGE_INPUT_BYTES } from '../../src/cli/huge-pages.js';
import { main } from '../../src/cli/main.js';
import { discardReaderThread } from '../../src/engine/reader-thread.js';
import { tempDir } from '../support/temp-dir.js';

const root = join(import.meta.dirname, '../..');

async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('contrail CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('lists its commands', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const command of ['analyze', 'run', 'rerun', 'validate-config', 'report', 'fixtures', 'demo', 'bench']) expect(stdout).toContain(command);
  });

  it('answers an unknown command with the known ones', async () => {
    const { code, stderr } = await cli('analyse');
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown command "analyse"; known: analyze, bench, demo, fixtures/);
  });

  it('prints analyze --help', async () => {
    const { code, stdout } = await cli('analyze', '--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/--input DIR\|FILE/);
  });

  it('exits 2 with the missing option named', async () => {
    const { code, stderr } = await cli('analyze', '--input', 'x');
    expect(code).toBe(2);
    expect(stderr).toMatch(/analyze: --config is required/);
  });

  it('exits 2 for an input that does not exist', async () => {
    const { code, stderr } = await cli('analyze', '--config', join(root, 'fixtures/cookie-cats/cookie-cats.toml'), '--input', '/nonexistent/x.parquet', '--slug', 's', '--period', 'overall', '--window-length', '14', '--out', '/tmp/x');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--input \/nonexistent\/x\.parquet: no such file or directory/);
  });

  it('stops the reader thread it started for a large local input when the command fails before reading', async () => {
    const dir = tempDir('large-input');
    const table = join(dir, 'a_enrollments_week_1.parquet');
    await writeFile(table, '');
    await truncate(table, LARGE_INPUT_BYTES);
    const { code, stderr } = await cli('analyze', '--input', dir, '--out', join(dir, 'out'));
    expect(code).toBe(2);
    expect(stderr).toMatch(/analyze: --config is required/);
    // main discarded it: none is left to keep the process alive
    expect(await discardReaderThread()).toBe(false);
  });

  it('validates configs: 0 when valid, 1 with the reason when not', async () => {
    const dir = tempDir('validate');
    await writeFile(join(dir, 'good.toml'), '[experiment]\nreference_branch = "control"\n');
    await writeFile(join(dir, 'bad.toml'), '[metrics]\nweekly = ["x"]\n[metrics.x]\n');
    await writeFile(join(dir, 'broken.toml'), '[metrics\n');
    await writeFile(join(dir, 'my-example.toml'), 'not toml at all [');
    const good = await cli('validate-config', join(dir, 'good.toml'), join(dir, 'my-example.toml'));
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/good\.toml: valid/);
    expect(good.stdout).toMatch(/my-example\.toml: Skipping example config/);
    const bad = await cli('validate-config', join(dir, 'bad.toml'), join(dir, 'broken.toml'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/bad\.toml: invalid: .*metric "x" has no statistics/);
    expect(bad.stdout).toMatch(/broken\.toml: invalid: .*broken\.toml:\d+:\d+/);
  });

  it('validates every bundled default config', async () => {
    const defaults = join(root, 'src/config/defaults');
    const files = (await readdir(defaults)).map((f) => join(defaults, f));
    expect(files.length).toBe(7);
    const { code, stdout } = await cli('validate-config', ...files);
    expect(stdout).not.toMatch(/invalid/);
    expect(code).toBe(0);
  });

  it('generates a fixture experiment as CSV', async () => {
    const out = tempDir('fixtures');
    const { code } = await cli('fixtures', '--clients', '300', '--format', 'csv', '--out', out);
    expect(code).toBe(0);
    expect((await readdir(out)).sort()).toEqual([
      'contrail_demo_enrollments_preenrollment_week_1.csv',
      'contrail_demo_enrollments_week_1.csv',
      'contrail_demo_enrollments_week_2.csv',
      'contrail_demo_exposures_week_1.csv',
      'contrail_demo_exposures_week_2.csv',
    ]);
  });

  it('plans a date without reading data (--dry-run)', async () => {
    const { code, stdout } = await cli(
      'run', '--dry-run', '--date', '2026-10-14',
      '--experiments', join(root, 'fixtures/contrail-demo/experiment.json'),
      '--config-dir', join(root, 'test/fixtures/run-config'),
      '--input', '/nonexistent', '--out', '/nonexistent',
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/contrail-demo: week window 1 \(days 0\.\.6, length 7\)/);
    expect(stdout).toMatch(/table contrail_demo_enrollments_week_1/);
    expect(stdout).toMatch(/summaries: retained\/binomial, days_of_use\/linear_model_mean; segments: all, regular_users_v3/);
  });

  it('reruns one experiment over every date of its life', async () => {
    const out = tempDir('rerun');
    const { code, stdout } = await cli(
      'rerun', '--experiment', 'contrail-demo', '--today', '2026-10-16', '--threads', '1',
      '--experiments', join(root, 'fixtures/contrail-demo/experiment.json'),
      '--config-dir', join(root, 'test/fixtures/run-config'),
      '--input', join(root, 'fixtures/contrail-demo'), '--out', out,
    );
    expect(code).toBe(0);
    // Start 2026-10-01 to min(end + 1, yesterday) = 2026-10-15: 15 dates; pre-enrollment on
    // S+E+1 = 10-09 and week 1 on S+E+6 = 10-14 are the windows due (jetstream schedule).
    expect(stdout).toMatch(/contrail rerun: contrail-demo, 15 dates from 2026-10-01 to 2026-10-15/);
    expect(stdout).toMatch(/2026-10-09 contrail-demo: preenrollment_week window 1: \d+ rows, 0 errors/);
    expect(stdout).toMatch(/2026-10-14 contrail-demo: week window 1: \d+ rows, 0 errors/);
    expect(stdout).toMatch(/contrail: 2 experiment-dates analysed, 2 windows, 0 failures/);
    expect((await readdir(join(out, 'statistics'))).sort()).toEqual(['statistics_contrail_demo_preenrollment_weekly.json', 'statistics_contrail_demo_weekly.json']);
  });
});

describe('contrail CLI as a process', () => {
  it.each([
    ['the native decoder', '1', /corrupt\.parquet is not a readable Parquet file \(truncated or corrupt: column \w+, row group 0: .*\); re-export or regenerate it/],
    ['parquet-wasm', '0', /corrupt\.parquet could not be decoded \(a corrupt data page: .*\); re-export or regenerate the file/],
  ])('reports a Parquet file with corrupt data pages by name, exit 2, no WebAssembly trace (%s)', async (_, nativeParquet, message) => {
    const { execFile } = await import('node:child_process');
    const { readFile: read, writeFile: write } = await import('node:fs/promises');
    const dir = tempDir('corrupt');
    const bytes = await read(join(root, 'fixtures/contrail-demo/contrail_demo_enrollments_week_1.parquet'));
    // Flip bytes of the data pages; the footer (file metadata) stays intact.
    for (let i = 1000; i < 200_000; i += 997) bytes[i] ^= 0x5a;
    const table = join(dir, 'corrupt.parquet');
    await write(table, bytes);
    const args = ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'analyze', '--config', join(root, 'src/config/defaults/firefox_desktop.toml'), '--input', table, '--slug', 'x', '--out', join(dir, 'out'), '--statistics', 'binomial'];
    const env = { ...process.env, CONTRAIL_NATIVE_PARQUET: nativeParquet };
    const result = await new Promise<{ code: number | null; stderr: string }>((done) => {
      const child = execFile(process.execPath, args, { cwd: root, env }, () => undefined);
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => done({ code, stderr }));
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/wasm-function/);
  });
});
