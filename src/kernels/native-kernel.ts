/**
 * The native bootstrap kernels (src/kernels/native/exponential-sums.c): x86-64 builds of the
 * WebAssembly kernel's `exponentialSums` and `sharedSums`, sixteen replicate lanes per vector with
 * AVX-512F or eight with AVX2, the same bits. node-gyp builds them at `npm ci` (package.json's install
 * script; binding.gyp) into build/Release/contrail_kernels.node. Where that is missing (no compiler at
 * install) or does not load, or the CPU has neither, or CONTRAIL_NATIVE_KERNEL=0, the WebAssembly
 * kernels run instead, with identical results; CONTRAIL_NATIVE_KERNEL=8 runs eight lanes at most.
 */
import { addonPath, loadAddon } from './native-addon.js';

/** Replicate lanes per vector of a native kernel. */
export type NativeLanes = 8 | 16;

/** A bootstrap kernel by name: native with AVX-512F or AVX2, or WebAssembly SIMD. */
export type BootstrapKernelName = 'avx512' | 'avx2' | 'wasm-simd128';

/** The name of the kernel of `lanes` native lanes (undefined: WebAssembly). */
export function kernelName(lanes: NativeLanes | undefined): BootstrapKernelName {
  return lanes === 16 ? 'avx512' : lanes === 8 ? 'avx2' : 'wasm-simd128';
}

/** The addon's exports (see the C source for the arguments' layout). */
export interface NativeKernel {
  /** The widest lanes this CPU runs: 16 (AVX-512F), 8 (AVX2) or 0 (neither, or not x86-64). */
  readonly lanes: NativeLanes | 0;
  /** `lanes`: a narrower width than the widest, for tests and benchmarks. */
  exponentialSums(ones: Float32Array, small: Float32Array, counts: Int32Array, states: Int32Array, groups: number, out: Float64Array, lanes?: NativeLanes): void;
  sharedSums(
    universe: number, positions: Int32Array, values: Float32Array, offsets: Int32Array, states: Int32Array, groups: number,
    out: Float64Array, gathers: Int32Array, gatherOut: Float32Array, lanes?: NativeLanes,
  ): void;
}

/** The version of the addon's exports this code calls (`abi` in exponential-sums.c). */
export const KERNELS_ABI = 2;

/** The addon once loaded, and why it is not used when it is not. */
let loaded: { kernel: NativeKernel | null; problem: string } | undefined;

/** Where node-gyp writes the addon. */
export function nativeKernelPath(): string {
  return addonPath('contrail_kernels');
}

/**
 * The addon at `path` if it loads and this CPU runs it; else null and why. An addon built for another
 * platform or architecture is not an error: the WebAssembly kernels give the same results.
 */
export function loadNativeKernel(path: string): { kernel: NativeKernel | null; problem: string } {
  const { addon, problem } = loadAddon<NativeKernel>(path, KERNELS_ABI);
  if (addon === null) return { kernel: null, problem };
  return addon.lanes > 0 ? { kernel: addon, problem: '' } : { kernel: null, problem: 'this CPU has neither AVX-512F nor AVX2 (or is not x86-64)' };
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

/**
 * The native kernel and its lanes for a kernel user (`owner`, named in the error): `lanes` undefined
 * asks for the widest native kernel there is (null: none), 0 for none (the WebAssembly kernels), 8 or
 * 16 for that width, which must be available.
 */
export function chooseNativeKernel(lanes: 0 | NativeLanes | undefined, owner: string): { kernel: NativeKernel; lanes: NativeLanes } | null {
  if (lanes === 0) return null;
  const kernel = nativeKernel();
  if (lanes === undefined) {
    if (kernel === null) return null;
    // CONTRAIL_NATIVE_KERNEL=8: AVX2's eight lanes on a CPU that has AVX-512 too (to measure them)
    return { kernel, lanes: process.env.CONTRAIL_NATIVE_KERNEL === '8' ? 8 : (kernel.lanes as NativeLanes) };
  }
  if (kernel === null || kernel.lanes < lanes) {
    throw new RangeError(`${owner}: ${lanes} native lanes asked for, but this machine runs ${kernel?.lanes ?? 0} (${nativeKernelProblem() || 'a narrower kernel'})`);
  }
  return { kernel, lanes };
}

/** Why the native kernel does not run here ('' when it does). */
export function nativeKernelProblem(): string {
  if (process.env.CONTRAIL_NATIVE_KERNEL === '0') return 'CONTRAIL_NATIVE_KERNEL=0';
  return nativeKernel() === null ? loaded!.problem : '';
}

/** Which bootstrap kernel this thread runs by default. */
export function bootstrapKernelName(): BootstrapKernelName {
  return kernelName(chooseNativeKernel(undefined, 'bootstrapKernelName')?.lanes);
}
