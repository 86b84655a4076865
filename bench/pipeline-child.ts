/**
 * The measured child of the pipeline bench: runs one `contrail` command in this process and prints
 * its exit code, wall time and peak resident set (`process.resourceUsage().maxRSS`, KiB, the
 * `/usr/bin/time -v` figure; worker threads share the process, so it includes them).
 */
import { existsSync } from 'node:fs';

// `--built` first: the bundled CLI (dist/bundle/, `npm run build`), as the bin runs it, workers
// included; otherwise the sources through tsx (workers as well).
const built = process.argv[2] === '--built';
const entry = built ? new URL('../dist/bundle/src/cli/main.js', import.meta.url) : new URL('../src/cli/main.ts', import.meta.url);
if (built && !existsSync(entry)) throw new Error('pipeline bench --built: dist/bundle/src/cli/main.js is missing; run npm run build first');
const { main } = (await import(entry.href)) as typeof import('../src/cli/main.js');

const started = performance.now();
const code = await main(process.argv.slice(built ? 3 : 2));
const wallMs = performance.now() - started;
process.stdout.write(`\nPIPELINE_RESULT ${JSON.stringify({ code, wallMs, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
process.exit(code);
