import { describe, expect, it } from 'vitest';
import { bayesianBootstrapMean } from '../../src/kernels/bayesian-bootstrap-mean.js';
import { createRng, mixSeed } from '../../src/kernels/rng.js';
import { sharedBayesianBootstrapMeans } from '../../src/kernels/shared-bayesian-bootstrap-means.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';
import { ReferenceLane } from '../support/exponential-lane-reference.js';

/**
 * Replicate r written plainly from the headers: N weights in position order, then each member's sums
 * as two partial sums over its even- and odd-indexed entries, added, and their ratio.
 */
function plainReplicates(universe: number, members: { positions: Int32Array; values: Float64Array }[], seed: number, r: number): number[] {
  const lane = new ReferenceLane(mixSeed(seed, r));
  const w = Float64Array.from({ length: universe }, () => lane.next());
  return members.map(({ positions, values }) => {
    const weightSums = [0, 0];
    const weightedSums = [0, 0];
    positions.forEach((p, k) => {
      weightSums[k & 1] += w[p];
      weightedSums[k & 1] += w[p] * values[k];
    });
    return (weightedSums[0] + weightedSums[1]) / (weightSums[0] + weightSums[1]);
  });
}

/** Members of a universe of n clients: all, every third, and a block crossing the kernel's 512-draw buffers. */
function members(n: number, value: (p: number) => number) {
  const pick = (keep: (p: number) => boolean) => {
    const positions = Int32Array.from({ length: n }, (_, p) => p).filter(keep);
    return { positions, values: Float64Array.from(positions, value) };
  };
  return [pick(() => true), pick((p) => p % 3 === 1), pick((p) => p >= 500 && p < 1700)];
}

function moments(x: Float64Array): { mean: number; variance: number } {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return { mean, variance: x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1) };
}

describe('sharedBayesianBootstrapMeans', () => {
  it('equals a plain implementation of its stream bit for bit, for every member and any range', () => {
    const n = 2000;
    const ms = members(n, (p) => Math.exp(6 * Math.sin(p * 12.9898)));
    const all = sharedBayesianBootstrapMeans({ universe: n, members: ms, numSamples: 10, seed: 42 });
    for (let r = 0; r < 10; r++) expect(all.map((out) => out[r])).toEqual(plainReplicates(n, ms, 42, r));
    const part = sharedBayesianBootstrapMeans({ universe: n, members: ms, numSamples: 10, seed: 42, range: [3, 9] });
    part.forEach((out, m) => expect([...out]).toEqual([...all[m].subarray(3, 9)]));
  });

  it("gives a member the same replicates whichever other members share its weights", () => {
    const n = 1500;
    const [whole, third, block] = members(n, (p) => p % 17);
    const together = sharedBayesianBootstrapMeans({ universe: n, members: [whole, third, block], numSamples: 6, seed: 3 });
    const alone = sharedBayesianBootstrapMeans({ universe: n, members: [third], numSamples: 6, seed: 3 });
    expect([...alone[0]]).toEqual([...together[1]]);
  });

  it('has the Dirichlet moments for each member, at n = 20 and on heavy-tailed data', () => {
    // analytic: under Dirichlet(1, ..., 1) over a member's n rows, E = sample mean and
    // Var = (population variance) / (n + 1); mean within 5 Monte Carlo standard errors, variance within
    // 5 x its relative standard error sqrt(2 / B) plus kurtosis slack (x 3 for the heavy tail)
    const B = 20_000;
    const heavy = (p: number) => Math.exp(3 * Math.sin(p * 12.9898)) ** 2;
    for (const [n, value, slack] of [[20, (p: number) => (p * 7919) % 23, 1], [3000, heavy, 3]] as const) {
      const ms = members(n, value).filter((m) => m.positions.length > 1);
      const outs = sharedBayesianBootstrapMeans({ universe: n, members: ms, numSamples: B, seed: 9 });
      ms.forEach(({ values }, m) => {
        const k = values.length;
        const mean = values.reduce((s, v) => s + v, 0) / k;
        const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / k / (k + 1);
        const got = moments(outs[m]);
        expect(Math.abs(got.mean - mean)).toBeLessThan(5 * Math.sqrt(variance / B));
        expect(Math.abs(got.variance / variance - 1)).toBeLessThan(5 * Math.sqrt(2 / B) * slack);
      });
    }
  });

  it('agrees in distribution with the per-member kernel on the same data', () => {
    // the same estimator through bayesianBootstrapMean (own weights per member): quantiles 2.5 % and
    // 97.5 % within 5 standard errors of a difference of two quantile estimates
    const B = 20_000;
    const n = 400;
    const [, third] = members(n, (p) => Math.exp(2 * Math.sin(p)));
    const [shared] = sharedBayesianBootstrapMeans({ universe: n, members: [third], numSamples: B, seed: 1 });
    const own = bayesianBootstrapMean({ tally: tallySorted(Float64Array.from(third.values).sort()), numSamples: B, seed: 2 });
    const a = Float64Array.from(shared).sort();
    const b = Float64Array.from(own).sort();
    for (const q of [0.025, 0.975]) {
      const at = Math.floor(q * B);
      const h = Math.floor(0.01 * B);
      const density = (2 * h) / B / (b[at + h] - b[at - h]);
      expect(Math.abs(a[at] - b[at])).toBeLessThan((5 * Math.sqrt((2 * q * (1 - q)) / B)) / density);
    }
  });

  it('refuses positions that do not ascend within the universe, and a bad range', () => {
    const values = Float64Array.of(1, 2);
    expect(() => sharedBayesianBootstrapMeans({ universe: 5, members: [{ positions: Int32Array.of(3, 2), values }], numSamples: 4, seed: 1 })).toThrow(
      /member 0 positions must ascend within \[0, 5\), got 2 at index 1/,
    );
    expect(() => sharedBayesianBootstrapMeans({ universe: 3, members: [{ positions: Int32Array.of(1, 3), values }], numSamples: 4, seed: 1 })).toThrow(
      /got 3 at index 1/,
    );
    expect(() => sharedBayesianBootstrapMeans({ universe: 5, members: [], numSamples: 4, seed: 1, range: [2, 5] })).toThrow(/got \[2, 5\)/);
  });

});

