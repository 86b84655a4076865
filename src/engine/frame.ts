/**
 * A frame is the per-client data of one (segment, basis) subset as a statistic sees it: for each
 * branch, row-aligned Float64Array columns (the metric, its upstream columns, a covariate). A null
 * is NaN, as it is in the pandas frames Jetstream hands to its pretreatments and statistics.
 *
 * Frames are immutable by convention: pretreatments and statistics return new frames and arrays.
 */
import { gatherRows } from '../kernels/gather-rows.js';

export interface BranchFrame {
  readonly length: number;
  readonly columns: Readonly<Record<string, Float64Array>>;
}

export interface Frame {
  /** Branch names, in the order results are written. */
  readonly branches: readonly string[];
  /** One part per branch, aligned with `branches`. */
  readonly parts: readonly BranchFrame[];
}

/** The named column of every branch; throws if a branch lacks it. */
export function columnOf(frame: Frame, column: string): Float64Array[] {
  return frame.parts.map((part, i) => {
    const values = part.columns[column];
    if (values === undefined) {
      throw new Error(`column "${column}" is missing from branch "${frame.branches[i]}"`);
    }
    return values;
  });
}

/**
 * Which rows of a column to keep: writes their indices, ascending, to `index` and returns how many
 * (when it keeps every row it may leave `index` unwritten: filterRows then returns the part as is).
 * A selector holds its own loop (`keepNotNull`, `keepFinite`, `keepAbove`, `keepBelow`): a
 * per-value predicate called from one shared loop was a megamorphic call per value, ~1 s of the
 * demo's 41 worker-seconds.
 */
export type RowSelector = (values: Float64Array, index: Uint32Array) => number;

/**
 * Rows whose value is not null (NaN). The rows before the first null are found by a scan that
 * writes nothing, so a column without nulls (the common case) costs one read: 3.3M rows in 6.1-6.3
 * against 11.8-12.9 ms when every row's index was written, the same with 10 % nulls (/tmp scratch
 * bench, warm); keepNotNull was 3.6 % of ten metrics at 10M (perf).
 */
export const keepNotNull: RowSelector = (values, index) => {
  let first = 0;
  while (first < values.length && values[first] === values[first]) first++;
  if (first === values.length) return first;
  identityPrefix(index, first);
  let kept = first;
  for (let i = first + 1; i < values.length; i++) if (values[i] === values[i]) index[kept++] = i;
  return kept;
};

/** Rows whose value is finite (neither null nor ±inf); a prefix of finite rows as in keepNotNull. */
export const keepFinite: RowSelector = (values, index) => {
  let first = 0;
  while (first < values.length && values[first] - values[first] === 0) first++;
  if (first === values.length) return first;
  identityPrefix(index, first);
  let kept = first;
  for (let i = first + 1; i < values.length; i++) if (values[i] - values[i] === 0) index[kept++] = i;
  return kept;
};

/** index[i] = i for i in [0, n). */
function identityPrefix(index: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) index[i] = i;
}

/** Rows whose value is strictly above `threshold` (a null never is). */
export function keepAbove(threshold: number): RowSelector {
  return (values, index) => {
    let kept = 0;
    for (let i = 0; i < values.length; i++) if (values[i] > threshold) index[kept++] = i;
    return kept;
  };
}

/** Rows whose value is strictly below `threshold` (a null never is). */
export function keepBelow(threshold: number): RowSelector {
  return (values, index) => {
    let kept = 0;
    for (let i = 0; i < values.length; i++) if (values[i] < threshold) index[kept++] = i;
    return kept;
  };
}

/** A frame keeping, in every branch, the rows `select` picks on `column`. */
export function filterRows(frame: Frame, column: string, select: RowSelector): Frame {
  const parts = frame.parts.map((part) => {
    const values = part.columns[column];
    if (values === undefined) throw new Error(`column "${column}" is missing from the frame`);
    const index = indexScratch(part.length);
    const kept = select(values, index);
    if (kept === part.length) return part;
    const columns: Record<string, Float64Array> = {};
    for (const [name, source] of Object.entries(part.columns)) {
      const out = new Float64Array(kept);
      gatherRows(source, index, out);
      columns[name] = out;
    }
    return { length: kept, columns };
  });
  return { branches: frame.branches, parts };
}

/**
 * filterRows's row indices, one array per thread reused by every call (grown to the longest branch):
 * it is read only within the call. A fresh array per branch and call, 4 bytes per row even where
 * nothing was dropped, was 1.9 of the 4.9 GiB of fresh mappings filterRows took in ten metrics at
 * 10M clients (perf's trace of mmap; bench/RESULTS.md, nineteenth session).
 */
let scratchIndex = new Uint32Array(0);

function indexScratch(rows: number): Uint32Array {
  if (scratchIndex.length < rows) scratchIndex = new Uint32Array(rows);
  return scratchIndex;
}

/** A frame whose `column` is replaced, in every branch, by `map(value)`; other columns are shared. */
export function mapColumn(frame: Frame, column: string, map: (value: number) => number): Frame {
  const parts = frame.parts.map((part) => {
    const values = part.columns[column];
    if (values === undefined) throw new Error(`column "${column}" is missing from the frame`);
    const out = new Float64Array(part.length);
    for (let i = 0; i < part.length; i++) out[i] = map(values[i]);
    return { length: part.length, columns: { ...part.columns, [column]: out } };
  });
  return { branches: frame.branches, parts };
}

/** All branches' values of `column` in one array (branch order), for pooled quantiles. */
export function pooledColumn(frame: Frame, column: string): Float64Array {
  const columns = columnOf(frame, column);
  const out = new Float64Array(columns.reduce((n, c) => n + c.length, 0));
  let offset = 0;
  for (const c of columns) {
    out.set(c, offset);
    offset += c.length;
  }
  return out;
}
