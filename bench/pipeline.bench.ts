/**
 * Whole-process pipeline bench: Parquet on disk to result files, one child process per case, with
 * wall time (spawn to exit, and inside the command) and peak RSS. Generates the fixture experiment
 * (`contrail fixtures`) on first use.
 *
 *   npx tsx bench/pipeline.bench.ts [--clients 1m] [--cases demo,bootstrap_mean,...] [--threads N] [--built] [--json]
 *
 * `--built` runs the bundled CLI (`npm run build` first), as `npm start` and the bin do; without it
 * the sources run through tsx, workers included (the demo at 1M: ~16.9 s under tsx, ~14.6 s built).
 *
 * Cases: `demo` (the demo's default config: every statistic, 3 branches, both bases, all + 2
 * segments, week 1) and single-statistic cases (one metric, one statistic, enrollments basis, no
 * segments, 3 branches) matching the targets; see SINGLE below.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSize, parseSize } from './bench-data.js';
import { commandEnvironment } from '../src/cli/huge-pages.js';
import { describeMachine } from '../src/cli/machine-description.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'src/cli/main.ts');
const child = join(root, 'bench/pipeline-child.ts');

/** Single-statistic cases: metric, its TOML body, and the statistic table. */
const SINGLE: Record<string, { metric: string; extra?: string; statistic: string }> = {
  bootstrap_mean: { metric: 'active_hours', statistic: '[metrics.active_hours.statistics.bootstrap_mean]' },
  bootstrap_mean_binary: { metric: 'is_default_browser', statistic: '[metrics.is_default_browser.statistics.bootstrap_mean]' },
  bootstrap_mean_count: { metric: 'days_of_use', statistic: '[metrics.days_of_use.statistics.bootstrap_mean]' },
  population_ratio: {
    metric: 'ad_click_rate',
    extra: 'depends_on = ["ad_clicks", "search_count"]',
    statistic: '[metrics.ad_click_rate.statistics.population_ratio]\nnumerator = "ad_clicks"\ndenominator = "search_count"\npre_treatments = ["remove_nulls"]',
  },
  // a ratio of a heavy-tailed float to a count (hours per day of use): ~all pairs distinct, the blocks scheme
  population_ratio_continuous: {
    metric: 'hours_per_day',
    extra: 'depends_on = ["active_hours", "days_of_use"]',
    statistic: '[metrics.hours_per_day.statistics.population_ratio]\nnumerator = "active_hours"\ndenominator = "days_of_use"\npre_treatments = ["remove_nulls"]',
  },
  deciles: { metric: 'active_hours', statistic: '[metrics.active_hours.statistics.deciles]' },
  binomial: { metric: 'is_default_browser', statistic: '[metrics.is_default_browser.statistics.binomial]' },
  linear_model_mean_covariate: {
    metric: 'active_hours',
    statistic: '[metrics.active_hours.statistics.linear_model_mean]\n[metrics.active_hours.statistics.linear_model_mean.covariate_adjustment]\nperiod = "preenrollment_week"',
  },
};

function singleConfig(name: string): string {
  const c = SINGLE[name];
  if (c === undefined) throw new Error(`pipeline bench: unknown case "${name}"; known: demo, ${Object.keys(SINGLE).join(', ')}`);
  return [
    '[experiment]',
    'start_date = 2026-10-01',
    'enrollment_period = 7',
    'end_date = 2026-11-05',
    'reference_branch = "control"',
    '',
    '[metrics]',
    `weekly = ["${c.metric}"]`,
    '',
    `[metrics.${c.metric}]`,
    `friendly_name = "${c.metric}"`,
    `description = "${c.metric}"`,
    'bigger_is_better = true',
    'analysis_bases = ["enrollments"]',
    ...(c.extra === undefined ? [] : [c.extra]),
    '',
    c.statistic,
    '',
  ].join('\n');
}

interface PipelineRow {
  readonly case: string;
  readonly clients: number;
  readonly threads: number | null;
  readonly processWallS: number;
  readonly commandWallS: number;
  readonly maxRssMiB: number;
  readonly exitCode: number;
  readonly command: string;
  readonly machine: string;
}

function run(args: string[]): Promise<{ code: number; stdout: string; wallMs: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    // the environment the bin runs its command with (src/cli/huge-pages.ts)
    const env = commandEnvironment(args) ?? process.env;
    const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code: code ?? 1, stdout, wallMs: performance.now() - started }));
  });
}

async function fixture(clients: number): Promise<string> {
  // named by codec: SNAPPY since 2026-12-05 (fifth session); older runs used ZSTD directories
  const dir = join(tmpdir(), `contrail-bench-fixture-${formatSize(clients)}-snappy`);
  if (!existsSync(join(dir, 'contrail_demo_enrollments_week_1.parquet'))) {
    process.stderr.write(`generating ${formatSize(clients)} clients into ${dir}\n`);
    const { code } = await run([cli, 'fixtures', '--clients', String(clients), '--out', dir, '--compression', 'snappy']);
    if (code !== 0) throw new Error(`pipeline bench: contrail fixtures exited with ${code}; run it by hand to see why`);
  }
  return dir;
}

async function main(argv: string[]): Promise<void> {
  let clients = 1_000_000;
  let cases = ['demo', 'bootstrap_mean_binary', 'bootstrap_mean_count', 'population_ratio', 'population_ratio_continuous', 'deciles', 'binomial', 'linear_model_mean_covariate'];
  let threads: number | null = null;
  let json = false;
  let built = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--clients') clients = parseSize(argv[++i]);
    else if (argv[i] === '--cases') cases = argv[++i].split(',');
    else if (argv[i] === '--threads') threads = Number(argv[++i]);
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--built') built = true;
    else throw new Error(`pipeline bench: unknown option "${argv[i]}"; options: --clients --cases --threads --built --json`);
  }
  // numbers from machines of one kind differ by CPU (src/cli/machine-description.ts)
  const machine = describeMachine();
  process.stderr.write(`machine: ${machine}\n`);
  const input = await fixture(clients);
  const rows: PipelineRow[] = [];
  for (const name of cases) {
    const out = await mkdtemp(join(tmpdir(), 'contrail-bench-out-'));
    const configs =
      name === 'demo'
        ? ['--config', join(root, 'src/config/defaults/firefox_desktop.toml'), '--config', join(root, 'fixtures/contrail-demo/contrail-demo.toml')]
        : ['--config', join(out, 'bench.toml')];
    if (name !== 'demo') await writeFile(join(out, 'bench.toml'), singleConfig(name));
    const args = [
      'analyze',
      ...configs,
      '--input', input, '--slug', 'contrail-demo', '--period', 'week', '--window', '1', '--out', out,
      ...(threads === null ? [] : ['--threads', String(threads)]),
    ];
    const { code, stdout, wallMs } = await run([child, ...(built ? ['--built'] : []), ...args]);
    const line = stdout.split('\n').find((l) => l.startsWith('PIPELINE_RESULT '));
    const measured = line === undefined ? null : (JSON.parse(line.slice('PIPELINE_RESULT '.length)) as { wallMs: number; maxRssKiB: number });
    const row: PipelineRow = {
      case: name,
      clients,
      threads,
      processWallS: wallMs / 1000,
      commandWallS: (measured?.wallMs ?? Number.NaN) / 1000,
      maxRssMiB: (measured?.maxRssKiB ?? Number.NaN) / 1024,
      exitCode: code,
      command: `contrail ${args.join(' ').replaceAll(root, '').replaceAll(out, 'OUT')}`,
      machine,
    };
    rows.push(row);
    process.stderr.write(`  ${name}: ${row.processWallS.toFixed(2)} s, ${row.maxRssMiB.toFixed(0)} MiB, exit ${code}\n`);
    await rm(out, { recursive: true, force: true });
  }
  if (json) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  console.log(`Machine: ${machine}.\n`);
  console.log('| case | clients | process wall s | command wall s | peak RSS MiB | exit |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) {
    console.log(`| ${r.case} | ${formatSize(r.clients)} | ${r.processWallS.toFixed(2)} | ${r.commandWallS.toFixed(2)} | ${r.maxRssMiB.toFixed(0)} | ${r.exitCode} |`);
  }
}

await main(process.argv.slice(2));
