#!/usr/bin/env node
/**
 * The `contrail` command line: subcommands, and the translation of errors into messages and exit
 * codes (2 for unusable input or configuration, 1 when nothing could be computed).
 */
import { activeReads, corruptPageMessage, isWasmTrap } from '../sources/active-reads.js';
import { readsLargeLocalInput } from './huge-pages.js';

const HELP = `contrail: Jetstream's experiment analysis, streaming, parallel and reproducible

Usage: contrail <command> [options]   (contrail <command> --help for its options)

Commands:
  analyze          compute the statistics of one analysis window from local tables
  run              analyse every experiment due on a date and publish Jetstream's exports
  rerun            analyse one experiment for every date of its life
  validate-config  check jetstream-config files without data
  report           write a self-contained HTML report of a results directory
  fixtures         generate a Jetstream-shaped fixture experiment of any size
  demo             analyse the bundled fixture experiment into ./out (what npm start runs)
  bench            time the statistic kernels against naive baselines on this machine
`;

// Commands load on demand: `contrail fixtures` need not load the engine, nor `analyze` the generator.
const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  bench: async (argv) => (await import('./bench-command.js')).benchCommand(argv),
  analyze: async (argv) => (await import('./analyze-command.js')).analyzeCommand(argv),
  demo: async (argv) => (await import('./demo-command.js')).demoCommand(argv),
  fixtures: async (argv) => (await import('./fixtures-command.js')).fixturesCommand(argv),
  report: async (argv) => (await import('./report-command.js')).reportCommand(argv),
  rerun: async (argv) => (await import('./run-command.js')).rerunCommand(argv),
  run: async (argv) => (await import('./run-command.js')).runCommand(argv),
  'validate-config': async (argv) => (await import('./validate-config-command.js')).validateConfigCommand(argv),
};

/** The commands that read tables from `--input`. */
const TABLE_COMMANDS = new Set(['analyze', 'run', 'rerun']);

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`contrail: unknown command "${name}"; known: ${Object.keys(COMMANDS).sort().join(', ')}\n`);
    return 2;
  }
  // A large local input's tables are read on threads: the first starts now, while this thread loads
  // the command (src/engine/reader-thread.ts), and is stopped at the end if no table took it.
  const ahead = TABLE_COMMANDS.has(name) && readsLargeLocalInput(rest) ? await import('../engine/reader-thread.js') : null;
  ahead?.startReaderThread();
  try {
    return await command(rest);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`contrail ${name}: ${message}\n`);
    const known = error instanceof Error && ['ConfigError', 'InputError', 'TypeError'].includes(error.name);
    if (!known && process.env.CONTRAIL_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
    return 2;
  } finally {
    await ahead?.discardReaderThread();
  }
}

/**
 * A corrupt Parquet data page traps inside parquet-wasm outside any promise (see
 * src/sources/active-reads.ts): report it as the input error it is, naming the file, and exit 2.
 */
export function installWasmTrapHandler(): void {
  process.on('uncaughtException', (error) => {
    if (!isWasmTrap(error)) throw error;
    process.stderr.write(`contrail: ${corruptPageMessage(activeReads(), error)}\n`);
    process.exit(2);
  });
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  installWasmTrapHandler();
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
