import { describe, expect, it } from 'vitest';
import { SORT_IMPLEMENTATIONS, useNativeSort } from '../support/native-sort-flag.js';
import * as arrow from 'apache-arrow';
import { radixArgsort, radixSortKeys } from '../../src/engine/canonical-order.js';
import { partitionBatches } from '../../src/engine/partition.js';
import { createRng } from '../../src/kernels/rng.js';
import { nativeSort, nativeSortProblem } from '../../src/kernels/native-sort.js';
import { isValid } from '../../src/engine/validity.js';

describe.each(SORT_IMPLEMENTATIONS)('radixArgsort %s', (_, flag) => {
  useNativeSort(flag);

  it('sorts 53-bit keys like a comparison sort, stably', () => {
    const rng = createRng(9);
    const keys = Float64Array.from({ length: 5_000 }, (_, i) => (i % 7 === 0 ? 42 : Math.floor(rng.nextFloat() * 2 ** 53)));
    const order = radixArgsort(keys);
    const expected = [...keys.keys()].sort((a, b) => keys[a] - keys[b] || a - b);
    expect([...order]).toEqual(expected);
  });

  it('sorts keys that share their top 32 bits by the rest, stably', () => {
    // 3,000 keys on 40 prefixes (so long runs of equal prefixes), low 21 bits random, with repeats
    const rng = createRng(10);
    const keys = Float64Array.from({ length: 3_000 }, (_, i) =>
      (Math.floor(rng.nextFloat() * 40) * 2 ** 26 + 77) * 2 ** 21 + (i % 11 === 0 ? 5 : Math.floor(rng.nextFloat() * 2 ** 21)),
    );
    expect(keys.every((k) => k < 2 ** 53)).toBe(true);
    const expected = [...keys.keys()].sort((a, b) => keys[a] - keys[b] || a - b);
    expect([...radixArgsort(keys)]).toEqual(expected);
    expect([...radixArgsort(new Float64Array(0))]).toEqual([]);
  });

  it('returns the keys in sorted order beside the permutation, with runs of ties across its 65,536-entry blocks', () => {
    // 140,000 keys on 400 prefixes: runs of ~350 equal prefixes, some straddling entries 65,536 and 131,072
    const rng = createRng(12);
    const keys = Float64Array.from({ length: 140_000 }, () => (Math.floor(rng.nextFloat() * 400) * 2 ** 20 + 3) * 2 ** 21 + Math.floor(rng.nextFloat() * 2 ** 21));
    const items = Uint32Array.from({ length: 120_000 }, (_, i) => 139_999 - i);
    const { order, sorted } = radixSortKeys(keys, items);
    const expected = [...items].sort((a, b) => keys[a] - keys[b] || items.indexOf(a) - items.indexOf(b));
    expect([...order]).toEqual(expected);
    expect([...sorted]).toEqual(expected.map((i) => keys[i]));
  });

  it('puts NaN keys (null ids) first, in arrival order', () => {
    const rng = createRng(11);
    const keys = Float64Array.from({ length: 4_000 }, (_, i) =>
      i % 97 === 0 ? Number.NaN : (Math.floor(rng.nextFloat() * 50) + 1) * 2 ** 21 + (i % 13 === 0 ? 7 : Math.floor(rng.nextFloat() * 2 ** 21)),
    );
    const order = radixArgsort(keys);
    const nan = [...keys.keys()].filter((i) => Number.isNaN(keys[i]));
    const real = [...keys.keys()].filter((i) => !Number.isNaN(keys[i])).sort((a, b) => keys[a] - keys[b] || a - b);
    expect([...order]).toEqual([...nan, ...real]);
  });
});

describe('radixArgsort in C and in TypeScript', () => {
  it('the C passes are built here', () => {
    expect(nativeSortProblem()).toBe('');
  });

  it('give the same permutation and keys on 300,000 keys with NaN, repeats and shared prefixes', () => {
    const rng = createRng(21);
    const keys = Float64Array.from({ length: 300_000 }, (_, i) =>
      i % 101 === 0 ? Number.NaN : i % 7 === 0 ? (i % 300) * 2 ** 21 + 5 : Math.floor(rng.nextFloat() * 2 ** 53),
    );
    const run = (flag: string) => {
      process.env.CONTRAIL_NATIVE_SORT = flag;
      try {
        const { order, sorted } = radixSortKeys(keys);
        return { order: order.slice(), sorted: sorted.slice() };
      } finally {
        delete process.env.CONTRAIL_NATIVE_SORT;
      }
    };
    const c = run('1');
    const ts = run('0');
    expect(Buffer.compare(Buffer.from(c.order.buffer), Buffer.from(ts.order.buffer))).toBe(0);
    expect(Buffer.compare(Buffer.from(c.sorted.buffer), Buffer.from(ts.sorted.buffer))).toBe(0);
    // and sorted: the keys other than NaN ascend
    const real = c.sorted.filter((k) => !Number.isNaN(k));
    expect(real.every((k, i) => i === 0 || real[i - 1] <= k)).toBe(true);
    expect(real.length).toBe(keys.length - 2_971);
  });

  it('agree where prefixes share bytes (passes skipped) and on keys outside [0, 2^53)', () => {
    // prefixes below 2^24 (top byte shared: three passes, an odd number) or below 2^16 (two), and
    // keys no client-id hash takes: negative, past 2^53, infinite, whose digits the C takes from the
    // 32-bit prefix and the TypeScript as floor(x) & 0xffff of two scales
    const rng = createRng(22);
    const cases = [
      Float64Array.from({ length: 50_000 }, () => Math.floor(rng.nextFloat() * 2 ** 45)),
      Float64Array.from({ length: 50_000 }, (_, i) => (i % 13 === 0 ? Number.NaN : Math.floor(rng.nextFloat() * 2 ** 37))),
      Float64Array.from({ length: 50_000 }, (_, i) =>
        [-Math.floor(rng.nextFloat() * 2 ** 40), 2 ** 53 + Math.floor(rng.nextFloat() * 2 ** 20) * 2, Infinity, -Infinity, Math.floor(rng.nextFloat() * 2 ** 53)][i % 5],
      ),
    ];
    for (const keys of cases) {
      const orders = ['1', '0'].map((flag) => {
        process.env.CONTRAIL_NATIVE_SORT = flag;
        try {
          return radixSortKeys(keys).order.slice();
        } finally {
          delete process.env.CONTRAIL_NATIVE_SORT;
        }
      });
      expect(Buffer.compare(Buffer.from(orders[0].buffer), Buffer.from(orders[1].buffer))).toBe(0);
    }
  });
});

describe('canonicalSlots in C', () => {
  // the partitioner's canonical order of a keyed table in one call, against radixSortKeys in
  // TypeScript branch by branch (the partitioner's other path): the same keys in order and the same
  // slots, with NaN keys (null ids), shared prefixes (ties resolved by the full key), dropped rows
  // and a branch without rows
  it('gives each branch the keys and each row the slot of the TypeScript sort', () => {
    const rng = createRng(23);
    const rows = 200_000;
    const hashes = Float64Array.from({ length: rows }, (_, i) =>
      i % 89 === 0 ? Number.NaN : i % 5 === 0 ? (i % 40) * 2 ** 21 + Math.floor(rng.nextFloat() * 64) : Math.floor(rng.nextFloat() * 2 ** 53),
    );
    // even branches (the slots' memory is the sort's scratch), or one of 9 rows in 10 (more than the
    // slots' 4 bytes per row hold at 8 per entry: scratch allocated)
    for (const share of [[0.34, 0.67], [0.9, 0.95]]) {
      const branchOf = Int32Array.from({ length: rows }, (_, i) => {
        const u = rng.nextFloat();
        return i % 31 === 0 ? -1 : u < share[0] ? 0 : u < share[1] ? 1 : 3;
      });
      const lengths = [0, 1, 2, 3].map((b) => branchOf.filter((x) => x === b).length);
      const starts = Int32Array.from(lengths.map((_, b) => lengths.slice(0, b).reduce((a, n) => a + ((n + 7) & ~7), 0)));
      const slots = branchOf.slice();
      const keys = lengths.map((n) => new Float64Array(n));
      nativeSort()!.canonicalSlots(hashes, slots, keys, starts);

      process.env.CONTRAIL_NATIVE_SORT = '0';
      try {
        const expectedSlots = new Int32Array(rows).fill(-1);
        for (let b = 0; b < 4; b++) {
          const items = Uint32Array.from([...branchOf.keys()].filter((i) => branchOf[i] === b));
          const { order, sorted } = radixSortKeys(hashes, items);
          expect(Buffer.compare(Buffer.from(keys[b].buffer), Buffer.from(sorted.buffer, sorted.byteOffset, sorted.byteLength))).toBe(0);
          order.forEach((row, j) => (expectedSlots[row] = starts[b] + j));
        }
        expect(Buffer.compare(Buffer.from(slots.buffer), Buffer.from(expectedSlots.buffer))).toBe(0);
      } finally {
        delete process.env.CONTRAIL_NATIVE_SORT;
      }
      expect(lengths[2]).toBe(0);
      expect(8 * Math.max(...lengths) > 4 * rows).toBe(share[0] === 0.9);
    }
  });

  it('gives the TypeScript order where a pass is skipped (a byte every prefix shares) and to branches of 1 to 9 rows', () => {
    // the C passes read each branch as four streams and count the next byte's histograms as they
    // write; a skipped byte leaves those counts to be taken afresh, and branches shorter than four
    // rows run in the last stream only
    const rng = createRng(29);
    const rows = 40_000;
    // prefixes whose bytes 0 and 2 are shared by every row of branch 0 (1 and 3 vary); branches 1..9
    // have b rows each
    const sizes = [rows - 45, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const branchOf = Int32Array.from(sizes.flatMap((n, b) => Array<number>(n).fill(b)));
    const hashes = Float64Array.from(branchOf, (b) => {
      const prefix = b === 0 ? ((Math.floor(rng.nextFloat() * 256) << 8) | (Math.floor(rng.nextFloat() * 256) << 24) | 0x00_11_00_22) >>> 0 : Math.floor(rng.nextFloat() * 2 ** 32);
      return prefix * 2 ** 21 + Math.floor(rng.nextFloat() * 2 ** 21);
    });
    const starts = Int32Array.from(sizes.map((_, b) => sizes.slice(0, b).reduce((a, n) => a + n, 0)));
    const slots = branchOf.slice();
    const keys = sizes.map((n) => new Float64Array(n));
    nativeSort()!.canonicalSlots(hashes, slots, keys, starts);
    process.env.CONTRAIL_NATIVE_SORT = '0';
    try {
      sizes.forEach((_, b) => {
        const items = Uint32Array.from([...branchOf.keys()].filter((i) => branchOf[i] === b));
        const { order, sorted } = radixSortKeys(hashes, items);
        expect(Buffer.compare(Buffer.from(keys[b].buffer), Buffer.from(sorted.buffer, sorted.byteOffset, sorted.byteLength))).toBe(0);
        order.forEach((row, j) => expect(slots[row]).toBe(starts[b] + j));
      });
    } finally {
      delete process.env.CONTRAIL_NATIVE_SORT;
    }
  });

  it('rejects branches whose rows do not match their keys\' lengths, naming the problem', () => {
    const sort = nativeSort()!;
    const hashes = Float64Array.of(1, 2, 3);
    const starts = Int32Array.of(0);
    expect(() => sort.canonicalSlots(hashes, Int32Array.of(0, 0, 0), [new Float64Array(2)], starts)).toThrow(
      'canonicalSlots: a row\'s branch has no start, or more rows than its keys hold',
    );
    expect(() => sort.canonicalSlots(hashes, Int32Array.of(0, -1, 0), [new Float64Array(3)], starts)).toThrow(
      'canonicalSlots: a branch has fewer rows than its keys hold',
    );
    expect(() => sort.canonicalSlots(hashes, Int32Array.of(0, 1, 0), [new Float64Array(2)], starts)).toThrow(
      "canonicalSlots: a row's branch has no start",
    );
  });
});

describe('canonical row order', () => {
  const ids = Array.from({ length: 300 }, (_, i) => `client-${i}`);
  const table = (permutation: number[]) =>
    new arrow.Table({
      analysis_id: arrow.vectorFromArray(permutation.map((i) => ids[i]), new arrow.Utf8()),
      branch: arrow.vectorFromArray(permutation.map((i) => (i % 2 === 0 ? 'a' : 'b')), new arrow.Utf8()),
      x: arrow.vectorFromArray(permutation.map((i) => i * 1.5), new arrow.Float64()),
      y: arrow.vectorFromArray(permutation.map((i) => (i % 5 === 0 ? null : i)), new arrow.Float64()),
      s: arrow.vectorFromArray(permutation.map((i) => i % 3 === 0), new arrow.Bool()),
    });
  async function* batches(t: arrow.Table) {
    yield* t.batches;
  }
  const request = { columns: ['x', 'y'], segments: ['s'], branchColumn: 'branch', enrollmentColumn: null, exposureColumn: null, keyColumn: 'analysis_id', description: 't' };

  it('partitions a shuffled table exactly as the original', async () => {
    const identity = ids.map((_, i) => i);
    const rng = createRng(4);
    const shuffled = [...identity];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rng.nextFloat() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
    }
    const a = await partitionBatches(batches(table(identity)), request);
    const b = await partitionBatches(batches(table(shuffled)), request);
    for (const branch of ['a', 'b']) {
      const pa = a.parts[a.branches.indexOf(branch)];
      const pb = b.parts[b.branches.indexOf(branch)];
      expect([...pb.columns.x.values]).toEqual([...pa.columns.x.values]);
      expect([...pb.masks.s]).toEqual([...pa.masks.s]);
      expect([...pb.columns.y.values]).toEqual([...pa.columns.y.values]);
      const bits = (p: typeof pa) => Array.from({ length: p.length }, (_, i) => isValid(p.columns.y.valid, i));
      expect(bits(pb)).toEqual(bits(pa));
      expect(bits(pa).filter((v) => !v).length).toBe(pa.columns.y.values.filter((v) => Number.isNaN(v)).length);
    }
  });
});
