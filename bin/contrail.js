#!/usr/bin/env node
// Entry point installed as `contrail`: runs the bundled CLI (built by `npm run build`), in a second
// process with glibc malloc tunables (huge pages, a fixed mmap threshold) where the input is large (src/cli/huge-pages.ts).
import { fileURLToPath } from 'node:url';
import { commandEnvironment, runAgain } from '../dist/bundle/src/cli/huge-pages.js';

const args = process.argv.slice(2);
const env = commandEnvironment(args);
if (env !== null) {
  process.exitCode = await runAgain(fileURLToPath(import.meta.url), args, env);
} else {
  const { installWasmTrapHandler, main } = await import('../dist/bundle/src/cli/main.js');
  installWasmTrapHandler();
  process.exitCode = await main(args);
}
