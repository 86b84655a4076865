/** Test helpers: build frames from plain arrays, snapshot them, and read a column back. */
import type { Frame } from '../../src/engine/frame.js';

/** A frame from `{ branch: { column: values } }`; null becomes NaN as in real frames. */
export function makeFrame(branches: Record<string, Record<string, readonly (number | null)[]>>): Frame {
  const names = Object.keys(branches);
  return {
    branches: names,
    parts: names.map((name) => {
      const columns: Record<string, Float64Array> = {};
      let length = 0;
      for (const [column, values] of Object.entries(branches[name])) {
        columns[column] = Float64Array.from(values, (v) => (v === null ? Number.NaN : v));
        length = values.length;
      }
      return { length, columns };
    }),
  };
}

/** A deep copy of every column, to assert after a call that the input frame was not written. */
export function snapshot(frame: Frame): number[][][] {
  return frame.parts.map((part) => Object.values(part.columns).map((c) => Array.from(c)));
}

/** The values of `column` in branch `i` as a plain array. */
export function valuesOf(frame: Frame, column: string, i = 0): number[] {
  return Array.from(frame.parts[i].columns[column]);
}
