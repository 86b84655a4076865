import { describe, expect, it } from 'vitest';
import { SharedExponentialSums } from '../../src/kernels/shared-exponential-sums.js';
import { ReferenceLane } from '../support/exponential-lane-reference.js';

describe('SharedExponentialSums', () => {
  it("copies out the gathered positions' weights, lane by lane, bit for bit with the reference lane", () => {
    // 1300 clients cross the kernel's 512-draw blocks; gathered positions in the first, a middle and the last block
    const universe = 1300;
    const gathers = Int32Array.of(0, 7, 511, 512, 900, 1299);
    const member = { positions: Int32Array.of(3, 600), values: Float64Array.of(2, 5) };
    const kernel = new SharedExponentialSums(universe, [member], gathers);
    const seeds = [11, 12, 13, 14];
    const sums = new Float64Array(8);
    const gathered = new Float32Array(4 * gathers.length);
    kernel.run(seeds, sums, gathered);
    seeds.forEach((seed, l) => {
      const lane = new ReferenceLane(seed);
      const w = Array.from({ length: universe }, () => lane.next());
      gathers.forEach((p, k) => expect(gathered[4 * k + l]).toBe(w[p]));
      expect(sums[l]).toBe(w[3] + w[600]);
      expect(sums[4 + l]).toBe(w[3] * 2 + w[600] * 5);
    });
  });

  it('refuses gathered positions that do not ascend within the universe', () => {
    expect(() => new SharedExponentialSums(10, [], Int32Array.of(4, 4))).toThrow(
      'SharedExponentialSums: gathered positions must ascend within [0, 10), got 4 at index 1',
    );
  });
});
