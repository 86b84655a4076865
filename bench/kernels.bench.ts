/**
 * Kernel benchmarks from the command line: `npx tsx bench/kernels.bench.ts [--sizes 10k,100k,1m]
 * [--replicates N] [--suite ...] [--json]` (the same options as `contrail bench`).
 */
import { benchCommand } from '../src/cli/bench-command.js';

process.exitCode = await benchCommand(process.argv.slice(2));
