/**
 * parquet-wasm, loaded with `require` rather than `import`.
 *
 * Its Node build is one CommonJS file (~100 KB of bindings around the wasm). Imported from ESM, Node
 * first lexes that file for its export names (cjs-module-lexer, in JavaScript), in every thread that
 * loads it: the main thread and each table reader. That lexing cost ~60 ms of CPU per thread here,
 * and its TurboFan compiles ~90 ms more per thread on a background thread, which on two cores takes
 * its time from the other reader (`node --trace-opt`: `parseSource`, 290 ms of a linear_model_mean
 * run's 660 ms of JavaScript compiling; bench/RESULTS.md, thirteenth session). `require` loads the
 * same module (the package's "node" export) without the lexer.
 */
import { createRequire } from 'node:module';
import type * as ParquetWasm from 'parquet-wasm';

let loaded: typeof ParquetWasm | undefined;

/**
 * parquet-wasm, loaded at the first call: loading it (compiling its 4.9 MB module) takes ~70 ms of
 * a thread, which a reader thread whose table the native page decoder reads never needs
 * (src/sources/native-parquet.ts; its schema comes from the calling thread).
 */
export function parquetWasm(): typeof ParquetWasm {
  loaded ??= createRequire(import.meta.url)('parquet-wasm') as typeof ParquetWasm;
  return loaded;
}

/** Whether parquet-wasm has been loaded in this thread. */
export function parquetWasmLoaded(): boolean {
  return loaded !== undefined;
}
