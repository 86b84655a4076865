/**
 * The native bootstrap kernels (src/kernels/native/exponential-sums.c): AVX-512 builds of the
 * WebAssembly kernel's `exponentialSums` and `sharedSums`, sixteen replicate lanes per vector, the
 * same bits. node-gyp
 * builds it at `npm ci` (package.json's install script; binding.gyp) into
 * build/Release/contrail_kernels.node. Where it is missing (no compiler at install), or the CPU has no
 * AVX-512F, or CONTRAIL_NATIVE_KERNEL=0, the WebAssembly kernel runs instead, with identical results.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root.js';

/** The addon's exports (see the C source for the arguments' layout). */
export interface NativeKernel {
  /** Whether this CPU runs the kernel (AVX-512F). */
  readonly supported: boolean;
  exponentialSums(ones: Float64Array, small: Float64Array, counts: Int32Array, states: Int32Array, groups: number, out: Float64Array): void;
  sharedSums(
    universe: number, positions: Int32Array, values: Float64Array, offsets: Int32Array, states: Int32Array, groups: number,
    out: Float64Array, gathers: Int32Array, gatherOut: Float32Array,
  ): void;
}

/** The addon once loaded (null: missing, or this CPU lacks AVX-512F). */
let loaded: NativeKernel | null | undefined;

/** Where node-gyp writes the addon. */
export function nativeKernelPath(): string {
  return join(packageRoot(), 'build', 'Release', 'contrail_kernels.node');
}

/**
 * The native kernel when it is built, this CPU runs it and CONTRAIL_NATIVE_KERNEL is not 0 (read at
 * each call: a kernel user asks once); else null.
 */
export function nativeKernel(): NativeKernel | null {
  if (process.env.CONTRAIL_NATIVE_KERNEL === '0') return null;
  if (loaded === undefined) {
    const path = nativeKernelPath();
    if (!existsSync(path)) {
      loaded = null;
    } else {
      const addon = createRequire(import.meta.url)(path) as NativeKernel;
      loaded = addon.supported ? addon : null;
    }
  }
  return loaded;
}

/** Which bootstrap kernel this thread runs: 'avx512' (native) or 'wasm-simd128'. */
export function bootstrapKernelName(): 'avx512' | 'wasm-simd128' {
  return nativeKernel() === null ? 'wasm-simd128' : 'avx512';
}
