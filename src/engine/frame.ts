/**
 * A frame is the per-client data of one (segment, basis) subset as a statistic sees it: for each
 * branch, row-aligned Float64Array columns (the metric, its upstream columns, a covariate). A null
 * is NaN, as it is in the pandas frames Jetstream hands to its pretreatments and statistics.
 *
 * Frames are immutable by convention: pretreatments and statistics return new frames and arrays.
 */

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

/** A frame keeping, in every branch, the rows for which `keep(value)` holds on `column`. */
export function filterRows(frame: Frame, column: string, keep: (value: number) => boolean): Frame {
  const parts = frame.parts.map((part) => {
    const values = part.columns[column];
    if (values === undefined) throw new Error(`column "${column}" is missing from the frame`);
    const index = new Uint32Array(part.length);
    let kept = 0;
    for (let i = 0; i < part.length; i++) if (keep(values[i])) index[kept++] = i;
    if (kept === part.length) return part;
    const columns: Record<string, Float64Array> = {};
    for (const [name, source] of Object.entries(part.columns)) {
      const out = new Float64Array(kept);
      for (let j = 0; j < kept; j++) out[j] = source[index[j]];
      columns[name] = out;
    }
    return { length: kept, columns };
  });
  return { branches: frame.branches, parts };
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
