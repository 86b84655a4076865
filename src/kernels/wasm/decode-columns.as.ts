/**
 * The WebAssembly kernels of column decoding in the reader threads, one module: `npm run build:wasm`
 * compiles it to dist/wasm/decode-columns.wasm, and src/engine/decode-kernels.ts loads it.
 */
export { idHashes } from './id-hashes.as';
export { matchBranchNames } from './branch-names.as';
