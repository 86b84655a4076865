/**
 * The rows that every one of a subset's masks keeps (a segment, the exposures mask): their indices,
 * once per subset on the main thread, shared with its tasks (analyze-window.ts). A mask byte is kept when
 * nonzero, read as (byte + 255) >> 8, 0 or 1 without a branch: `=== 0 ? 0 : 1` compiled to a branch
 * that mispredicts on a segment mask, 5.0 against 1.8 ns per row (scratch loop, 333k rows, 55 %
 * kept; bench/RESULTS.md, fifth session of 2026-12-05). The loops run per block (for-blocks.ts).
 */
import { BLOCK_ROWS, forBlocks } from '../kernels/for-blocks.js';

/** Indices of rows [0, length) that every mask keeps, ascending (a view of an array of `length`). */
export function keptRows(masks: readonly Uint8Array[], length: number): Uint32Array {
  const index = new Uint32Array(length);
  let kept = 0;
  if (masks.length === 2) {
    const [a, b] = masks;
    forBlocks(length, (from, to) => (kept = appendKeptOfTwo(a, b, index, kept, from, to)));
  } else {
    forKeptBlocks(masks, length, (mask, offset, from, to) => (kept = appendKept(mask, offset, index, kept, from, to)));
  }
  return index.subarray(0, kept);
}

/**
 * Calls `visit` for each block [from, to) of [0, length) with one mask whose byte i - offset is
 * nonzero where every mask keeps row i: the mask itself (offset 0) when there is one, else the
 * block's AND of them all (offset `from`), in a scratch of one block.
 */
function forKeptBlocks(
  masks: readonly Uint8Array[],
  length: number,
  visit: (mask: Uint8Array, offset: number, from: number, to: number) => void,
): void {
  if (masks.length === 1) {
    forBlocks(length, (from, to) => visit(masks[0], 0, from, to));
    return;
  }
  const both = new Uint8Array(Math.min(length, BLOCK_ROWS));
  forBlocks(length, (from, to) => {
    both.fill(1);
    for (const mask of masks) andKept(both, mask, from, to);
    visit(both, from, from, to);
  });
}

/** index[kept++] = i for each i in [from, to) with mask[i - offset] nonzero (every index written); returns kept. */
function appendKept(mask: Uint8Array, offset: number, index: Uint32Array, kept: number, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    index[kept] = i;
    kept += (mask[i - offset] + 255) >> 8;
  }
  return kept;
}

/**
 * appendKept for the AND of two masks, read in the same pass: a segment and the exposures mask, the
 * common pair. The block's AND written first and read back took 6.3-7.0 ns per row, this
 * 2.7-2.9 ns (333k rows, 50 rounds; bench/RESULTS.md, ninth session of 2026-12-06).
 */
function appendKeptOfTwo(a: Uint8Array, b: Uint8Array, index: Uint32Array, kept: number, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    index[kept] = i;
    kept += ((a[i] + 255) >> 8) & ((b[i] + 255) >> 8);
  }
  return kept;
}

/** both[i - from] = 0 where mask[i] is 0, for i in [from, to) (both holds 0 or 1). */
function andKept(both: Uint8Array, mask: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) both[i - from] &= (mask[i] + 255) >> 8;
}
