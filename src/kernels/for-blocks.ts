/**
 * Runs a loop over [0, n) as calls of `body(from, to)` on blocks of BLOCK_ROWS. A loop that runs once
 * per call over millions of rows executes as V8's on-stack-replacement code, which measured ~3.4x
 * slower here than the same loop compiled normally (accumulateMoments, 5M rows with a covariate:
 * 120-130 ms against 35 ms; radixArgsort on 333k keys: 38 ms cold against 9 ms warm); a loop called
 * per block is compiled normally after the first few blocks. Memory-bound loops (sorts, selection)
 * gain nothing (bench/RESULTS.md, 2026-12-05 fourth session). `body` carries any running state
 * itself, so the blocks compute exactly what one loop would.
 */

/** Rows per block: enough that a call's overhead is nothing, few enough that V8 tiers up early. */
export const BLOCK_ROWS = 1 << 16;

export function forBlocks(n: number, body: (from: number, to: number) => void): void {
  for (let from = 0; from < n; from += BLOCK_ROWS) body(from, Math.min(n, from + BLOCK_ROWS));
}
