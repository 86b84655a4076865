/**
 * Nanoseconds per exponential draw of the experimental WebAssembly SIMD kernel
 * (bench/wasm/exponential-sums.as.ts) on the shape bench/bootstrap-draw-cost.ts times for the
 * TypeScript kernel (251k values of count 1 and K2 of count 2 per branch), one core. Section
 * "WebAssembly SIMD kernel, measured" of bench/RESULTS.md.
 *
 *   npm run bench:wasm                      # compiles the kernel with asc, then runs this
 *   K2=0 R=400 npm run bench:wasm           # count-1 values only
 *
 * It also checks the draws: the mean weight Σ w / draws of every lane must be near E[Exp(1)] = 1.
 */
import { readFileSync } from 'node:fs';
import { mixSeed } from '../src/kernels/rng.js';
import { XoshiroState } from '../src/kernels/xoshiro-state.js';

interface Kernel {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  exponentialSums(values: number, counts: number, n: number, states: number, groups: number, out: number): void;
}

/** The part of the WebAssembly global used here (the ES2023 lib and @types/node do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

const { Module, Instance } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const wasm = new URL('../.bench-out/exponential-sums.wasm', import.meta.url);
const kernel = new Instance(new Module(readFileSync(wasm))).exports as Kernel;

const ones = 251_000;
const ties = Number(process.env.K2 ?? 7500);
const replicates = Number(process.env.R ?? 2000);
const groups = Math.ceil(replicates / 4);
const n = ones + ties;
// Layout past the module's static data (the first 64 KiB page): values, counts, states, sums.
const valuesAt = 65_536;
const countsAt = valuesAt + 8 * n;
const statesAt = countsAt + 4 * n;
const sumsAt = statesAt + 64 * groups;
const end = sumsAt + 64 * groups;
kernel.memory.grow(Math.max(0, Math.ceil(end / 65_536) - kernel.memory.buffer.byteLength / 65_536));
const { buffer } = kernel.memory;
const values = new Float64Array(buffer, valuesAt, n);
const counts = new Int32Array(buffer, countsAt, n);
for (let i = 0; i < n; i++) {
  values[i] = i * 0.37;
  counts[i] = i < ones ? 1 : 2;
}
const states = new Int32Array(buffer, statesAt, 16 * groups);
const sums = new Float64Array(buffer, sumsAt, 8 * groups);
const draws = ones + 2 * ties;

for (let rep = 0; rep < 4; rep++) {
  // lane l of group g is replicate 4g + l, on the stream of streamRng(1, r); word w at 16g + 4w + l
  for (let r = 0; r < 4 * groups; r++) {
    const { a, b, c, d } = new XoshiroState(mixSeed(1, r));
    [a, b, c, d].forEach((word, w) => (states[16 * (r >> 2) + 4 * w + (r & 3)] = word));
  }
  sums.fill(0);
  const start = performance.now();
  kernel.exponentialSums(valuesAt, ties > 0 ? countsAt : 0, n, statesAt, groups, sumsAt);
  const ms = performance.now() - start;
  console.log(`${ms.toFixed(0)} ms for ${4 * groups} replicates: ${((ms * 1e6) / (draws * 4 * groups)).toFixed(2)} ns per draw`);
}
let worst = 0;
for (let g = 0; g < groups; g++) {
  for (let l = 0; l < 4; l++) worst = Math.max(worst, Math.abs(sums[8 * g + l] / draws - 1));
}
// sd of a mean of `draws` Exp(1) draws is 1 / sqrt(draws), ~0.002 here; 6 sd over all lanes
const bound = 6 / Math.sqrt(draws);
console.log(`largest |mean weight - 1| over ${4 * groups} lanes: ${worst.toFixed(5)} (bound ${bound.toFixed(5)})`);
if (worst > bound) process.exitCode = 1;
