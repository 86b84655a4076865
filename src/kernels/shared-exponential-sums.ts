/**
 * The shared-weights kernel (`sharedSums`): one set of Exponential(1) client weights per replicate,
 * applied to several members (subsets of the same clients: segments, bases, metrics), in groups of
 * four replicates, up to four groups per call; the weights of chosen positions (`gathers`) are also
 * copied out. It runs natively with AVX-512 or AVX2 where that is built and supported
 * (native-kernel.ts), else in the WebAssembly SIMD kernel (wasm-kernel.ts); all give the same bits.
 */
import { centredFrame, centredValues, uncentredSum, type CentredFrame } from './centred-values.js';
import { GROUP_LANES, MAX_GROUPS, STATE_WORDS, writeGroupStates } from './exponential-sums.js';
import { chooseNativeKernel, kernelName, type BootstrapKernelName, type NativeKernel, type NativeLanes } from './native-kernel.js';
import { KERNEL_DATA_START, KernelClaim, LANE_STATE_BYTES, align16 } from './wasm-kernel.js';
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
 * Σ w and Σ w·v of every member for up to sixteen replicates at a time. Lane l draws N exponentials
 * from the lane on the state of `createRng(seed_l)`, w_p its p-th exponential for client position
 * p = 0..N-1 (exactly as ExponentialSums), and member m sums w_p and w_p·u over its entries (p, v),
 * u its values centred and scaled (centred-values.ts, the member's own frame), as two partial sums,
 * its even-indexed entries and its odd-indexed ones: in f32 from 0 within each block of BLOCK
 * positions, added to f64 sums from 0; then adds the two, and Σ w·v = centre·Σ w + Σ w·u / scale.
 */
export class SharedExponentialSums {
  readonly #universe: number;
  readonly #members: number;
  readonly #gatherCount: number;
  readonly #frames: CentredFrame[];
  readonly #native: {
    kernel: NativeKernel; positions: Int32Array; values: Float32Array; offsets: Int32Array; gathers: Int32Array; sums: Float64Array; drawn: Float32Array;
  } | null;
  readonly #lanes: NativeLanes | undefined;
  readonly #wasm: { claim: KernelClaim; recordsAt: number; cursorsAt: number; statesAt: number; sumsAt: number; gathersAt: number; gatheredAt: number } | null;
  readonly #states = new Int32Array(MAX_GROUPS * STATE_WORDS);
  readonly #lane = new XoshiroState(0);

  /**
   * Keeps the members (flattened) for the native kernel, or copies them into the thread's WebAssembly
   * kernel memory; every position, and every one of `gathers` (ascending), must lie in [0, universe).
   * `lanes`: 0 runs the WebAssembly kernel even where a native one is available, 8 or 16 that native
   * width; by default the widest there is.
   */
  constructor(universe: number, members: readonly SharedMember[], gathers: Int32Array = new Int32Array(0), lanes?: 0 | NativeLanes) {
    checkSharedMembers(universe, members);
    for (let k = 0; k < gathers.length; k++) {
      const p = gathers[k];
      if (!(p >= 0 && p < universe && (k === 0 || p > gathers[k - 1]))) {
        throw new RangeError(`SharedExponentialSums: gathered positions must ascend within [0, ${universe}), got ${p} at index ${k}`);
      }
    }
    this.#universe = universe;
    this.#members = members.length;
    this.#gatherCount = gathers.length;
    this.#frames = members.map((member) => centredFrame(member.values));
    const native = chooseNativeKernel(lanes, 'SharedExponentialSums');
    this.#lanes = native?.lanes;
    if (native !== null) {
      const { kernel } = native;
      const offsets = new Int32Array(members.length + 1);
      members.forEach((member, m) => (offsets[m + 1] = offsets[m] + member.positions.length));
      const positions = new Int32Array(offsets[members.length]);
      const values = new Float32Array(offsets[members.length]);
      members.forEach((member, m) => {
        positions.set(member.positions, offsets[m]);
        centredValues(member.values, this.#frames[m], values.subarray(offsets[m], offsets[m + 1]));
      });
      this.#native = {
        kernel, positions, values, offsets, gathers,
        sums: new Float64Array(16 * members.length * MAX_GROUPS),
        drawn: new Float32Array(4 * gathers.length * MAX_GROUPS),
      };
      this.#wasm = null;
      return;
    }
    let at = KERNEL_DATA_START;
    const layout = members.map(({ positions, values }) => {
      const valuesAt = at;
      const positionsAt = valuesAt + 4 * values.length;
      at = align16(positionsAt + 4 * positions.length);
      return { valuesAt, positionsAt, length: values.length };
    });
    const recordsAt = at;
    const cursorsAt = align16(recordsAt + 12 * members.length);
    const statesAt = align16(cursorsAt + 4 * members.length);
    const sumsAt = statesAt + MAX_GROUPS * LANE_STATE_BYTES;
    const gathersAt = align16(sumsAt + 128 * members.length * MAX_GROUPS);
    const gatheredAt = align16(gathersAt + 4 * gathers.length);
    const claim = new KernelClaim(gatheredAt + 16 * gathers.length * MAX_GROUPS, 'SharedExponentialSums');
    const buffer = claim.buffer();
    const records = new Int32Array(buffer, recordsAt, 3 * members.length);
    members.forEach((member, m) => {
      const { valuesAt, positionsAt, length } = layout[m];
      centredValues(member.values, this.#frames[m], new Float32Array(buffer, valuesAt, length));
      new Int32Array(buffer, positionsAt, length).set(member.positions);
      records[3 * m] = positionsAt;
      records[3 * m + 1] = valuesAt;
      records[3 * m + 2] = length;
    });
    new Int32Array(buffer, gathersAt, gathers.length).set(gathers);
    this.#native = null;
    this.#wasm = { claim, recordsAt, cursorsAt, statesAt, sumsAt, gathersAt, gatheredAt };
  }

  /** The kernel that runs. */
  get kernel(): BootstrapKernelName {
    return kernelName(this.#lanes);
  }

  /**
   * The sums of the 4·g lanes seeded `seeds` (g = seeds.length / 4 groups, 1..4), group k's block of
   * out at 8·M·k (M members): out[8Mk + 8m + l] = Σ w, out[8Mk + 8m + 4 + l] = Σ w·v of member m in
   * lane 4k + l; and gathered[4Gk + 4j + l] = that lane's weight of gathered position j (G gathered).
   */
  run(seeds: ArrayLike<number>, out: Float64Array, gathered?: Float32Array): void {
    const groups = seeds.length / GROUP_LANES;
    const members = this.#members;
    const gatherCount = this.#gatherCount;
    if (!(Number.isInteger(groups) && groups >= 1 && groups <= MAX_GROUPS && out.length >= 8 * members * groups)) {
      throw new RangeError(
        `SharedExponentialSums: run takes 4, 8, 12 or 16 seeds and 8 sums per member and four, got ${seeds.length} seeds and ${out.length} sums for ${members} members`,
      );
    }
    if (gathered !== undefined && gathered.length < 4 * gatherCount * groups) {
      throw new RangeError(`SharedExponentialSums: gathered holds ${gathered.length} weights, ${groups} groups of four need ${4 * gatherCount * groups}`);
    }
    const states = writeGroupStates(this.#states, seeds, this.#lane);
    let sums: Float64Array;
    if (this.#native !== null) {
      const { kernel, positions, values, offsets, gathers, drawn } = this.#native;
      sums = this.#native.sums.subarray(0, 16 * members * groups);
      kernel.sharedSums(this.#universe, positions, values, offsets, states, groups, sums, gathers, gathered ?? drawn, this.#lanes);
    } else {
      const { claim, recordsAt, cursorsAt, statesAt, sumsAt, gathersAt, gatheredAt } = this.#wasm!;
      const buffer = claim.buffer();
      new Int32Array(buffer, statesAt, states.length).set(states);
      sums = new Float64Array(buffer, sumsAt, 16 * members * groups);
      sums.fill(0);
      // one group per call: the kernel's cursors and gathered weights are one group's
      for (let k = 0; k < groups; k++) {
        claim.kernel.sharedSums(
          this.#universe, recordsAt, members, cursorsAt, statesAt + k * LANE_STATE_BYTES, sumsAt + 128 * members * k,
          gathersAt, gatherCount, gatheredAt + 16 * gatherCount * k,
        );
      }
      if (gathered !== undefined) gathered.set(new Float32Array(buffer, gatheredAt, 4 * gatherCount * groups));
    }
    // the kernel keeps the member's even- and odd-indexed entries in two sets of sums, of w·u
    for (let i = 0; i < 8 * members * groups; i++) out[i] = sums[16 * (i >> 3) + (i & 7)] + sums[16 * (i >> 3) + 8 + (i & 7)];
    for (let k = 0; k < groups; k++) {
      for (let m = 0; m < members; m++) {
        const at = 8 * members * k + 8 * m;
        for (let l = 0; l < GROUP_LANES; l++) out[at + 4 + l] = uncentredSum(out[at + l], out[at + 4 + l], this.#frames[m]);
      }
    }
  }
}
