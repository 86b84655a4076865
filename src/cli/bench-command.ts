/**
 * `contrail bench`: times every statistic kernel and pretreatment beside a naive baseline on this
 * machine and prints the throughput (values x replicates per second per core), so users can
 * measure their own hardware. The whole-process pipeline bench is `bench/pipeline.bench.ts`.
 */
import { formatKernelTable, runKernelBench } from '../../bench/kernel-suites.js';
import { parseSize } from '../../bench/bench-data.js';
import { bootstrapKernelName, nativeKernelProblem } from '../kernels/native-kernel.js';
import { nativeSortProblem } from '../kernels/native-sort.js';
import { describeMachine } from './machine-description.js';

const HELP = `contrail bench: time the statistic kernels against naive baselines on this machine

Usage:
  contrail bench [--sizes 10k,100k] [--replicates 1000] [--suite bootstrap_mean,deciles] [--json]

Options:
  --sizes a,b        rows per branch (10k, 100k, 1m, 10m; default 10k,100k)
  --replicates N     bootstrap replicates at 100k rows, scaled down for larger sizes (default 1000)
  --suite a,b        only suites whose name starts with one of these
  --iterations N     timed calls per case (default 3)
  --json             print the rows as JSON instead of a table
  -h, --help         this help`;

/** Runs the kernel benchmarks for `argv` (the arguments after `bench`); resolves to the exit code. */
export async function benchCommand(argv: string[]): Promise<number> {
  let sizes = [10_000, 100_000];
  let replicates = 1000;
  let suites: string[] = [];
  let iterations = 3;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`contrail bench: ${arg} needs a value; see contrail bench --help`);
      return v;
    };
    if (arg === '-h' || arg === '--help') {
      console.log(HELP);
      return 0;
    } else if (arg === '--sizes') sizes = value().split(',').map(parseSize);
    else if (arg === '--replicates') replicates = positive(arg, value());
    else if (arg === '--suite') suites = value().split(',').map((s) => s.trim()).filter((s) => s !== '');
    else if (arg === '--iterations') iterations = positive(arg, value());
    else if (arg === '--json') json = true;
    else {
      console.error(`contrail bench: unknown option "${arg}"; see contrail bench --help`);
      return 2;
    }
  }
  process.stderr.write(`machine: ${describeMachine()}\n`);
  // which bootstrap kernel the bootstrap suites time (the same results either way: native-kernel.ts)
  const kernel = bootstrapKernelName();
  process.stderr.write(
    kernel === 'wasm-simd128'
      ? `bootstrap kernel: WebAssembly SIMD (not a native one: ${nativeKernelProblem()})\n`
      : `bootstrap kernel: native ${kernel === 'avx512' ? 'AVX-512' : 'AVX2'} (CONTRAIL_NATIVE_KERNEL=0 times the WebAssembly one, =8 the AVX2 one)\n`,
  );
  const sorts = nativeSortProblem();
  process.stderr.write(
    sorts === '' ? 'sorts: native C (CONTRAIL_NATIVE_SORT=0 times the TypeScript ones)\n' : `sorts: TypeScript (not the native ones: ${sorts})\n`,
  );
  const rows = await runKernelBench({
    sizes,
    replicates,
    suites,
    iterations,
    onRow: json ? undefined : (row) => process.stderr.write(`  ${row.suite} ${row.variant} ${row.rows}: ${row.ms.toFixed(1)} ms\n`),
  });
  console.log(json ? JSON.stringify(rows, null, 2) : formatKernelTable(rows));
  return 0;
}

function positive(option: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`contrail bench: ${option} must be a positive integer, got ${text}`);
  return n;
}
