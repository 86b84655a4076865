/**
 * The compiled WebAssembly kernels (src/kernels/wasm/*.as.ts, built by `npm run build:wasm` into
 * dist/wasm/): where they are and how one is instantiated; then the bootstrap's module
 * (exponential-sums.as.ts), one instance per thread (a worker of the pool or the main thread). Its
 * memory holds the data of one user at a time: a user claims it (growing it as needed) and checks its
 * claim before each call, so a stale user refuses to run instead of reading another's data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root.js';

/** The kernel's exports (see the .as.ts source for the memory layout of each argument). */
export interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  exponentialSums(values: number, counts: number, n: number, states: number, groups: number, out: number): void;
  sharedSums(
    universe: number, members: number, memberCount: number, cursors: number, state: number, out: number,
    gathers: number, gatherCount: number, gatherOut: number,
  ): void;
}

/** The part of the WebAssembly global used here (the ES2023 lib and @types/node do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/** A WebAssembly memory page, in bytes. */
export const WASM_PAGE = 65_536;
/** Where users' data starts: past the module's static data (its draw buffer and constants, < 16 KiB, in page 0). */
export const KERNEL_DATA_START = WASM_PAGE;

let kernel: KernelExports | null = null;
let claims = 0;

/** Where `npm run build:wasm` writes the module. */
export function wasmPath(): string {
  return builtWasmPath('exponential-sums');
}

function instance(): KernelExports {
  kernel ??= instantiateBuiltWasm('exponential-sums', 'bootstrap_mean') as KernelExports;
  return kernel;
}

/** dist/wasm/<name>.wasm, where `npm run build:wasm` writes module src/kernels/wasm/<name>.as.ts. */
export function builtWasmPath(name: string): string {
  return join(packageRoot(), 'dist', 'wasm', `${name}.wasm`);
}

/** The exports of a new instance of built module `name`; `user` names who needs it if it is missing. */
export function instantiateBuiltWasm(name: string, user: string): unknown {
  const path = builtWasmPath(name);
  if (!existsSync(path)) {
    throw new Error(
      `${user}: the WebAssembly kernel ${path} is missing; run \`npm run build:wasm\` (or \`npm run build\`), which compiles src/kernels/wasm/${name}.as.ts with AssemblyScript`,
    );
  }
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  return new Instance(new Module(readFileSync(path))).exports;
}

/** A claim on the thread's kernel memory: [KERNEL_DATA_START, end) is the holder's until the next claim. */
export class KernelClaim {
  readonly kernel: KernelExports;
  readonly #id: number;
  readonly #owner: string;

  /** Claims the kernel memory up to `end` bytes for `owner` (named in the stale-use error). */
  constructor(end: number, owner: string) {
    this.kernel = instance();
    this.#id = ++claims;
    this.#owner = owner;
    growMemory(this.kernel.memory, end, owner, 'give fewer bootstrap_mean summaries of the window the same num_samples, or use method = "exact"');
  }

  /** The kernel memory, after checking that no later claim took it. */
  buffer(): ArrayBuffer {
    if (this.#id !== claims) {
      throw new Error(`${this.#owner}: another kernel user was created on this thread since; kernel memory holds its data`);
    }
    return this.kernel.memory.buffer;
  }
}

/**
 * Grows a kernel's memory to hold `end` bytes; `owner` and `fix` go into the error when it cannot.
 * Addresses are passed as i32, so the data must end below 2 GiB.
 */
export function growMemory(memory: { readonly buffer: ArrayBuffer; grow(pages: number): number }, end: number, owner: string, fix: string): void {
  if (end >= 2 ** 31) throw new RangeError(`${owner}: needs ${end} bytes of WebAssembly memory, above the kernel's 2 GiB; ${fix}`);
  const missing = Math.ceil(end / WASM_PAGE) - memory.buffer.byteLength / WASM_PAGE;
  try {
    if (missing > 0) memory.grow(missing);
  } catch (error) {
    throw new RangeError(`${owner}: WebAssembly memory could not grow to ${end} bytes (${(error as Error).message}); ${fix}`);
  }
}

/** Offset rounded up to a multiple of 16 (vector loads). */
export function align16(offset: number): number {
  return Math.ceil(offset / 16) * 16;
}

/** Bytes of one lane state record: the generator words of four lanes, carried draws and their number. */
export const LANE_STATE_BYTES = 128;

/**
 * Writes the lane state record of four lanes on the streams of `createRng(seeds[from + l])` at
 * `states` (LANE_STATE_BYTES / 4 words: word w of lane l at 4w + l, then no carried draws).
 */
export function writeLaneStates(
  states: Int32Array, seeds: ArrayLike<number>, lane: { reseed(seed: number): void; a: number; b: number; c: number; d: number }, from = 0,
): void {
  states.fill(0, 0, LANE_STATE_BYTES / 4);
  for (let l = 0; l < 4; l++) {
    lane.reseed(seeds[from + l]);
    states[l] = lane.a;
    states[4 + l] = lane.b;
    states[8 + l] = lane.c;
    states[12 + l] = lane.d;
  }
}
