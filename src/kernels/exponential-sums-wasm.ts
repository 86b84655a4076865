/**
 * The WebAssembly SIMD kernel of the Bayesian bootstrap (src/kernels/wasm/exponential-sums.as.ts,
 * compiled by `npm run build:wasm`): four replicates at a time, each on its own xoshiro128** stream,
 * draw Exponential(1) weights w = -ln U for a list of values (one weight per value, or the sum of
 * counts[i] of them) and return Σ w and Σ w·v per replicate.
 *
 * One compiled module and one instance per thread (a worker of the pool or the main thread); its
 * memory holds the values of the one `ExponentialSums` in use, so a thread uses one at a time
 * (bayesianBootstrapMean is synchronous; a stale one refuses to run).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../config/package-root.js';
import { XoshiroState } from './xoshiro-state.js';

/** The kernel's exports (see the .as.ts source for the memory layout of each argument). */
interface KernelExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  exponentialSums(values: number, counts: number, n: number, states: number, groups: number, out: number): void;
}

/** The part of the WebAssembly global used here (the ES2023 lib and @types/node do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

const PAGE = 65_536;
/** Where our data starts: past the module's static data (its draw buffer and constants, < 16 KiB, in page 0). */
const BASE = PAGE;

let kernel: KernelExports | null = null;
let generation = 0;

/** Where `npm run build:wasm` writes the module. */
export function wasmPath(): string {
  return join(packageRoot(), 'dist', 'wasm', 'exponential-sums.wasm');
}

function instance(): KernelExports {
  if (kernel !== null) return kernel;
  const path = wasmPath();
  if (!existsSync(path)) {
    throw new Error(
      `bootstrap_mean: the WebAssembly kernel ${path} is missing; run \`npm run build:wasm\` (or \`npm run build\`), which compiles src/kernels/wasm/exponential-sums.as.ts with AssemblyScript`,
    );
  }
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  kernel = new Instance(new Module(readFileSync(path))).exports as KernelExports;
  return kernel;
}

/**
 * Σ w and Σ w·v over one list of count-1 values followed by one list of small integer counts, for
 * four replicates at a time. Replicate lane l draws from the xoshiro128** stream of `createRng(seed_l)`:
 * first one exponential per count-1 value in index order, then counts[i] per small-count value in
 * index order, w = -ln U with U = f32((x >>> 1) | 1)·2^-31 from each 32-bit output x, ln in f32 by
 * Cephes' logf; the sums are f64, in index order, from 0.
 */
export class ExponentialSums {
  readonly #kernel: KernelExports;
  readonly #generation: number;
  readonly #ones: number;
  readonly #onesAt: number;
  readonly #small: number;
  readonly #smallAt: number;
  readonly #countsAt: number;
  readonly #statesAt: number;
  readonly #sumsAt: number;
  readonly #lane = new XoshiroState(0);

  /** Copies the values (and counts, each an integer in 1..16) into the thread's kernel memory. */
  constructor(ones: Float64Array, smallValues: Float64Array, smallCounts: Int32Array) {
    if (smallCounts.length !== smallValues.length) {
      throw new RangeError(`ExponentialSums: ${smallValues.length} small-count values but ${smallCounts.length} counts`);
    }
    for (const c of smallCounts) {
      if (!(c >= 1 && c <= 16)) throw new RangeError(`ExponentialSums: counts must be integers in 1..16, got ${c}`);
    }
    this.#kernel = instance();
    this.#generation = ++generation;
    this.#ones = ones.length;
    this.#small = smallValues.length;
    this.#onesAt = BASE;
    this.#smallAt = this.#onesAt + 8 * ones.length;
    this.#countsAt = this.#smallAt + 8 * smallValues.length;
    this.#statesAt = align16(this.#countsAt + 4 * smallCounts.length);
    this.#sumsAt = this.#statesAt + 64;
    const end = this.#sumsAt + 64;
    const { memory } = this.#kernel;
    const missing = Math.ceil(end / PAGE) - memory.buffer.byteLength / PAGE;
    if (missing > 0) memory.grow(missing);
    const { buffer } = memory;
    new Float64Array(buffer, this.#onesAt, ones.length).set(ones);
    new Float64Array(buffer, this.#smallAt, smallValues.length).set(smallValues);
    new Int32Array(buffer, this.#countsAt, smallCounts.length).set(smallCounts);
  }

  /**
   * The sums of the four lanes seeded `seeds[0..3]`: out[l] = Σ w, out[4 + l] = Σ w·v of lane l.
   */
  run(seeds: ArrayLike<number>, out: Float64Array): void {
    if (this.#generation !== generation) {
      throw new Error('ExponentialSums: another ExponentialSums was created on this thread since; kernel memory holds its values');
    }
    const { buffer } = this.#kernel.memory;
    const states = new Int32Array(buffer, this.#statesAt, 16);
    const lane = this.#lane;
    for (let l = 0; l < 4; l++) {
      // word w of lane l at 4w + l: the kernel loads each word of the four lanes as one vector
      lane.reseed(seeds[l]);
      states[l] = lane.a;
      states[4 + l] = lane.b;
      states[8 + l] = lane.c;
      states[12 + l] = lane.d;
    }
    const sums = new Float64Array(buffer, this.#sumsAt, 8);
    sums.fill(0);
    if (this.#ones > 0) this.#kernel.exponentialSums(this.#onesAt, 0, this.#ones, this.#statesAt, 1, this.#sumsAt);
    if (this.#small > 0) this.#kernel.exponentialSums(this.#smallAt, this.#countsAt, this.#small, this.#statesAt, 1, this.#sumsAt);
    // the kernel writes Σ w of the lanes as two f64x2 (lanes 0-1, 2-3), then Σ w·v likewise
    out.set(sums);
  }
}

function align16(offset: number): number {
  return Math.ceil(offset / 16) * 16;
}
