/**
 * out[j] = values[keep[j]] for every j of out: the gather behind a frame's selected rows
 * (run-summary-task.ts, frame.ts's filterRows). In C where the addon is built (gatherRows in
 * src/kernels/native/gather-rows.c, ~1.8x faster), else gatherBlock per block (for-blocks.ts), so
 * that the loop compiles as a function of its own: inside filterRows's per-branch callback its
 * on-stack replacement recompiled the callback, with the row selector inlined, at every new selector
 * (20 compiles of it in one demo run, `node --prof`).
 */
import { forBlocks } from './for-blocks.js';
import { nativeSort } from './native-sort.js';

export function gatherRows(values: Float64Array, keep: Uint32Array, out: Float64Array): void {
  const native = nativeSort();
  if (native !== null) {
    native.gatherRows(values, keep, out);
    return;
  }
  forBlocks(out.length, (from, to) => gatherBlock(values, keep, out, from, to));
}

/** gatherRows for j in [from, to), in JavaScript. */
export function gatherBlock(values: Float64Array, keep: Uint32Array, out: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) out[j] = values[keep[j]];
}
