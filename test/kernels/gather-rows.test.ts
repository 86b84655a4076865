/** gatherRows: out[j] = values[keep[j]] for every j of out, in C and in JavaScript (CONTRAIL_NATIVE_SORT=0), across block boundaries. */
import { describe, expect, it } from 'vitest';
import { BLOCK_ROWS } from '../../src/kernels/for-blocks.js';
import { gatherBlock, gatherRows } from '../../src/kernels/gather-rows.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

const n = 3 * BLOCK_ROWS + 11;
const values = Float64Array.from({ length: n }, (_, i) => i * 0.5 - 7);
// every third row, and a keep longer than out (filterRows's scratch index): its tail is not read
const keep = Uint32Array.from({ length: Math.ceil(n / 3) + 5 }, (_, j) => 3 * j);
const expected = (j: number) => 3 * j * 0.5 - 7;

describe.each(SORT_IMPLEMENTATIONS)('gatherRows in %s', (_, flag) => {
  useNativeSort(flag);

  it('gathers the kept rows in order, for every element of out', () => {
    expect(nativeSort() !== null).toBe(flag === '1');
    const out = new Float64Array(Math.ceil(n / 3));
    gatherRows(values, keep, out);
    expect(out[0]).toBe(-7);
    expect(out[out.length - 1]).toBe(expected(out.length - 1));
    expect(Array.from(out).every((v, j) => v === expected(j))).toBe(true);
    const empty = new Float64Array(0);
    gatherRows(values, new Uint32Array(0), empty);
    expect(empty.length).toBe(0);
  });
});

describe('the C gatherRows', () => {
  it('throws on a keep shorter than out, an index past values, or wrong array types', () => {
    const native = nativeSort();
    expect(native).not.toBeNull();
    expect(() => native!.gatherRows(values, Uint32Array.of(1, 2), new Float64Array(3))).toThrow(/keep must hold an index for every element of out/);
    expect(() => native!.gatherRows(Float64Array.of(1, 2), Uint32Array.of(0, 2), new Float64Array(2))).toThrow(/past the end of values/);
    expect(() => native!.gatherRows(values, Int32Array.of(0) as unknown as Uint32Array, new Float64Array(1))).toThrow(TypeError);
  });
});

describe('gatherBlock', () => {
  it('writes only [from, to)', () => {
    const partial = new Float64Array(5).fill(-1);
    gatherBlock(values, Uint32Array.of(4, 3, 2, 1, 0), partial, 1, 3);
    expect(Array.from(partial)).toEqual([-1, -5.5, -6, -1, -1]);
  });
});
