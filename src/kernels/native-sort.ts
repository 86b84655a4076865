/**
 * The radix sorts, pooled quantiles' scans, order statistics, the linear model's sums, the
 * client-id hashes, the binomial draws and the rows' gather in C (addon contrail_sorts:
 * src/kernels/native/radix-sort.c, pooled-scan.c, order-statistics.c, branch-moments.c, id-hashes.c,
 * binomial-sample.c, multinomial-ratio.c, block-ratio.c, poisson-table.c, gather-rows.c, scatter-rows.c, float64-scans.c,
 * tally-branches.c): `sortFloat64`, the canonical order (`radixSortKeys`, `canonicalSlots`),
 * pooledQuantileOf's passes, orderStatistics's counting, the branch moments' two passes, the id
 * hashes, deciles' binomials, population_ratio's replicates (both schemes), frames' row gathers, the
 * read passes' tally and scatters and two whole-array checks, with the same results as the
 * TypeScript and WebAssembly versions (src/kernels/sort-float64.ts, src/engine/canonical-order.ts,
 * src/engine/partition-two-pass.ts, src/kernels/quantile-select.ts, src/kernels/order-statistics.ts,
 * src/kernels/ols-branch-sufficient.ts, src/engine/key-hash.ts, src/kernels/binomial-sample.ts,
 * src/kernels/counts-ratio.ts, src/kernels/block-ratio.ts, src/kernels/gather-rows.ts, src/kernels/scatter-rows.ts,
 * src/kernels/float64-scans.ts, src/kernels/tally-branches.ts), which run where the addon is not
 * built or CONTRAIL_NATIVE_SORT=0.
 */
import { NativeAddon } from './native-addon.js';
import type { SharedSumsPlan } from './shared-sums-plan.js';

export interface NativeSort {
  /** Sorts in place as Float64Array.prototype.sort() does. */
  sortFloat64(values: Float64Array): void;
  /** canonical-order.ts's sort by the 32-bit prefix (through key2 and order2), then the ties' insertion: its permutation. */
  radixSortKeys(key: Float64Array, order: Uint32Array, key2: Float64Array, order2: Uint32Array): void;
  /** pooledQuantileOf's first pass (src/kernels/quantile-select.ts): the values counted, every stride-th sampled. */
  sampleValid(columns: Float64Array[], keep: Float64Array[] | null, stride: number, sample: Float64Array): [m: number, s: number];
  /** Its second pass: the values below lo counted, those in [lo, hi] gathered (w = window.length + 1: too many). */
  gatherBracket(columns: Float64Array[], keep: Float64Array[] | null, lo: number, hi: number, window: Float64Array): [below: number, w: number];
  /**
   * partition-two-pass.ts's canonical order of a keyed table: `slots` (each row's branch, -1 dropped)
   * given each row's slot (starts[b] + rank), keys[b] the branch's hashes in order.
   */
  canonicalSlots(hashes: Float64Array, slots: Int32Array, keys: Float64Array[], starts: Int32Array): void;
  /** key-hash.ts's hashes of ids bytes[offsets[i], offsets[i + 1]) into out[i]. */
  idHashes(bytes: Uint8Array, offsets: Int32Array, out: Float64Array): void;
  /** Whether idHashes takes eight ids at a time here (AVX2): else the WebAssembly kernel is faster. */
  readonly idHashesFast: boolean;
  /** src/kernels/order-statistics.ts's first pass: the values kept (m) counted by their sort key's top 16 bits into counts[65536]. */
  keyHistogram(columns: readonly Float64Array[], keep: readonly Float64Array[] | null, counts: Uint32Array): number;
  /** Its order statistics at ascending ranks in [0, m) into out, from that histogram. */
  selectRanks(columns: readonly Float64Array[], keep: readonly Float64Array[] | null, counts: Uint32Array, ranks: Float64Array, out: Float64Array): void;
  /** momentsAndRawOf's two passes: out = [n, Σy, Σx, nRaw, Σraw, Σdy, Σdx, Σdy², Σdx², Σdx·dy, Σd, Σd²]. */
  branchMoments(y: Float64Array, x: Float64Array | null, clipY: number, clipX: number, out: Float64Array): void;
  /**
   * counts-ratio.ts's replicates by counts: out[r] from the stream seeds[r], over the pairs (x, y)
   * by decreasing `counts`, rest their suffix sums, the pairs from tailStart on drawn by tailRows.
   */
  multinomialRatios(
    x: Float64Array, y: Float64Array, counts: Float64Array, rest: Float64Array, tailStart: number, tailRows: Int32Array, n: number,
    seeds: Uint32Array, out: Float64Array,
  ): void;
  /**
   * block-ratio.ts's replicates by blocks: out[r] from the stream seeds[r], over the light rows
   * (x, y) and the heavy pairs (heavyX, heavyY) of heavyCounts rows each, n rows in all; blockRows is
   * block-ratio.ts's BLOCK_ROWS, which the C checks against its own; avx: full blocks by the AVX
   * kernel where this CPU has AVX2 and BMI2, else by the SSE2 one (the same bits; false tests the fallback).
   */
  blockRatios(
    x: Float64Array, y: Float64Array, heavyX: Float64Array, heavyY: Float64Array, heavyCounts: Float64Array, n: number, blockRows: number,
    seeds: Uint32Array, out: Float64Array, avx: boolean,
  ): void;
  /** binomial-sample.ts's sampleBinomial(n, p) from the stream seeds[r] into out[r]. */
  binomialDraws(n: number, p: number, seeds: Uint32Array, out: Float64Array): void;
  /** V8's Math.log, Math.log1p or Math.exp of xs[i] into out[i], as the C kernels compute them (fdlibm.c). */
  fdlibm(name: 'log' | 'log1p' | 'exp', xs: Float64Array, out: Float64Array): void;
  /** gather-rows.ts's out[j] = values[keep[j]] for every j of out (keep at least as long; an index past values throws). */
  gatherRows(values: Float64Array, keep: Uint32Array, out: Float64Array): void;
  /** partition-two-pass.ts's pass-2 scatters: row i of a batch to slot at[i] (skipped where < 0; a slot past the target throws). */
  scatterNumbers(source: Float64Array, at: Int32Array, values: Float64Array): void;
  scatterValues(source: Float64Array, sourceValid: Uint8Array, at: Int32Array, values: Float64Array, valid: Uint8Array): void;
  scatterBytes(source: Uint8Array, at: Int32Array, out: Uint8Array): void;
  /** float64-scans.ts's checks: one length and a[i] === b[i] throughout; some value NaN. */
  sameFloat64(a: Float64Array, b: Float64Array): boolean;
  hasNaN(values: Float64Array): boolean;
  /** tally-branches.ts's tally of a batch's branch indices: dropped rows counted (and no-enrollment ones set to -1), kept ones per branch. */
  tallyBranches(out: Int32Array, enrolled: Uint8Array | null, kept: Int32Array, dropped: Float64Array): void;
  /** shared-sums-plan.ts's plan of checked members, its atoms as parallel lists (shared-sums-plan.c). */
  planSharedSums(universe: number, positions: readonly Int32Array[], values: readonly Float64Array[]): NativeSharedSumsPlan;
}

/** planSharedSums's result in C: SharedSumsPlan with the atoms' positions and values in two lists. */
export type NativeSharedSumsPlan = Omit<SharedSumsPlan, 'atoms'> & {
  readonly atomPositions: readonly Int32Array[];
  readonly atomValues: readonly Float64Array[];
};

const addon = new NativeAddon<NativeSort>('contrail_sorts', 'CONTRAIL_NATIVE_SORT', 18);

/** The native sorts, unless not built or CONTRAIL_NATIVE_SORT=0 (read at each call). */
export function nativeSort(): NativeSort | null {
  return addon.get();
}

/** Why they do not run ('' when they do). */
export function nativeSortProblem(): string {
  return addon.problem();
}
