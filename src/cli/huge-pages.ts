/**
 * glibc malloc tunables for large inputs: on Linux with glibc, `contrail` runs a command whose input
 * is large again in a second process with GLIBC_TUNABLES set (the tunables are read only when a
 * process starts), adding
 *
 * - `glibc.malloc.hugetlb=1` with glibc 2.35 or later and transparent huge pages in `madvise` mode
 *   (Debian's default, and this machine kind's): glibc's malloc then advises MADV_HUGEPAGE on the
 *   memory it maps. Node allocates ArrayBuffers and SharedArrayBuffers with malloc, so a 10M-row
 *   column faults in 2 MiB at a time instead of 4 KiB. Why: first touches of fresh memory are the
 *   reader's largest system cost on these virtual machines (~6-10 µs per 4 KiB fault, the guest's
 *   freed memory having been returned to the host). linear_model_mean at 10M clients, 5 alternating
 *   runs: median 5.90 -> 4.64 s, 302-322k -> 99-120k minor faults; ten metrics at 10M: 36-40 -> 29-33
 *   s (bench/RESULTS.md, eleventh session).
 * - `glibc.malloc.mmap_threshold=4194304` (any glibc with tunables, 2.26 on): a fixed threshold, so
 *   every allocation of 4 MiB or more is its own mapping, returned to the system when freed. glibc's
 *   default threshold is dynamic: freeing a mapped chunk raises it to that chunk's size (up to 32 MiB),
 *   after which the statistics workers' per-task arrays of a few MiB (a segment's gathered column,
 *   a pretreated copy, a sort's copy) come from their threads' arenas, which keep freed memory. Ten
 *   metrics at 10M clients, 4 alternating pairs: peak RSS 2645-3009 MiB -> 2467-2556 MiB, wall time
 *   +0-7 % (24.6-25.5 against 25.3-26.6 s: the kernel zeroes each fresh mapping, 2-4 CPU-s more
 *   system time); linear_model_mean at 10M alike (2.51-2.59 against 2.50-2.55 s). 1 MiB gave
 *   2466-2512 MiB, 8 MiB 2532 MiB, 16 MiB 2604-2818 MiB; glibc.malloc.arena_max=1 or 2 instead
 *   2986-3041 MiB (bench/RESULTS.md, nineteenth session).
 *
 * A tunable the user's GLIBC_TUNABLES already sets is left as it is; `CONTRAIL_HUGE_PAGES=0` leaves
 * out the huge pages. The second process (which has the tunables) never starts a third.
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
export const MMAP_THRESHOLD_TUNABLE = 'glibc.malloc.mmap_threshold=4194304';

/** What the decision reads of the machine. */
export interface MachineFacts {
  readonly platform: NodeJS.Platform;
  /** /sys/kernel/mm/transparent_hugepage/enabled, e.g. `always [madvise] never`; undefined if unreadable. */
  readonly thpEnabled: string | undefined;
  /** glibc's version at run time (`2.36`), undefined when not glibc; read only when needed. */
  readonly glibcVersion: () => string | undefined;
}

/**
 * The environment to run the command again with, or null to run it in this process: null when not
 * Linux, glibc absent or older than 2.26 (no tunables), or every tunable that applies already set.
 * The huge pages apply with glibc 2.35 or later and THP in `madvise` mode (`always` needs no advice,
 * `never` takes none), unless `CONTRAIL_HUGE_PAGES=0`.
 */
export function mallocEnvironment(env: NodeJS.ProcessEnv, facts: MachineFacts): NodeJS.ProcessEnv | null {
  if (facts.platform !== 'linux') return null;
  const glibc = facts.glibcVersion()?.match(/^(\d+)\.(\d+)/);
  if (glibc === null || glibc === undefined) return null;
  const version = Number(glibc[1]) * 1000 + Number(glibc[2]);
  const tunables = env.GLIBC_TUNABLES ?? '';
  const added: string[] = [];
  const thpAdvised = facts.thpEnabled !== undefined && facts.thpEnabled.includes('[madvise]');
  if (!hugePagesDeclined(env) && thpAdvised && version >= 2035) added.push(HUGE_PAGES_TUNABLE);
  if (!/(^|:)glibc\.malloc\.mmap_threshold=/.test(tunables) && version >= 2026) added.push(MMAP_THRESHOLD_TUNABLE);
  if (added.length === 0) return null;
  return { ...env, GLIBC_TUNABLES: [...(tunables === '' ? [] : [tunables]), ...added].join(':') };
}

/**
 * The environment to run the command `args` again with, or null to run it in this process: what
 * bin/contrail.js and the pipeline bench ask. The environment is looked at first, so the second
 * process (which has the tunables) neither lists the input nor reads the machine again where it
 * has both (settled).
 */
export function commandEnvironment(args: readonly string[], env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv | null {
  if (settled(env) || !readsLargeInput(args)) return null;
  const child = mallocEnvironment(env, machineFacts());
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

/** Huge pages turned off (`CONTRAIL_HUGE_PAGES=0`), or glibc.malloc.hugetlb already set either way. */
function hugePagesDeclined(env: NodeJS.ProcessEnv): boolean {
  return env.CONTRAIL_HUGE_PAGES === '0' || /(^|:)glibc\.malloc\.hugetlb=/.test(env.GLIBC_TUNABLES ?? '');
}

/**
 * Whether the environment alone shows that no tunable would be added (the second process's does):
 * the threshold set and the huge pages set or declined. Such a process neither lists its input nor
 * reads the machine.
 */
function settled(env: NodeJS.ProcessEnv): boolean {
  return hugePagesDeclined(env) && /(^|:)glibc\.malloc\.mmap_threshold=/.test(env.GLIBC_TUNABLES ?? '');
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
