/** tallyBranches in C and in JavaScript (CONTRAIL_NATIVE_SORT=0): dropped rows counted and marked, kept rows counted per branch. */
import { describe, expect, it } from 'vitest';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { tallyBranches } from '../../src/kernels/tally-branches.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

// 1,000 rows over 3 branches: every 11th row has no branch (-1), every 7th no enrollment date
const rows = 1_000;
const branchOf = Int32Array.from({ length: rows }, (_, i) => (i % 11 === 5 ? -1 : i % 3));
const enrolled = Uint8Array.from({ length: rows }, (_, i) => (i % 7 === 2 ? 0 : 1));

/** By definition: a null branch drops first, then a null enrollment date; the rest count per branch. */
function expected(withEnrollment: boolean) {
  const out = Array.from(branchOf);
  const kept = [0, 0, 0, 0];
  let noBranch = 0;
  let noEnrollment = 0;
  out.forEach((b, i) => {
    if (b < 0) noBranch++;
    else if (withEnrollment && enrolled[i] === 0) {
      out[i] = -1;
      noEnrollment++;
    } else kept[b]++;
  });
  return { out, kept, dropped: [noBranch, noEnrollment] };
}

describe.each(SORT_IMPLEMENTATIONS)('tallyBranches %s', (_, flag) => {
  useNativeSort(flag);

  it('drops null branches and, given the enrollment mask, null enrollment dates; counts the rest per branch, adding to earlier counts', () => {
    expect(nativeSort() !== null).toBe(flag === '1');
    for (const withEnrollment of [false, true]) {
      const out = Int32Array.from(branchOf);
      const kept = new Int32Array(4).fill(10); // a fourth branch no row of this batch has
      const dropped = Float64Array.of(1, 2);
      tallyBranches(out, withEnrollment ? enrolled : null, kept, dropped);
      const want = expected(withEnrollment);
      expect(Array.from(out)).toEqual(want.out);
      expect(Array.from(kept)).toEqual(want.kept.map((k) => k + 10));
      expect(Array.from(dropped)).toEqual([want.dropped[0] + 1, want.dropped[1] + 2]);
      expect(want.kept.reduce((a, b) => a + b) + want.dropped[0] + want.dropped[1]).toBe(rows);
    }
  });
});

describe('the C tallyBranches', () => {
  it('throws on a branch index past kept and on a short enrollment mask', () => {
    const native = nativeSort()!;
    expect(() => native.tallyBranches(Int32Array.of(0, 3), null, new Int32Array(3), new Float64Array(2))).toThrow(/branch index of out is past kept/);
    expect(() => native.tallyBranches(Int32Array.of(0, 1), Uint8Array.of(1), new Int32Array(3), new Float64Array(2))).toThrow(TypeError);
  });
});
