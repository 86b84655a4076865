/**
 * `npm run build`'s last step: bundles the compiled CLI and its two worker entries (dist/, from tsc)
 * with esbuild into dist/bundle/, which bin/contrail.js and `npm start` run.
 *
 * Why: an `analyze` starts five threads (the CLI, a reader per table, the summary pool), and each
 * loaded ~150 of our modules and ~150 of apache-arrow's one file at a time. Bundled, linear_model_mean
 * at 10M clients went from 4.19 to 3.71 s median (7 alternating runs; bench/RESULTS.md, ninth session
 * of 2026-12-06), with byte-identical statistics.
 *
 * Layout: dist/bundle mirrors dist (src/cli/main.js, workers/table-reader.js,
 * workers/summary-worker.js), and the shared chunks sit in dist/bundle/src/chunks/, as deep as the
 * modules they come from, so that partition-table's and summary-pool's
 * `new URL('../../workers/…', import.meta.url)` finds the bundled workers. Left out of the bundle:
 * parquet-wasm and piscina (they find their own files by __dirname) and the Google Cloud clients
 * (loaded only for bq:// and gs:// paths, with their .proto files read from their packages).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { packageRoot } from '../config/package-root.js';

// tsc's output directory: dist/ by default; the test builds into a directory of its own
const dist = process.argv[2] ?? join(packageRoot(), 'dist');
const out = join(dist, 'bundle');

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/main.js', 'src/cli/huge-pages.js', 'workers/table-reader.js', 'workers/summary-worker.js'].map((entry) => join(dist, entry)),
  outdir: out,
  outbase: dist,
  chunkNames: 'src/chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['parquet-wasm', 'piscina', '@google-cloud/*', 'google-auth-library'],
  // CommonJS dependencies bundled into ESM call require() for Node's built-ins
  banner: { js: "import { createRequire as __contrailRequire } from 'node:module'; const require = __contrailRequire(import.meta.url);" },
  logLevel: 'warning',
});
