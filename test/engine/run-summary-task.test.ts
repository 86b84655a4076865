/** The rows a task's subset keeps (from its masks, as analyze-window makes them), across the per-block gather's block boundaries. */
import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS } from '../../src/kernels/for-blocks.js';
import type { SummaryTask, TaskPart } from '../../src/pool/messages.js';
import { keptRows } from '../../src/engine/mask-rows.js';
import { pretreatedFrame, ROW_COLUMN, runSummaryTask } from '../../src/engine/run-summary-task.js';
import linearModelMean from '../../src/statistics/linear-model-mean.js';

// two and a bit blocks
const N = 2 * BLOCK_ROWS + 5_000;
const x = Float64Array.from({ length: N }, (_, i) => i * 0.5);

function task(masks: Uint8Array[]): SummaryTask {
  const part: TaskPart = { length: N, columns: { x: { values: x, valid: new Uint8Array(Math.ceil(N / 8)).fill(255) } }, kept: masks.length === 0 ? null : keptRows(masks, N) };
  return {
    branches: ['control'],
    parts: [part],
    columns: ['x'],
    pretreatedColumns: ['x'],
    summary: { metric: 'x', statistic: 'bootstrap_mean', params: {}, pretreatments: [] },
    context: { metric: 'x', referenceBranch: 'control', periodLength: 7, period: 'week' },
    branchSeeds: [1],
    frameSeed: 0,
  };
}

const even = Uint8Array.from({ length: N }, (_, i) => (i % 2 === 0 ? 1 : 0));
const third = Uint8Array.from({ length: N }, (_, i) => (i % 3 === 0 ? 1 : 0));

describe('pretreatedFrame row selection', () => {
  it('keeps the rows of one mask, in order, with their values', () => {
    const part = pretreatedFrame(task([even]), true).parts[0];
    const rows = Array.from({ length: N }, (_, i) => i).filter((i) => i % 2 === 0);
    expect(part.length).toBe(rows.length);
    expect([...part.columns[ROW_COLUMN]]).toEqual(rows);
    expect([...part.columns.x]).toEqual(rows.map((i) => i * 0.5));
  });

  it('keeps the rows every mask holds: i divisible by 6 for masks of 2 and 3', () => {
    const part = pretreatedFrame(task([even, third]), true).parts[0];
    const rows = Array.from({ length: N }, (_, i) => i).filter((i) => i % 6 === 0);
    expect(part.length).toBe(Math.ceil(N / 6));
    expect([...part.columns[ROW_COLUMN]]).toEqual(rows);
    expect([...part.columns.x]).toEqual(rows.map((i) => i * 0.5));
  });

  it('reads any nonzero mask byte as kept', () => {
    const loud = Uint8Array.from(third, (v, i) => v * (1 + (i % 255)));
    expect([...pretreatedFrame(task([loud]), true).parts[0].columns[ROW_COLUMN]]).toEqual([...pretreatedFrame(task([third]), true).parts[0].columns[ROW_COLUMN]]);
    expect([...pretreatedFrame(task([even, loud]), true).parts[0].columns[ROW_COLUMN]]).toEqual([...pretreatedFrame(task([even, third]), true).parts[0].columns[ROW_COLUMN]]);
  });

  it('hands out the shared column itself when no mask applies', () => {
    expect(pretreatedFrame(task([]), false).parts[0].columns.x).toBe(x);
  });
});
