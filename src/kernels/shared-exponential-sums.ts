/**
 * The shared-weights WebAssembly SIMD kernel (wasm-kernel.ts, `sharedSums`): one set of
 * Exponential(1) client weights per replicate, applied to several members (subsets of the same
 * clients: segments, bases, metrics), four replicates at a time; the weights of chosen positions
 * (`gathers`) are also copied out.
 */
import { KERNEL_DATA_START, KernelClaim, LANE_STATE_BYTES, align16, writeLaneStates } from './wasm-kernel.js';
import { XoshiroState } from './xoshiro-state.js';

/** One member: the universe positions of its clients (ascending) and one value per client. */
export interface SharedMember {
  readonly positions: Int32Array;
  readonly values: Float64Array;
}

/** Throws unless universe is an integer in [0, 2^31) and each member's positions ascend within it, one value each. */
export function checkSharedMembers(universe: number, members: readonly SharedMember[]): void {
  if (!(Number.isInteger(universe) && universe >= 0 && universe < 2 ** 31)) {
    throw new RangeError(`SharedExponentialSums: universe must be an integer in [0, 2^31), got ${universe}`);
  }
  members.forEach(({ positions, values }, m) => {
    if (positions.length !== values.length) {
      throw new RangeError(`SharedExponentialSums: member ${m} has ${positions.length} positions but ${values.length} values`);
    }
    for (let k = 0; k < positions.length; k++) {
      const p = positions[k];
      if (!(p >= 0 && p < universe && (k === 0 || p > positions[k - 1]))) {
        throw new RangeError(`SharedExponentialSums: member ${m} positions must ascend within [0, ${universe}), got ${p} at index ${k}`);
      }
    }
  });
}

/**
 * Σ w and Σ w·v of every member for four replicates at a time. Lane l draws N exponentials from the
 * lane on the state of `createRng(seed_l)`, w_p its p-th exponential for client position p = 0..N-1
 * (exactly as ExponentialSums), and member m sums w_p and w_p·v over its entries (p, v) as two
 * partial sums, its even-indexed entries and its odd-indexed ones, each in position order from 0,
 * then adds the two.
 */
export class SharedExponentialSums {
  readonly #claim: KernelClaim;
  readonly #universe: number;
  readonly #members: number;
  readonly #recordsAt: number;
  readonly #cursorsAt: number;
  readonly #statesAt: number;
  readonly #sumsAt: number;
  readonly #gathersAt: number;
  readonly #gatherCount: number;
  readonly #gatheredAt: number;
  readonly #lane = new XoshiroState(0);

  /**
   * Copies the members into the thread's kernel memory; every position, and every one of `gathers`
   * (ascending), must lie in [0, universe).
   */
  constructor(universe: number, members: readonly SharedMember[], gathers: Int32Array = new Int32Array(0)) {
    checkSharedMembers(universe, members);
    let at = KERNEL_DATA_START;
    const layout = members.map(({ positions, values }) => {
      const valuesAt = at;
      const positionsAt = valuesAt + 8 * values.length;
      at = align16(positionsAt + 4 * positions.length);
      return { valuesAt, positionsAt, length: values.length };
    });
    this.#universe = universe;
    this.#members = members.length;
    this.#recordsAt = at;
    this.#cursorsAt = align16(this.#recordsAt + 12 * members.length);
    this.#statesAt = align16(this.#cursorsAt + 4 * members.length);
    for (let k = 0; k < gathers.length; k++) {
      const p = gathers[k];
      if (!(p >= 0 && p < universe && (k === 0 || p > gathers[k - 1]))) {
        throw new RangeError(`SharedExponentialSums: gathered positions must ascend within [0, ${universe}), got ${p} at index ${k}`);
      }
    }
    this.#sumsAt = this.#statesAt + LANE_STATE_BYTES;
    this.#gathersAt = align16(this.#sumsAt + 128 * members.length);
    this.#gatherCount = gathers.length;
    this.#gatheredAt = align16(this.#gathersAt + 4 * gathers.length);
    this.#claim = new KernelClaim(this.#gatheredAt + 16 * gathers.length, 'SharedExponentialSums');
    const buffer = this.#claim.buffer();
    const records = new Int32Array(buffer, this.#recordsAt, 3 * members.length);
    members.forEach((member, m) => {
      const { valuesAt, positionsAt, length } = layout[m];
      new Float64Array(buffer, valuesAt, length).set(member.values);
      new Int32Array(buffer, positionsAt, length).set(member.positions);
      records[3 * m] = positionsAt;
      records[3 * m + 1] = valuesAt;
      records[3 * m + 2] = length;
    });
    new Int32Array(buffer, this.#gathersAt, gathers.length).set(gathers);
  }

  /**
   * The sums of the four lanes seeded `seeds[0..3]`: for member m, out[8m + l] = Σ w, out[8m + 4 + l]
   * = Σ w·v of lane l; and gathered[4k + l] = lane l's weight of gathered position k.
   */
  run(seeds: ArrayLike<number>, out: Float64Array, gathered?: Float32Array): void {
    const buffer = this.#claim.buffer();
    writeLaneStates(new Int32Array(buffer, this.#statesAt, LANE_STATE_BYTES / 4), seeds, this.#lane);
    const sums = new Float64Array(buffer, this.#sumsAt, 16 * this.#members);
    sums.fill(0);
    this.#claim.kernel.sharedSums(
      this.#universe, this.#recordsAt, this.#members, this.#cursorsAt, this.#statesAt, this.#sumsAt,
      this.#gathersAt, this.#gatherCount, this.#gatheredAt,
    );
    // the kernel keeps the member's even- and odd-indexed entries in two sets of sums
    for (let i = 0; i < 8 * this.#members; i++) out[i] = sums[16 * (i >> 3) + (i & 7)] + sums[16 * (i >> 3) + 8 + (i & 7)];
    if (gathered !== undefined) gathered.set(new Float32Array(buffer, this.#gatheredAt, 4 * this.#gatherCount));
  }
}
