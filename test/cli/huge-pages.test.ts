/**
 * The malloc tunables of the bin (src/cli/huge-pages.ts): when it asks for a second process, with
 * what environment, and that in the second process typed arrays really are in huge pages (Linux's
 * /proc/self/smaps_rollup, AnonHugePages) and freed arrays of a worker thread really are returned
 * (VmRSS) on a machine where the decision says so.
 */
import { writeFileSync } from 'node:fs';
import { readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HUGE_PAGES_TUNABLE, LARGE_INPUT_BYTES, MMAP_THRESHOLD_TUNABLE, commandEnvironment, mallocEnvironment, machineFacts, opensTls, readsLargeInput, readsLargeLocalInput, runAgain, type MachineFacts } from '../../src/cli/huge-pages.js';
import { tempDir } from '../support/temp-dir.js';

const debian: MachineFacts = { platform: 'linux', thpEnabled: 'always [madvise] never\n', glibcVersion: () => '2.36' };

const BOTH = `${HUGE_PAGES_TUNABLE}:${MMAP_THRESHOLD_TUNABLE}`;

describe('mallocEnvironment', () => {
  it('adds glibc.malloc.hugetlb=1 on Linux with THP in madvise mode and glibc 2.35 or later, and the fixed mmap threshold with glibc 2.26 or later', () => {
    expect(mallocEnvironment({ PATH: '/bin' }, debian)).toEqual({ PATH: '/bin', GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=4194304' });
    expect(mallocEnvironment({}, { ...debian, glibcVersion: () => '2.35' })?.GLIBC_TUNABLES).toBe(BOTH);
    expect(mallocEnvironment({}, { ...debian, glibcVersion: () => '3.0' })?.GLIBC_TUNABLES).toBe(BOTH);
    expect(mallocEnvironment({}, { ...debian, glibcVersion: () => '2.34' })?.GLIBC_TUNABLES).toBe(MMAP_THRESHOLD_TUNABLE);
    expect(mallocEnvironment({}, { ...debian, glibcVersion: () => '2.26' })?.GLIBC_TUNABLES).toBe(MMAP_THRESHOLD_TUNABLE);
    expect(mallocEnvironment({}, { ...debian, thpEnabled: '[always] madvise never\n' })?.GLIBC_TUNABLES).toBe(MMAP_THRESHOLD_TUNABLE);
    expect(mallocEnvironment({}, { ...debian, thpEnabled: 'always madvise [never]\n' })?.GLIBC_TUNABLES).toBe(MMAP_THRESHOLD_TUNABLE);
    expect(mallocEnvironment({}, { ...debian, thpEnabled: undefined })?.GLIBC_TUNABLES).toBe(MMAP_THRESHOLD_TUNABLE);
    expect(mallocEnvironment({ CONTRAIL_HUGE_PAGES: '0' }, debian)?.GLIBC_TUNABLES).toBe(MMAP_THRESHOLD_TUNABLE);
  });

  it("keeps the user's other tunables, and leaves a hugetlb or mmap_threshold setting of theirs alone", () => {
    expect(mallocEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.arena_max=2' }, debian)?.GLIBC_TUNABLES).toBe(`glibc.malloc.arena_max=2:${BOTH}`);
    expect(mallocEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0' }, debian)?.GLIBC_TUNABLES).toBe(`glibc.malloc.hugetlb=0:${MMAP_THRESHOLD_TUNABLE}`);
    expect(mallocEnvironment({ GLIBC_TUNABLES: 'glibc.malloc.mmap_threshold=65536' }, debian)?.GLIBC_TUNABLES).toBe(`glibc.malloc.mmap_threshold=65536:${HUGE_PAGES_TUNABLE}`);
    expect(mallocEnvironment({ GLIBC_TUNABLES: `glibc.malloc.arena_max=2:${BOTH}` }, debian)).toBeNull();
  });

  it('runs in this process where no tunable applies or all are set (the second process)', () => {
    expect(mallocEnvironment({ GLIBC_TUNABLES: BOTH }, debian)).toBeNull();
    expect(mallocEnvironment({ CONTRAIL_HUGE_PAGES: '0', GLIBC_TUNABLES: MMAP_THRESHOLD_TUNABLE }, debian)).toBeNull();
    expect(mallocEnvironment({ GLIBC_TUNABLES: MMAP_THRESHOLD_TUNABLE }, { ...debian, thpEnabled: '[always] madvise never\n' })).toBeNull();
    expect(mallocEnvironment({}, { ...debian, glibcVersion: () => '2.25' })).toBeNull();
    expect(mallocEnvironment({}, { ...debian, glibcVersion: () => undefined })).toBeNull(); // musl
    expect(
      mallocEnvironment({}, {
        platform: 'darwin',
        thpEnabled: undefined,
        glibcVersion: () => {
          throw new Error('read only on Linux');
        },
      }),
    ).toBeNull();
  });
});

describe('readsLargeInput', () => {
  it('counts the files of a local --input directory, or the one --input file, against LARGE_INPUT_BYTES', async () => {
    const dir = tempDir('large-input');
    const a = join(dir, 'a_enrollments_week_1.parquet');
    const b = join(dir, 'a_exposures_week_1.parquet');
    await writeFile(a, '');
    await writeFile(b, '');
    await truncate(a, LARGE_INPUT_BYTES / 2); // sparse files: sizes without the bytes
    await truncate(b, LARGE_INPUT_BYTES / 2 - 1);
    expect(readsLargeInput(['analyze', '--input', dir, '--slug', 'a'])).toBe(false);
    await truncate(b, LARGE_INPUT_BYTES / 2);
    expect(readsLargeInput(['analyze', '--input', dir, '--slug', 'a'])).toBe(true);
    expect(readsLargeInput(['rerun', `--input=${dir}`])).toBe(true);
    expect(readsLargeInput(['analyze', '--input', a])).toBe(false);
    await truncate(a, LARGE_INPUT_BYTES);
    expect(readsLargeInput(['analyze', '--input', a])).toBe(true);
  });

  it('commandEnvironment: the machine\'s decision for a large input, null for a small one, a declined environment or the second process', async () => {
    const dir = tempDir('command-environment');
    const table = join(dir, 'a_enrollments_week_1.parquet');
    await writeFile(table, '');
    const args = ['analyze', '--input', dir];
    expect(commandEnvironment(args, {})).toBeNull();
    await truncate(table, LARGE_INPUT_BYTES);
    expect(commandEnvironment(args, {})).toEqual(mallocEnvironment({}, machineFacts()));
    expect(readsLargeLocalInput(args)).toBe(true);
    expect(commandEnvironment(args, { CONTRAIL_HUGE_PAGES: '0', GLIBC_TUNABLES: MMAP_THRESHOLD_TUNABLE })).toBeNull();
    expect(commandEnvironment(args, { GLIBC_TUNABLES: BOTH })).toBeNull();
  });

  it.runIf(mallocEnvironment({}, machineFacts()) !== null)('starts the second process without NODE_EXTRA_CA_CERTS unless the command may open a TLS connection', async () => {
    const dir = tempDir('command-certificates');
    const table = join(dir, 'a_enrollments_week_1.parquet');
    await writeFile(table, '');
    await truncate(table, LARGE_INPUT_BYTES);
    const env = { NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', PATH: '/bin' };
    expect(commandEnvironment(['analyze', '--input', dir, '--out', 'results'], env)).toEqual({ PATH: '/bin', GLIBC_TUNABLES: mallocEnvironment({}, machineFacts())!.GLIBC_TUNABLES });
    expect(commandEnvironment(['analyze', '--input', dir, '--out=gs://bucket/prefix'], env)?.NODE_EXTRA_CA_CERTS).toBe(env.NODE_EXTRA_CA_CERTS);
    expect(commandEnvironment(['analyze', '--input=bq://project.dataset'], env)?.NODE_EXTRA_CA_CERTS).toBe(env.NODE_EXTRA_CA_CERTS);
  });

  it('opensTls: a BigQuery input or a Cloud Storage output, in either option form, the last one given', () => {
    expect(opensTls(['analyze', '--input', 'bq://p.d'])).toBe(true);
    expect(opensTls(['analyze', '--input=bq://p.d'])).toBe(true);
    expect(opensTls(['analyze', '--input', 'dir', '--out', 'gs://b/p'])).toBe(true);
    expect(opensTls(['analyze', '--input', 'dir', '--out=gs://b'])).toBe(true);
    expect(opensTls(['analyze', '--input', 'dir', '--out', 'out'])).toBe(false);
    expect(opensTls(['analyze', '--out', 'gs://b/p', '--out', 'local'])).toBe(false);
    expect(opensTls(['analyze'])).toBe(false);
  });

  it('takes a BigQuery dataset as large (not local), and no input or an unreadable one as not', () => {
    expect(readsLargeInput(['analyze', '--input', 'bq://project.dataset'])).toBe(true);
    expect(readsLargeLocalInput(['analyze', '--input', 'bq://project.dataset'])).toBe(false);
    expect(readsLargeLocalInput(['analyze', '--input=bq://project.dataset'])).toBe(false);
    expect(readsLargeInput(['demo'])).toBe(false);
    expect(readsLargeInput(['fixtures', '--clients', '10000000', '--out', 'x'])).toBe(false);
    expect(readsLargeInput(['analyze', '--input', '/nonexistent/contrail-input'])).toBe(false);
  });
});

describe('runAgain', () => {
  it("resolves to the child's exit code, the child seeing the environment and the arguments", async () => {
    const dir = tempDir('run-again');
    const script = join(dir, 'child.mjs');
    const out = join(dir, 'seen.json');
    await writeFile(script, `import { writeFileSync } from 'node:fs';\nwriteFileSync(${JSON.stringify(out)}, JSON.stringify({ args: process.argv.slice(2), tunables: process.env.GLIBC_TUNABLES }));\nprocess.exitCode = 3;\n`);
    const code = await runAgain(script, ['analyze', '--out', 'x y'], { ...process.env, GLIBC_TUNABLES: HUGE_PAGES_TUNABLE });
    expect(code).toBe(3);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual({ args: ['analyze', '--out', 'x y'], tunables: HUGE_PAGES_TUNABLE });
  });
});

describe('runAgain and signals', () => {
  const module = fileURLToPath(new URL('../../src/cli/huge-pages.ts', import.meta.url));
  /** A parent that runs `child` through runAgain, as bin/contrail.js does. */
  async function parentOf(child: string): Promise<string> {
    const dir = tempDir('run-again-signal');
    const script = join(dir, 'child.mjs');
    const parent = join(dir, 'parent.mjs');
    await writeFile(script, child);
    await writeFile(parent, `import { runAgain } from ${JSON.stringify(module)};\nprocess.exitCode = await runAgain(${JSON.stringify(script)}, [], process.env);\n`);
    return parent;
  }

  it('dies of the signal that killed the child', async () => {
    const parent = await parentOf("process.kill(process.pid, 'SIGTERM');\nsetTimeout(() => {}, 10_000);\n");
    const result = spawnSync(process.execPath, ['--import', 'tsx', parent], { encoding: 'utf8' });
    expect(result.signal).toBe('SIGTERM');
  });

  it('forwards a SIGTERM sent to it alone to the child, then dies of it', async () => {
    const parent = await parentOf("process.stdout.write('ready');\nsetTimeout(() => {}, 10_000);\n");
    const proc = spawn(process.execPath, ['--import', 'tsx', parent], { stdio: ['ignore', 'pipe', 'inherit'] });
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve) => proc.stdout.once('data', () => resolve()));
    proc.kill('SIGTERM'); // the parent only: the child ends within the 10 s only if it was forwarded
    expect(await ended).toEqual({ code: null, signal: 'SIGTERM' });
  });
});

describe('on this machine', () => {
  const env = mallocEnvironment(process.env, machineFacts());

  it.skipIf(!(env?.GLIBC_TUNABLES ?? '').includes(HUGE_PAGES_TUNABLE))('puts a 64 MiB Float64Array of the second process in huge pages, and not without the tunable', () => {
    const probe = [
      'const a = new Float64Array(2 ** 23); a.fill(1);',
      "const m = require('node:fs').readFileSync('/proc/self/smaps_rollup', 'utf8').match(/AnonHugePages:\\s+(\\d+) kB/);",
      'process.stdout.write(m[1]);',
    ].join('\n');
    const hugeKiB = (environment: NodeJS.ProcessEnv) => Number(spawnSync(process.execPath, ['-e', probe], { env: environment, encoding: 'utf8' }).stdout);
    // 64 MiB of values: 62-66 MiB of the process in 2 MiB pages here, 0 without the tunable; the bound
    // is half the array, so that a huge page the kernel could not assemble on a busy machine (it then
    // maps 4 KiB ones) does not fail the test, while a tunable that did nothing still does
    expect(hugeKiB(env!)).toBeGreaterThanOrEqual(32 * 1024);
    expect(hugeKiB({ ...process.env, CONTRAIL_HUGE_PAGES: '0', GLIBC_TUNABLES: '' })).toBeLessThan(32 * 1024);
  });

  it.skipIf(!(env?.GLIBC_TUNABLES ?? '').includes(MMAP_THRESHOLD_TUNABLE))('returns the freed 6 MiB arrays of a worker thread in the second process, and keeps them without the tunable', () => {
    // A worker frees one 8 MiB array (glibc's dynamic threshold rises to 8 MiB), allocates forty of
    // 6 MiB, then frees every other one: VmRSS drop in MiB. Here 120-121 with the threshold (the
    // twenty arrays' 120 MiB), 0 without it (they stay in the thread's arena).
    const probe = [
      "const { Worker, isMainThread, parentPort } = require('node:worker_threads');",
      "const rss = () => Number(require('node:fs').readFileSync('/proc/self/status', 'utf8').match(/VmRSS:\\s+(\\d+)/)[1]);",
      'const tick = () => new Promise((r) => setTimeout(r, 50));',
      "if (isMainThread) new Worker(__filename).on('message', (m) => process.stdout.write(m));",
      'else (async () => {',
      '  let a = new Uint8Array(8 << 20).fill(1); a = null; gc(); await tick(); gc(); await tick();',
      '  const arrays = []; for (let i = 0; i < 40; i++) arrays.push(new Uint8Array(6 << 20).fill(1));',
      '  const full = rss();',
      '  for (let i = 0; i < 40; i += 2) arrays[i] = null;',
      '  gc(); await tick(); gc(); await tick();',
      '  parentPort.postMessage(String((full - rss()) / 1024));',
      '})();',
    ].join('\n');
    const dir = tempDir('mmap-threshold');
    const script = join(dir, 'probe.cjs');
    writeFileSync(script, probe);
    const releasedMiB = (environment: NodeJS.ProcessEnv) => Number(spawnSync(process.execPath, ['--expose-gc', script], { env: environment, encoding: 'utf8' }).stdout);
    expect(releasedMiB(env!)).toBeGreaterThanOrEqual(100);
    expect(releasedMiB({ ...process.env, GLIBC_TUNABLES: '' })).toBeLessThan(60);
  });
});
