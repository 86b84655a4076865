import { beforeAll, describe, expect, it } from 'vitest';
import { combineSharedSums, MAX_GROUPED, planSharedSums, rareAtomSize, type SharedSumsPlan } from '../../src/kernels/shared-sums-plan.js';
import { nativeSort } from '../../src/kernels/native-sort.js';
import { createRng } from '../../src/kernels/rng.js';
import type { SharedMember } from '../../src/kernels/shared-exponential-sums.js';
import { members, mixedMembers } from '../support/shared-members.js';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';

describe.each(SORT_IMPLEMENTATIONS)('planSharedSums %s', (_, flag) => {
  useNativeSort(flag);
  // mixedMembers(2000) in a universe of 2300: members 0-3 are one metric (0 and 2 clipped at 400,
  // 1 at 390, 3 a 20-client block), member 4 another metric on the even clients; every client
  // p = 3 (mod 7) and the last 300 are held by none
  const n = 2000;
  const ms = mixedMembers(n);
  let plan: SharedSumsPlan;
  beforeAll(() => {
    plan = planSharedSums(n + 300, ms);
  });
  const held = (p: number) => p < n && p % 7 !== 3;

  it('draws only for the clients some member holds: 2000 - 286 (p = 3 mod 7 below 2000)', () => {
    expect(plan.draws).toBe(1714);
  });

  it('sums each client once per value group, in atoms by the members that hold it, small atoms as terms', () => {
    // group of members 0-3: masks {0}, {0,1}, {0,2}, {0,1,2} are atoms; member 3's 17 clients
    // (40..59 less 45, 52, 59) are below rareAtomSize(1714) = 32 and become terms; member 4 alone
    expect(rareAtomSize(1714)).toBe(32);
    expect(plan.atoms.length).toBe(5);
    const sizes = plan.atoms.map((a) => a.positions.length);
    expect(sizes.reduce((s, k) => s + k, 0)).toBe(1714 - 17 + 857); // 857 = 1000 even p less the 143 of them = 3 (mod 7): 10, 24, ..., 1998
    expect(plan.atomsOf[4].length).toBe(1);
    expect(plan.atoms[plan.atomsOf[4][0]].values).toEqual(ms[4].values);
    expect(plan.atomsOf[0].length).toBe(4);
    expect(plan.atomsOf[1].length).toBe(2);
    expect(plan.atomsOf[3].length).toBe(0);
    // an atom's values are its lowest member's: member 0's, clipped at 400, also where member 1 holds the client
    const top = Math.max(...[...plan.atomsOf[1]].flatMap((a) => [...plan.atoms[a].values]));
    expect(top).toBeGreaterThan(390);
    expect(top).toBeLessThanOrEqual(400);
  });

  it("keeps the terms: full (client, member) pairs of small atoms, and each value that differs from the atom's", () => {
    const value = (p: number) => Math.exp(6 * Math.sin(p * 12.9898));
    const block = [...Array(20).keys()].map((i) => 40 + i).filter(held);
    const blockPairs = block.reduce((s, p) => s + (p % 3 === 1 ? 3 : 2), 0);
    const full = [...plan.termWeight].filter((w) => w === 1).length;
    expect(full).toBe(blockPairs);
    // member 1 clips at 390 where member 0 clips at 400: a difference wherever the value exceeds 390
    const differ = [...Array(n).keys()].filter((p) => held(p) && p % 3 === 1 && value(p) > 390 && !(p >= 40 && p < 60));
    expect(differ.length).toBeGreaterThan(0);
    const corrections = [...plan.termWeight.keys()].filter((t) => plan.termWeight[t] === 0);
    expect(corrections.length).toBe(differ.length);
    corrections.forEach((t, i) => {
      expect(plan.termMember[t]).toBe(1);
      expect(plan.termValue[t]).toBe(Math.min(value(differ[i]), 390) - Math.min(value(differ[i]), 400));
    });
    // gathered ranks ascend and are those of the terms' clients
    expect([...plan.gathers]).toEqual([...plan.gathers].sort((a, b) => a - b));
  });

  it('adds up a member from its atoms and terms', () => {
    // unit weights: Σ w is the member's size, Σ w·v the sum of its values
    const atomSums = new Float64Array(8 * plan.atoms.length);
    plan.atoms.forEach((atom, a) => {
      const total = atom.values.reduce((s, v) => s + v, 0);
      for (let l = 0; l < 4; l++) {
        atomSums[8 * a + l] = atom.positions.length;
        atomSums[8 * a + 4 + l] = total;
      }
    });
    const out = new Float64Array(8 * ms.length);
    combineSharedSums(plan, atomSums, new Float32Array(4 * plan.gathers.length).fill(1), out);
    ms.forEach(({ values }, m) => {
      expect(out[8 * m]).toBe(values.length);
      expect(out[8 * m + 7]).toBeCloseTo(values.reduce((s, v) => s + v, 0), 8);
    });
  });

  it('groups up to MAX_GROUPED (16) members by value, and leaves each of more in a group of its own', () => {
    const member = { positions: Int32Array.from({ length: 500 }, (_, p) => 2 * p), values: Float64Array.from({ length: 500 }, (_, p) => p % 9) };
    expect(MAX_GROUPED).toBe(16);
    // 16 copies: one group, one atom of 500 clients held by all; 17: 17 atoms of 500
    expect(planSharedSums(1000, Array(16).fill(member)).atoms.map((a) => a.positions.length)).toEqual([500]);
    expect(planSharedSums(1000, Array(17).fill(member)).atoms.map((a) => a.positions.length)).toEqual(Array(17).fill(500));
  });

  it('refuses positions that do not ascend, naming the member and index', () => {
    expect(() => planSharedSums(5, [{ positions: Int32Array.of(3, 2), values: Float64Array.of(1, 2) }])).toThrow(
      'SharedExponentialSums: member 0 positions must ascend within [0, 5), got 2 at index 1',
    );
  });
});

describe('planSharedSums in C', () => {
  // the plan of src/kernels/native/shared-sums-plan.c against the TypeScript's, array for array, on
  // the shapes above, more than MAX_GROUPED members, and random members with repeated and NaN values
  // (members that agree on a value, disagree within 5 % and beyond it)
  const rng = createRng(41);
  const randomMembers = (universe: number, count: number): SharedMember[] => {
    const base = Float64Array.from({ length: universe }, () => (rng.nextFloat() < 0.01 ? Number.NaN : Math.floor(rng.nextFloat() * 40)));
    return Array.from({ length: count }, (_, m) => {
      const share = 0.2 + 0.8 * rng.nextFloat();
      const positions = Int32Array.from({ length: universe }, (_, p) => p).filter(() => rng.nextFloat() < share);
      const noise = m % 3 === 0 ? 0 : m % 3 === 1 ? 0.03 : 0.3;
      return { positions, values: Float64Array.from(positions, (p) => (rng.nextFloat() < noise ? base[p] + 1 : base[p])) };
    });
  };
  const cases: [string, number, SharedMember[]][] = [
    ['mixed members', 2300, mixedMembers(2000)],
    ['all, every third and a block', 3000, members(3000, (p) => Math.sin(p))],
    ['17 copies of one member (one group each)', 1000, Array(17).fill(members(1000, (p) => p % 9)[1])],
    ['12 random members', 20_000, randomMembers(20_000, 12)],
    ['20 random members', 5000, randomMembers(5000, 20)],
    ['none', 10, []],
  ];
  it.each(cases)('gives the TypeScript plan: %s', (_, universe, ms) => {
    expect(nativeSort()).not.toBeNull();
    const native = planSharedSums(universe, ms);
    process.env.CONTRAIL_NATIVE_SORT = '0';
    try {
      expect(native).toEqual(planSharedSums(universe, ms));
    } finally {
      delete process.env.CONTRAIL_NATIVE_SORT;
    }
  });
});
