/**
 * How the shared-weight bootstrap (shared-bayesian-bootstrap-means.ts) lays its members out for the
 * kernel (SharedExponentialSums), so that each client and replicate costs one weighted addition
 * rather than one per member holding it. Every member's Σ w and Σ w·v are the same sums as a plain
 * pass over its entries, up to the order of the additions.
 * - Draws: only clients some member holds get a weight. Client p's weight is the rank(p)-th
 *   exponential of the lane, rank counted among those clients (the demo's searches_per_hour drops
 *   ~20 % of the clients as indefinite; drawing for them was wasted).
 * - Value groups: members that hold the same value for the same client (the segments and bases of
 *   one metric: a client's row is the same in each) form a group; members with other values (another
 *   metric) form groups of their own. Two members join when they disagree on at most 5 % of the
 *   clients both hold (measured once per call; up to MAX_GROUPED members, else each is its own).
 * - Atoms: the clients of a group are split by which of its members hold them (a mask). An atom is
 *   one kernel member: Σ w and Σ w·v over its clients, with each client's value in the lowest member
 *   of the mask. A member's sums add up the atoms whose mask holds it.
 * - Terms: where a member's value differs from that reference value (a winsorized top that differs
 *   between segments), the difference d adds w·d to the member's Σ w·v. An atom of fewer than
 *   `rareAtomSize(draws)` clients is not a kernel member: each of its (client, member) pairs is a
 *   term adding w to Σ w and w·v to Σ w·v. The kernel copies out the weights of the terms' clients.
 * Why: the demo's six (segment, basis) members of searches_per_hour hold 2.9 rows per client; the
 * atoms hold ~1.0 (bench/RESULTS.md, fifth session of 2026-12-05).
 */
import { nativeSort } from './native-sort.js';
import { checkSharedMembers, type SharedMember } from './shared-exponential-sums.js';

/** Members up to this many are grouped by value; more are each a group of their own (pair counts grow as its square). */
export const MAX_GROUPED = 16;
/** A member may disagree with its group on this share of the clients both hold. */
const MAX_DISAGREEMENT = 0.05;

/**
 * Atoms smaller than this are terms instead. An estimate, not a measured optimum: an atom costs the
 * kernel a few tens of cycles per 512-draw block and replicate group whatever its size (its sums are
 * loaded and stored), a term in JavaScript perhaps 4x a kernel entry, so they break even near
 * draws / 300 clients. The demo's atoms are all far above it (the smallest ~16k clients).
 */
export function rareAtomSize(draws: number): number {
  return Math.max(32, Math.ceil(draws / 256));
}

export interface SharedSumsPlan {
  /** Clients that get a weight (ranks 0..draws-1). */
  readonly draws: number;
  /** The kernel members: atoms, in ranks. */
  readonly atoms: readonly SharedMember[];
  /** Ranks whose weights the kernel copies out, ascending. */
  readonly gathers: Int32Array;
  /** For member m, the atoms whose sums it adds, ascending. */
  readonly atomsOf: readonly Int32Array[];
  /** Term t: gathered weight index, member, value, and whether it adds to Σ w (1) or only to Σ w·v (0). */
  readonly termGather: Int32Array;
  readonly termMember: Int32Array;
  readonly termValue: Float64Array;
  readonly termWeight: Uint8Array;
}

/**
 * Checks the members (positions ascending within [0, universe), one value each) and plans their sums:
 * in C where the addon is built (src/kernels/native/shared-sums-plan.c, the same plan; the plan is
 * cold code in each worker: 211-260 ms in JavaScript per demo plan, bench/RESULTS.md, twentieth
 * session), else here.
 */
export function planSharedSums(universe: number, members: readonly SharedMember[]): SharedSumsPlan {
  checkSharedMembers(universe, members);
  const native = nativeSort();
  if (native !== null) {
    const plan = native.planSharedSums(universe, members.map((m) => m.positions), members.map((m) => m.values));
    const { atomPositions, atomValues, ...rest } = plan;
    return { ...rest, atoms: atomPositions.map((positions, a) => ({ positions, values: atomValues[a] })) };
  }
  return planInTypeScript(universe, members);
}

function planInTypeScript(universe: number, members: readonly SharedMember[]): SharedSumsPlan {
  const count = members.length;
  const rank = new Int32Array(universe).fill(-1);
  for (const { positions } of members) for (let k = 0; k < positions.length; k++) rank[positions[k]] = 0;
  let draws = 0;
  for (let p = 0; p < universe; p++) if (rank[p] === 0) rank[p] = draws++;

  const group = groupByValue(universe, members);
  // a member's bit within its group's mask
  const bit = new Int32Array(count);
  const groupSize = new Int32Array(count);
  for (let m = 0; m < count; m++) bit[m] = 1 << groupSize[group[m]]++;

  // pass 1: the atoms (group, mask) in order of first appearance, and their sizes
  const atomIds = new Map<number, number>();
  const atomGroup: number[] = [];
  const atomMask: number[] = [];
  const atomSizes: number[] = [];
  const masks = new Int32Array(count);
  const touched = new Int32Array(count);
  const cursors = new Int32Array(count);
  const atomOfKey = (g: number, mask: number): number => {
    const key = g * 2 ** 31 + mask;
    let a = atomIds.get(key);
    if (a === undefined) {
      a = atomSizes.length;
      atomIds.set(key, a);
      atomGroup.push(g);
      atomMask.push(mask);
      atomSizes.push(0);
    }
    return a;
  };
  forEachClient(universe, members, cursors, rank, (_p, present, n) => {
    let groups = 0;
    for (let i = 0; i < n; i++) {
      const m = present[i];
      const g = group[m];
      if (masks[g] === 0) touched[groups++] = g;
      masks[g] |= bit[m];
    }
    for (let i = 0; i < groups; i++) {
      const g = touched[i];
      atomSizes[atomOfKey(g, masks[g])]++;
      masks[g] = 0;
    }
  });

  // the kernel's atoms: those of at least rareAtomSize clients
  const minSize = rareAtomSize(draws);
  const kernelIndex = atomSizes.map(() => -1);
  const atoms: { positions: Int32Array; values: Float64Array }[] = [];
  atomSizes.forEach((size, a) => {
    if (size >= minSize) {
      kernelIndex[a] = atoms.length;
      atoms.push({ positions: new Int32Array(size), values: new Float64Array(size) });
    }
  });
  const filled = new Int32Array(atoms.length);
  const atomsOf = Array.from({ length: count }, (_, m) => {
    const list: number[] = [];
    atomSizes.forEach((_, a) => {
      if (kernelIndex[a] >= 0 && atomGroup[a] === group[m] && (atomMask[a] & bit[m]) !== 0) list.push(kernelIndex[a]);
    });
    return Int32Array.from(list);
  });

  // pass 2: fill the atoms; terms for rare atoms and for values that differ from the reference
  const gathers = new Growable(Int32Array);
  const termGather = new Growable(Int32Array);
  const termMember = new Growable(Int32Array);
  const termValue = new Growable(Float64Array);
  const termWeight = new Growable(Uint8Array);
  const reference = new Float64Array(count);
  const term = (r: number, m: number, value: number, weight: number) => {
    if (gathers.length === 0 || gathers.last() !== r) gathers.push(r);
    termGather.push(gathers.length - 1);
    termMember.push(m);
    termValue.push(value);
    termWeight.push(weight);
  };
  cursors.fill(0);
  forEachClient(universe, members, cursors, rank, (p, present, n) => {
    const r = rank[p];
    let groups = 0;
    for (let i = 0; i < n; i++) {
      const m = present[i];
      const g = group[m];
      if (masks[g] === 0) {
        touched[groups++] = g;
        reference[g] = members[m].values[cursors[m] - 1];
      }
      masks[g] |= bit[m];
    }
    for (let i = 0; i < groups; i++) {
      const g = touched[i];
      const k = kernelIndex[atomOfKey(g, masks[g])];
      masks[g] = 0;
      if (k >= 0) {
        const at = filled[k]++;
        atoms[k].positions[at] = r;
        atoms[k].values[at] = reference[g];
      }
      for (let j = 0; j < n; j++) {
        const m = present[j];
        if (group[m] !== g) continue;
        const value = members[m].values[cursors[m] - 1];
        if (k < 0) term(r, m, value, 1);
        else if (value !== reference[g]) term(r, m, value - reference[g], 0);
      }
    }
  });
  return {
    draws,
    atoms,
    gathers: gathers.array(),
    atomsOf,
    termGather: termGather.array(),
    termMember: termMember.array(),
    termValue: termValue.array(),
    termWeight: termWeight.array(),
  };
}

/**
 * Each member's Σ w and Σ w·v for four lanes (out[8m + l], out[8m + 4 + l]) from the atoms' sums
 * (same layout, per atom) and the gathered weights (gathered[4k + l]): the member's atoms in order,
 * then its terms in client order.
 */
export function combineSharedSums(plan: SharedSumsPlan, atomSums: Float64Array, gathered: Float32Array, out: Float64Array): void {
  out.fill(0);
  plan.atomsOf.forEach((list, m) => {
    for (const a of list) for (let i = 0; i < 8; i++) out[8 * m + i] += atomSums[8 * a + i];
  });
  const { termGather, termMember, termValue, termWeight } = plan;
  for (let t = 0; t < termGather.length; t++) {
    const g = 4 * termGather[t];
    const m = 8 * termMember[t];
    const v = termValue[t];
    for (let l = 0; l < 4; l++) {
      const w = gathered[g + l];
      if (termWeight[t] === 1) out[m + l] += w;
      out[m + 4 + l] += w * v;
    }
  }
}

/**
 * Members whose values agree (at most MAX_DISAGREEMENT of the clients both hold differ) share a
 * group, numbered by its lowest member; a member joins the first earlier group it agrees with.
 */
function groupByValue(universe: number, members: readonly SharedMember[]): Int32Array {
  const count = members.length;
  const group = Int32Array.from({ length: count }, (_, m) => m);
  if (count < 2 || count > MAX_GROUPED) return group;
  const overlap = new Float64Array(count * count);
  const disagree = new Float64Array(count * count);
  const cursors = new Int32Array(count);
  forEachClient(universe, members, cursors, null, (_p, present, n) => {
    for (let i = 0; i < n; i++) {
      const a = present[i];
      const va = members[a].values[cursors[a] - 1];
      for (let j = i + 1; j < n; j++) {
        const b = present[j];
        overlap[a * count + b]++;
        if (members[b].values[cursors[b] - 1] !== va) disagree[a * count + b]++;
      }
    }
  });
  const size = new Int32Array(count).fill(1);
  for (let b = 1; b < count; b++) {
    for (let a = 0; a < b; a++) {
      const o = overlap[a * count + b];
      // a group's mask is an i32 of its members' bits: at most 30 of them
      if (o > 0 && disagree[a * count + b] <= MAX_DISAGREEMENT * o && size[group[a]] < 30) {
        group[b] = group[a];
        size[group[a]]++;
        size[b]--;
        break;
      }
    }
  }
  return group;
}

/**
 * Calls `visit(p, present, n)` for every client p some member holds, ascending, with the members
 * holding it in present[0..n) (ascending); cursors[m] is then one past p's entry in member m.
 * `rank`, when given, skips the clients no member holds (rank -1).
 */
function forEachClient(
  universe: number,
  members: readonly SharedMember[],
  cursors: Int32Array,
  rank: Int32Array | null,
  visit: (p: number, present: Int32Array, n: number) => void,
): void {
  const count = members.length;
  const present = new Int32Array(count);
  const next = Int32Array.from(members, (m) => (m.positions.length > 0 ? m.positions[0] : universe));
  for (let p = 0; p < universe; p++) {
    if (rank !== null && rank[p] < 0) continue;
    let n = 0;
    for (let m = 0; m < count; m++) {
      if (next[m] !== p) continue;
      present[n++] = m;
      const k = ++cursors[m];
      const positions = members[m].positions;
      next[m] = k < positions.length ? positions[k] : universe;
    }
    if (n > 0) visit(p, present, n);
  }
}

/** A typed array that grows by doubling. */
class Growable<T extends Int32Array | Float64Array | Uint8Array> {
  #data: T;
  length = 0;
  constructor(private readonly make: new (length: number) => T) {
    this.#data = new make(1024);
  }
  push(value: number): void {
    if (this.length === this.#data.length) {
      const bigger = new this.make(2 * this.#data.length);
      bigger.set(this.#data as never);
      this.#data = bigger;
    }
    this.#data[this.length++] = value;
  }
  last(): number {
    return this.#data[this.length - 1];
  }
  /** The pushed values, exactly sized. */
  array(): T {
    return this.#data.slice(0, this.length) as T;
  }
}
