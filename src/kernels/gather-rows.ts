/**
 * out[j] = values[keep[j]] for j in [from, to): the gather behind a frame's selected rows
 * (run-summary-task.ts, frame.ts's filterRows), called per block (for-blocks.ts) so that it compiles
 * as a function of its own: inside filterRows's per-branch callback its loop's on-stack replacement
 * recompiled the callback, with the row selector inlined, at every new selector (20 compiles of it
 * in one demo run, `node --prof`).
 */
export function gatherRows(values: Float64Array, keep: Uint32Array, out: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) out[j] = values[keep[j]];
}
