/**
 * The measured child of the pipeline bench: runs one `contrail` command in this process and prints
 * its exit code, wall time and peak resident set (`process.resourceUsage().maxRSS`, KiB, the
 * `/usr/bin/time -v` figure; worker threads share the process, so it includes them).
 */
import { main } from '../src/cli/main.js';

const started = performance.now();
const code = await main(process.argv.slice(2));
const wallMs = performance.now() - started;
process.stdout.write(`\nPIPELINE_RESULT ${JSON.stringify({ code, wallMs, maxRssKiB: process.resourceUsage().maxRSS })}\n`);
process.exit(code);
