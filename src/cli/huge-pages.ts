/**
 * Transparent huge pages for the process's typed arrays: on Linux with glibc 2.35 or later and THP in
 * `madvise` mode (Debian's default, and this machine kind's), `contrail` runs itself again with
 * `GLIBC_TUNABLES=glibc.malloc.hugetlb=1`, which makes glibc's malloc advise MADV_HUGEPAGE on the
 * memory it maps. Node allocates ArrayBuffers and SharedArrayBuffers with malloc, so a 10M-row
 * column then faults in 2 MiB at a time instead of 4 KiB. The tunable is read only when a process
 * starts, hence the second process.
 *
 * Why: first touches of fresh memory are the reader's largest system cost on these virtual machines
 * (~6-10 µs per 4 KiB fault, the guest's freed memory having been returned to the host).
 * linear_model_mean at 10M clients, 5 alternating runs: median 5.90 -> 4.64 s, 302-322k -> 99-120k
 * minor faults; ten metrics at 10M: 36-40 -> 29-33 s (bench/RESULTS.md, eleventh session).
 *
 * `CONTRAIL_HUGE_PAGES=0` turns it off; a GLIBC_TUNABLES that already sets glibc.malloc.hugetlb is
 * left as it is, and the second process (which has the tunable) never starts a third.
 *
 * Only commands that read large inputs take the second process (readsLargeInput): its start costs
 * ~0.08-0.1 s, which a 1M-client run does not win back (binomial 1M: 1.23 -> 1.31 s median over 5
 * alternating runs; demo and bootstrap_mean at 1M: no change), while 10M-client tables do.
 *
 * The second process starts without NODE_EXTRA_CA_CERTS when the command opens no TLS connection
 * (its input is not `bq://` and its output not `gs://`, opensTls): Node 20 reads and parses that
 * file of certificates as it starts, for connections such a command never makes. With Debian's
 * bundle (/etc/ssl/certs/ca-certificates.crt, set on this machine kind) a Node start took 0.14
 * against 0.08 s, and lmm 10M a median of 2.51 against 2.42 s over 8 alternating runs
 * (bench/RESULTS.md, sixteenth session).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Local input of at least this many bytes of files counts as large: the 10M-client fixture's
 * directory holds 1.2 GB (two tables of 268 MB read by linear_model_mean), the 1M one's 121 MB.
 */
export const LARGE_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * Whether the command's `--input` is large enough for huge pages to pay: a BigQuery dataset
 * (`bq://`: its size is not known here, and one Node start is small beside a remote read), or a local file or
 * directory whose files total LARGE_INPUT_BYTES or more. False without `--input` (`demo`,
 * `fixtures`, `bench`, `report`) and for an input that cannot be read (the command reports that).
 */
export function readsLargeInput(args: readonly string[]): boolean {
  const input = optionValue(args, 'input');
  if (input === undefined) return false;
  if (input.startsWith('bq://')) return true;
  try {
    const info = statSync(input);
    if (info.isFile()) return info.size >= LARGE_INPUT_BYTES;
    let total = 0;
    for (const entry of readdirSync(input, { withFileTypes: true })) {
      if (entry.isFile()) total += statSync(join(input, entry.name)).size;
    }
    return total >= LARGE_INPUT_BYTES;
  } catch {
    return false;
  }
}

export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';

/** What the decision reads of the machine. */
export interface MachineFacts {
  readonly platform: NodeJS.Platform;
  /** /sys/kernel/mm/transparent_hugepage/enabled, e.g. `always [madvise] never`; undefined if unreadable. */
  readonly thpEnabled: string | undefined;
  /** glibc's version at run time (`2.36`), undefined when not glibc; read only when needed. */
  readonly glibcVersion: () => string | undefined;
}

/**
 * The environment to run the command again with, or null to run it in this process: not Linux, THP
 * not in `madvise` mode (`always` needs no advice, `never` takes none), glibc absent or older than
 * 2.35 (which ignores the tunable), the tunable already set, or `CONTRAIL_HUGE_PAGES=0`.
 */
export function hugePageEnvironment(env: NodeJS.ProcessEnv, facts: MachineFacts): NodeJS.ProcessEnv | null {
  if (declined(env)) return null;
  const tunables = env.GLIBC_TUNABLES ?? '';
  if (facts.platform !== 'linux' || facts.thpEnabled === undefined || !facts.thpEnabled.includes('[madvise]')) return null;
  const glibc = facts.glibcVersion()?.match(/^(\d+)\.(\d+)/);
  if (glibc === null || glibc === undefined) return null;
  const [major, minor] = [Number(glibc[1]), Number(glibc[2])];
  if (major < 2 || (major === 2 && minor < 35)) return null;
  return { ...env, GLIBC_TUNABLES: tunables === '' ? HUGE_PAGES_TUNABLE : `${tunables}:${HUGE_PAGES_TUNABLE}` };
}

/**
 * The environment to run the command `args` again with, or null to run it in this process: what
 * bin/contrail.js and the pipeline bench ask. The environment is looked at first, so the second
 * process (which has the tunable) neither lists the input nor reads the machine again.
 */
export function commandEnvironment(args: readonly string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv | null {
  if (declined(env) || !readsLargeInput(args)) return null;
  const child = hugePageEnvironment(env, machineFacts());
  if (child === null || opensTls(args)) return child;
  const { NODE_EXTRA_CA_CERTS: _certificates, ...rest } = child;
  return rest;
}

/** readsLargeInput, and local: the tables are read here (a reader thread started ahead serves them, src/engine/reader-thread.ts). */
export function readsLargeLocalInput(args: readonly string[]): boolean {
  return readsLargeInput(args) && !(optionValue(args, 'input') ?? '').startsWith('bq://');
}

/** Whether the command may open a TLS connection: a BigQuery input (`bq://`) or a Cloud Storage output (`gs://`). */
export function opensTls(args: readonly string[]): boolean {
  return (optionValue(args, 'input') ?? '').startsWith('bq://') || (optionValue(args, 'out') ?? '').startsWith('gs://');
}

/** The last value of `--name` in args (`--name value` or `--name=value`), undefined if absent. */
function optionValue(args: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === `--${name}`) value = args[i + 1];
    else if (args[i].startsWith(`--${name}=`)) value = args[i].slice(name.length + 3);
  }
  return value;
}

/** Turned off (`CONTRAIL_HUGE_PAGES=0`), or glibc.malloc.hugetlb already set either way. */
function declined(env: NodeJS.ProcessEnv): boolean {
  return env.CONTRAIL_HUGE_PAGES === '0' || /(^|:)glibc\.malloc\.hugetlb=/.test(env.GLIBC_TUNABLES ?? '');
}

/** This machine's facts. */
export function machineFacts(): MachineFacts {
  let thpEnabled: string | undefined;
  try {
    thpEnabled = readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8');
  } catch {
    thpEnabled = undefined;
  }
  const glibcVersion = (): string | undefined => {
    const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
    return header?.glibcVersionRuntime;
  };
  return { platform: process.platform, thpEnabled, glibcVersion };
}

const FORWARDED: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs `script` with `args` again in a child process with `env` (same Node, same Node options,
 * the terminal's stdio), forwarding SIGINT, SIGTERM and SIGHUP to it. Resolves to its exit code;
 * a child killed by a signal is reported by this process dying of the same signal.
 */
export function runAgain(script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, script, ...args], { stdio: 'inherit', env });
    const forward = (signal: NodeJS.Signals): void => {
      child.kill(signal);
    };
    for (const signal of FORWARDED) process.on(signal, forward);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, forward);
      if (signal !== null) {
        process.kill(process.pid, signal);
        return;
      }
      resolve(code ?? 1);
    });
  });
}
