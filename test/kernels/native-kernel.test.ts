import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExponentialSums } from '../../src/kernels/exponential-sums.js';
import { loadNativeKernel, nativeKernel, nativeKernelPath, nativeKernelProblem, type NativeLanes } from '../../src/kernels/native-kernel.js';
import { KERNEL_LANES } from '../support/bootstrap-kernels.js';
import { tempDir } from '../support/temp-dir.js';

/** The widest native lanes this CPU's flags allow (Linux's /proc/cpuinfo on x86-64; 0 elsewhere). */
function cpuLanes(): number {
  if (process.arch !== 'x64') return 0;
  try {
    const flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1] ?? '';
    return /\bavx512f\b/.test(flags) ? 16 : /\bavx2\b/.test(flags) ? 8 : 0;
  } catch {
    return 0;
  }
}

/** The sums of `seeds` by the kernel of `lanes` (0: WebAssembly): out[8k + l] = Σ w, out[8k + 4 + l] = Σ w·u of lane 4k + l. */
function sums(lanes: 0 | NativeLanes, ones: Float32Array, smallValues: Float32Array, smallCounts: Int32Array, seeds: number[]): Float64Array {
  const out = new Float64Array(2 * seeds.length);
  new ExponentialSums(ones, smallValues, smallCounts, lanes).run(seeds, out);
  return out;
}

describe('the native bootstrap kernel', () => {
  it('is built at install and runs at the widest lanes the CPU has: 16 with AVX-512F, 8 with AVX2 (package.json install script, binding.gyp)', () => {
    // CI's machines are AMD EPYC with AVX-512: there the native kernel must have been built by
    // `npm ci`; on an x86-64 CPU without AVX2, or another architecture, the WebAssembly kernel runs
    expect(process.env.CONTRAIL_NATIVE_KERNEL).not.toBe('0');
    if (cpuLanes() > 0) {
      expect(nativeKernel(), `${nativeKernelPath()} should be built by npm ci (node-gyp rebuild)`).not.toBeNull();
      expect(nativeKernel()!.lanes).toBe(cpuLanes());
    } else {
      expect(nativeKernel()).toBeNull();
    }
  });

  it('is passed over, with the reason, when it is missing or does not load (the WebAssembly kernels run)', () => {
    const dir = tempDir('native-kernel');
    const missing = join(dir, 'missing.node');
    expect(loadNativeKernel(missing)).toEqual({ kernel: null, problem: `${missing} is not built (npm ci runs node-gyp; npm run build:native)` });
    const foreign = join(dir, 'foreign.node');
    writeFileSync(foreign, 'not a shared object'); // as an addon built elsewhere would fail here
    const loaded = loadNativeKernel(foreign);
    expect(loaded.kernel).toBeNull();
    expect(loaded.problem.startsWith(`${foreign} does not load (`)).toBe(true);
    expect(loaded.problem).toMatch(/\); rebuild it with npm run build:native$/);
    process.env.CONTRAIL_NATIVE_KERNEL = '0';
    try {
      expect(nativeKernel()).toBeNull();
      expect(nativeKernelProblem()).toBe('CONTRAIL_NATIVE_KERNEL=0');
    } finally {
      delete process.env.CONTRAIL_NATIVE_KERNEL;
    }
  });

  describe.runIf(nativeKernel() !== null)('against the WebAssembly kernel', () => {
    it('gives the same bits at every width, on every block boundary and every group count', () => {
      // the count-1 values are summed BLOCK - 15 = 497 per block, in two interleaved sets; the small
      // counts fill a block until it holds more than 512 - 16 draws; draws of a group of four left at
      // a block's end are carried into the next block and from the count-1 list into the small one
      const heavy = (n: number, phase: number) => Float32Array.from({ length: n }, (_, i) => Math.exp(12 * Math.sin(i * 12.9898 + phase)) - 3);
      const cases: [number, number, (i: number) => number][] = [
        [1, 0, () => 1],
        [2, 1, () => 16],
        [3, 5, (i) => 1 + (i % 16)],
        [496, 0, () => 1],
        [497, 33, () => 16],
        [498, 31, (i) => 16 - (i % 3)],
        [994, 64, (i) => 1 + ((i * 7) % 16)],
        [995, 0, () => 1],
        [0, 700, (i) => 1 + ((i * 11) % 16)],
        [2001, 1, () => 3],
      ];
      for (const [n, small, count] of cases) {
        const ones = heavy(n, n);
        const smallValues = heavy(small, -n);
        const smallCounts = Int32Array.from({ length: small }, (_, i) => count(i));
        for (const groups of [1, 2, 3, 4]) {
          const seeds = Array.from({ length: 4 * groups }, (_, l) => (n * 7919 + l * 104_729 + small) >>> 0);
          const wasm = sums(0, ones, smallValues, smallCounts, seeds);
          for (const { lanes } of KERNEL_LANES.slice(1)) {
            const native = sums(lanes, ones, smallValues, smallCounts, seeds);
            // bit for bit (a BigUint64Array view tells -0 from +0 and every last bit)
            expect(new BigUint64Array(native.buffer), `${lanes} lanes, n = ${n}, small = ${small}, groups = ${groups}`).toEqual(new BigUint64Array(wasm.buffer));
          }
        }
      }
    });

    it('refuses groups that carry different numbers of draws, and arguments of the wrong type', () => {
      const kernel = nativeKernel()!;
      const states = new Int32Array(128);
      states[28] = 1; // group 0 carries one vector of draws, group 1 none
      const none = new Float32Array(0);
      const ones = Float32Array.of(1, 2, 3);
      expect(() => kernel.exponentialSums(ones, none, new Int32Array(0), states, 2, new Float64Array(16))).toThrow(
        'exponentialSums: the groups carry different numbers of draws; run groups of one history together',
      );
      expect(() => kernel.exponentialSums(ones, none, new Int32Array(0), states, 5, new Float64Array(40))).toThrow(/groups must be 1\.\.4/);
      expect(() => kernel.exponentialSums(ones, none, new Int32Array(0), new Int32Array(32), 1, new Float64Array(8), 4 as NativeLanes)).toThrow(
        `exponentialSums: lanes must be 8 or 16 and at most ${kernel.lanes} on this CPU, got 4`,
      );
      expect(() => new ExponentialSums(ones, none, new Int32Array(0), 32 as NativeLanes)).toThrow(/ExponentialSums: 32 native lanes asked for, but this machine runs/);
      expect(() => kernel.exponentialSums(ones, none, new Int32Array(0), new Int32Array(31), 1, new Float64Array(8))).toThrow(/32 state words/);
      expect(() => kernel.exponentialSums(ones, none, new Int32Array(1), states, 1, new Float64Array(8))).toThrow(/one count per small value/);
      expect(() => kernel.exponentialSums(Float64Array.of(1) as unknown as Float32Array, none, new Int32Array(0), states, 1, new Float64Array(8))).toThrow(
        'exponentialSums: ones must be a Float32Array',
      );
    });
  });
});
