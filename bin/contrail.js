#!/usr/bin/env node
// Entry point installed as `contrail`: runs the bundled CLI (built by `npm run build`).
import { installWasmTrapHandler, main } from '../dist/bundle/src/cli/main.js';

installWasmTrapHandler();

process.exitCode = await main(process.argv.slice(2));
