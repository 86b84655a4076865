import { describe, expect, it } from 'vitest';
import { centredFrame, centredValues, uncentredSum } from '../../src/kernels/centred-values.js';
import { kernelName } from '../../src/kernels/native-kernel.js';
import { SharedExponentialSums } from '../../src/kernels/shared-exponential-sums.js';
import { KERNEL_LANES } from '../support/bootstrap-kernels.js';
import { ReferenceLane } from '../support/exponential-lane-reference.js';


const f = Math.fround;
/** Positions per kernel block: the kernel fills BLOCK = 512 draws of the universe at a time. */
const BLOCK = 512;

/**
 * A member's Σ w and Σ w·v as the kernel states them: its values centred and scaled (centred-values.ts,
 * its own frame) to f32 u; per block of BLOCK positions, f32 sums from 0 of w and w·u over its
 * even-indexed entries and over its odd-indexed ones, each added to its f64 set; the two sets added;
 * Σ w·v = centre·Σ w + Σ w·u / scale.
 */
function referenceMemberSums(w: readonly number[], positions: Int32Array, values: Float64Array): [number, number] {
  const frame = centredFrame(values);
  const u = centredValues(values, frame);
  const sets = [
    [0, 0],
    [0, 0],
  ];
  for (let from = 0; from < w.length; from += BLOCK) {
    const block = [
      [0, 0],
      [0, 0],
    ];
    positions.forEach((p, k) => {
      if (p < from || p >= from + BLOCK) return;
      const part = block[k % 2];
      part[0] = f(part[0] + w[p]);
      part[1] = f(part[1] + f(w[p] * u[k]));
    });
    for (const parity of [0, 1]) {
      sets[parity][0] += block[parity][0];
      sets[parity][1] += block[parity][1];
    }
  }
  const sum = sets[0][0] + sets[1][0];
  return [sum, uncentredSum(sum, sets[0][1] + sets[1][1], frame)];
}

describe.each(KERNEL_LANES)('SharedExponentialSums ($name)', ({ lanes }) => {
  it("copies out the gathered positions' weights, lane by lane, bit for bit with the reference lane", () => {
    // 1300 clients cross the kernel's 512-draw blocks; gathered positions in the first, a middle and the last block
    const universe = 1300;
    const gathers = Int32Array.of(0, 7, 511, 512, 900, 1299);
    const member = { positions: Int32Array.of(3, 600), values: Float64Array.of(2, 5) };
    const kernel = new SharedExponentialSums(universe, [member], gathers, lanes);
    expect(kernel.kernel).toBe(kernelName(lanes === 0 ? undefined : lanes));
    const seeds = [11, 12, 13, 14];
    const sums = new Float64Array(8);
    const gathered = new Float32Array(4 * gathers.length);
    kernel.run(seeds, sums, gathered);
    seeds.forEach((seed, l) => {
      const lane = new ReferenceLane(seed);
      const w = Array.from({ length: universe }, () => lane.next());
      gathers.forEach((p, k) => expect(gathered[4 * k + l]).toBe(w[p]));
      expect(sums[l]).toBe(w[3] + w[600]);
      expect(sums[4 + l]).toBe(referenceMemberSums(w, member.positions, member.values)[1]);
      // within f32 rounding of the plain f64 sum
      expect(sums[4 + l]).toBeCloseTo(w[3] * 2 + w[600] * 5, 5);
    });
  });

  it('sums sixteen lanes of several members as the reference does, even and odd entries apart, in every group count', () => {
    // members of 1, 2, 3 and ~700 entries over 2,050 clients (five blocks, the last of 2 draws):
    // pairs that straddle a block, an odd entry first in a block, a last even entry alone
    const universe = 2050;
    const every = (step: number, offset: number) => Int32Array.from({ length: Math.floor((universe - 1 - offset) / step) + 1 }, (_, i) => offset + step * i);
    const members = [every(3, 1), Int32Array.of(511), Int32Array.of(510, 512), Int32Array.of(0, 1023, 2049), every(7, 5)].map((positions) => ({
      positions,
      values: Float64Array.from(positions, (p) => Math.exp(9 * Math.sin(p * 1.7)) - 1),
    }));
    const gathers = Int32Array.of(2, 513, 2048);
    const seeds = Array.from({ length: 16 }, (_, l) => 1_000_003 * l + 17);
    const reference = seeds.map((seed) => {
      const lane = new ReferenceLane(seed);
      const w = Array.from({ length: universe }, () => lane.next());
      const memberSums = members.map(({ positions, values }) => referenceMemberSums(w, positions, values));
      return { memberSums, gathered: Array.from(gathers, (p) => w[p]) };
    });
    const kernel = new SharedExponentialSums(universe, members, gathers, lanes);
    for (const groups of [1, 2, 3, 4]) {
      const out = new Float64Array(8 * members.length * groups);
      const gathered = new Float32Array(4 * gathers.length * groups);
      kernel.run(seeds.slice(0, 4 * groups), out, gathered);
      for (let lane = 0; lane < 4 * groups; lane++) {
        const k = lane >> 2;
        const l = lane & 3;
        members.forEach((_, m) => {
          expect(out[8 * members.length * k + 8 * m + l]).toBe(reference[lane].memberSums[m][0]);
          expect(out[8 * members.length * k + 8 * m + 4 + l]).toBe(reference[lane].memberSums[m][1]);
        });
        gathers.forEach((_, j) => expect(gathered[4 * gathers.length * k + 4 * j + l]).toBe(reference[lane].gathered[j]));
      }
    }
  });
});

describe('SharedExponentialSums', () => {
  it('refuses gathered positions that do not ascend within the universe, and seeds not in fours', () => {
    expect(() => new SharedExponentialSums(10, [], Int32Array.of(4, 4))).toThrow(
      'SharedExponentialSums: gathered positions must ascend within [0, 10), got 4 at index 1',
    );
    const member = { positions: Int32Array.of(1), values: Float64Array.of(1) };
    for (const { lanes } of KERNEL_LANES) {
      const kernel = new SharedExponentialSums(10, [member], Int32Array.of(2), lanes);
      expect(() => kernel.run([1, 2], new Float64Array(8))).toThrow(/run takes 4, 8, 12 or 16 seeds and 8 sums per member and four, got 2 seeds and 8 sums for 1 members/);
      expect(() => kernel.run([1, 2, 3, 4, 5, 6, 7, 8], new Float64Array(8))).toThrow(/got 8 seeds and 8 sums/);
      expect(() => kernel.run([1, 2, 3, 4], new Float64Array(8), new Float32Array(3))).toThrow(
        'SharedExponentialSums: gathered holds 3 weights, 1 groups of four need 4',
      );
    }
  });
});
