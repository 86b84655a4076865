/**
 * The native bootstrap kernels (src/kernels/native/exponential-sums.c): AVX-512 builds of the
 * WebAssembly kernel's `exponentialSums` and `sharedSums`, sixteen replicate lanes per vector, the
 * same bits. node-gyp builds them at `npm ci` (package.json's install script; binding.gyp) into
 * build/Release/contrail_kernels.node. Where that is missing (no compiler at install) or does not load,
 * or the CPU has no AVX-512F, or CONTRAIL_NATIVE_KERNEL=0, the WebAssembly kernels run instead, with
 * identical results.
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

/** The addon once loaded, and why it is not used when it is not. */
let loaded: { kernel: NativeKernel | null; problem: string } | undefined;

/** Where node-gyp writes the addon. */
export function nativeKernelPath(): string {
  return join(packageRoot(), 'build', 'Release', 'contrail_kernels.node');
}

/**
 * The addon at `path` if it loads and this CPU runs it; else null and why. An addon built for another
 * platform or architecture is not an error: the WebAssembly kernels give the same results.
 */
export function loadNativeKernel(path: string): { kernel: NativeKernel | null; problem: string } {
  if (!existsSync(path)) return { kernel: null, problem: `${path} is not built (npm ci runs node-gyp; npm run build:native)` };
  try {
    const addon = createRequire(import.meta.url)(path) as NativeKernel;
    return addon.supported ? { kernel: addon, problem: '' } : { kernel: null, problem: 'this CPU has no AVX-512F' };
  } catch (error) {
    return { kernel: null, problem: `${path} does not load (${(error as Error).message.split('\n')[0]}); rebuild it with npm run build:native` };
  }
}

/**
 * The native kernel when it is built, this CPU runs it and CONTRAIL_NATIVE_KERNEL is not 0 (read at
 * each call: a kernel user asks once); else null.
 */
export function nativeKernel(): NativeKernel | null {
  if (process.env.CONTRAIL_NATIVE_KERNEL === '0') return null;
  loaded ??= loadNativeKernel(nativeKernelPath());
  return loaded.kernel;
}

/** Why the native kernel does not run here ('' when it does). */
export function nativeKernelProblem(): string {
  if (process.env.CONTRAIL_NATIVE_KERNEL === '0') return 'CONTRAIL_NATIVE_KERNEL=0';
  return nativeKernel() === null ? loaded!.problem : '';
}

/** Which bootstrap kernel this thread runs: 'avx512' (native) or 'wasm-simd128'. */
export function bootstrapKernelName(): 'avx512' | 'wasm-simd128' {
  return nativeKernel() === null ? 'wasm-simd128' : 'avx512';
}
