import { describe, expect, it } from 'vitest';
import { bayesianBootstrapMean } from '../../src/kernels/bayesian-bootstrap-mean.js';
import { createRng, mixSeed } from '../../src/kernels/rng.js';
import { sharedBayesianBootstrapMeans } from '../../src/kernels/shared-bayesian-bootstrap-means.js';
import { tallySorted } from '../../src/kernels/tally-sorted.js';
import { ReferenceLane } from '../support/exponential-lane-reference.js';
import { members, mixedMembers } from '../support/shared-members.js';

/**
 * Replicate r written plainly from the headers: one weight per client that some member holds, in
 * position order, then each member's Σ w·v / Σ w over its entries.
 */
function plainReplicates(universe: number, members: { positions: Int32Array; values: Float64Array }[], seed: number, r: number): number[] {
  const held = new Uint8Array(universe);
  for (const { positions } of members) for (const p of positions) held[p] = 1;
  const lane = new ReferenceLane(mixSeed(seed, r));
  const w = Float64Array.from(held, (h) => (h === 1 ? lane.next() : NaN));
  return members.map(({ positions, values }) => {
    let weightSum = 0;
    let weightedSum = 0;
    positions.forEach((p, k) => {
      weightSum += w[p];
      weightedSum += w[p] * values[k];
    });
    return weightedSum / weightSum;
  });
}

/** Equal within `within[i]` (or `within` for all), element by element. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, within: number | readonly number[]) {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i] - want[i])).toBeLessThanOrEqual(typeof within === 'number' ? within : within[i]);
  }
}

/**
 * How far a replicate mean may lie from the plain f64 one: the kernel sums centred values in f32
 * within a block of at most 512 draws, so each block's error is at most 512·2^-24 of its Σ w·|u|
 * (recursive summation, Higham 2002, 4.2), u at most the member's range; over the blocks, at most
 * 512·2^-24 of the range (3.1e-5), against ~1e-13 of the value before the f32 sums.
 */
function roundingBound({ values }: { values: Float64Array }): number {
  let low = Infinity;
  let high = -Infinity;
  for (const v of values) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  return 512 * 2 ** -24 * (high - low);
}

function moments(x: Float64Array): { mean: number; variance: number } {
  const mean = x.reduce((s, v) => s + v, 0) / x.length;
  return { mean, variance: x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1) };
}

describe('sharedBayesianBootstrapMeans', () => {
  it('equals a plain implementation of its stream up to rounding, for every member, and any range bit for bit', () => {
    // the plan changes the order of the additions, the kernel sums in f32 within a block (roundingBound)
    const n = 2000;
    // values near 10^9 with a spread of 9: f32 without the centring would round them to multiples of 64
    for (const ms of [members(n, (p) => Math.exp(6 * Math.sin(p * 12.9898))), mixedMembers(n), members(n, (p) => 1e9 + (p % 10))]) {
      const all = sharedBayesianBootstrapMeans({ universe: n + 300, members: ms, numSamples: 10, seed: 42 });
      for (let r = 0; r < 10; r++) expectClose(all.map((out) => out[r]), plainReplicates(n + 300, ms, 42, r), ms.map(roundingBound));
      const part = sharedBayesianBootstrapMeans({ universe: n + 300, members: ms, numSamples: 10, seed: 42, range: [3, 9] });
      part.forEach((out, m) => expect([...out]).toEqual([...all[m].subarray(3, 9)]));
    }
  });

  it('gives a member the same replicates, up to rounding, whichever other members of its clients share its weights', () => {
    const n = 1500;
    const [, third] = members(n, (p) => p % 17);
    const half = { positions: third.positions.filter((p) => p < 750), values: third.values.filter((_, k) => third.positions[k] < 750) };
    const together = sharedBayesianBootstrapMeans({ universe: n, members: [half, third], numSamples: 6, seed: 3 });
    const alone = sharedBayesianBootstrapMeans({ universe: n, members: [third], numSamples: 6, seed: 3 });
    expectClose(alone[0], together[1], 2 * roundingBound(third));
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

