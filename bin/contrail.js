#!/usr/bin/env node
// Entry point installed as `contrail`: runs the compiled CLI (built by `npm run build`).
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
