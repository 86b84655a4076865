/**
 * Piscina, loaded with `require` rather than `import`: its package is CommonJS, and imported from
 * ESM Node first lexes its entry for export names (cjs-module-lexer, in JavaScript) in every thread
 * that imports it. `import('piscina')` took 28-35 ms of a thread here against 23-25 ms for `require`
 * (4 runs each), the same module either way (the package's "require" export). As with parquet-wasm
 * (src/sources/parquet-wasm.ts).
 */
import { createRequire } from 'node:module';
import type * as PiscinaModule from 'piscina';

let loaded: typeof PiscinaModule.Piscina | undefined;

/** The Piscina class, loaded at the first call. */
export function piscinaClass(): typeof PiscinaModule.Piscina {
  loaded ??= (createRequire(import.meta.url)('piscina') as typeof PiscinaModule).Piscina;
  return loaded;
}
