/**
 * Replicates of the Bayesian bootstrap of the mean (Rubin 1981) for several subsets of one set of
 * clients at once, with one Dirichlet(1, ..., 1) weight vector per replicate shared by all of them:
 * replicate r draws w_p ~ Exponential(1) for every client position p of the universe and returns, for
 * each member, Σ w_p v_p / Σ w_p over its clients. Restricted to a member's clients, the normalised
 * weights are Dirichlet(1, ..., 1) over that member (the Gamma aggregation property), so each member's
 * replicates have exactly the distribution of its own Bayesian bootstrap; members are correlated with
 * each other (as segments of one population are), which no per-member result depends on.
 *
 * Why: segments, bases and metrics of one branch are subsets of the same clients, so drawing the
 * weights once costs N draws per replicate instead of one per (member, client): the demo's six
 * (segment, basis) subsets of searches_per_hour hold 2.9 N rows (bench/RESULTS.md).
 *
 * Stream of replicate r, s = mixSeed(seed, r): w_p is the rank(p)-th exponential of `createRng(s)`
 * (as in SharedExponentialSums), rank(p) counting the clients of the universe that some member
 * holds. The kernel sums each client once per value group of members (shared-sums-plan.ts).
 * Replicate r depends only on (seed, r) and the members, so a range [start, end) can be computed
 * anywhere with bit-identical results.
 */
import { CALL_LANES, GROUP_LANES, MAX_GROUPS, callSeedBuffers, nextCallSeeds } from './exponential-sums.js';
import { SharedExponentialSums, type SharedMember } from './shared-exponential-sums.js';
import { combineSharedSums, planSharedSums } from './shared-sums-plan.js';

export interface SharedBootstrapInput {
  /** Number of client positions N; every member position lies in [0, N). */
  readonly universe: number;
  readonly members: readonly SharedMember[];
  readonly numSamples: number;
  readonly seed: number;
  /** The replicates to compute, [start, end); default all of [0, numSamples). */
  readonly range?: readonly [number, number];
}

/** Each member's replicates [start, end) of the shared-weight Bayesian bootstrap mean, replicate r at index r - start. */
export function sharedBayesianBootstrapMeans(input: SharedBootstrapInput): Float64Array[] {
  const { universe, members, numSamples, seed } = input;
  const [start, end] = input.range ?? [0, numSamples];
  if (!(Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start <= end && end <= numSamples)) {
    throw new RangeError(
      `sharedBayesianBootstrapMeans: range must satisfy 0 <= start <= end <= num_samples (${numSamples}), got [${start}, ${end})`,
    );
  }
  const plan = planSharedSums(universe, members);
  const outs = members.map(() => new Float64Array(end - start));
  if (members.length === 0) return outs;
  const kernel = new SharedExponentialSums(plan.draws, plan.atoms, plan.gathers);
  const buffers = callSeedBuffers();
  const atoms = plan.atoms.length;
  const gathers = plan.gathers.length;
  const atomSums = new Float64Array(8 * atoms * MAX_GROUPS);
  const gathered = new Float32Array(4 * gathers * MAX_GROUPS);
  const sums = new Float64Array(8 * members.length);
  for (let first = start; first < end; first += CALL_LANES) {
    const seeds = nextCallSeeds(buffers, seed, first, end);
    kernel.run(seeds, atomSums, gathered);
    for (let k = 0; k < seeds.length / GROUP_LANES; k++) {
      combineSharedSums(plan, atomSums.subarray(8 * atoms * k), gathered.subarray(4 * gathers * k), sums);
      const lane = first + GROUP_LANES * k;
      for (let m = 0; m < members.length; m++) {
        for (let l = 0; l < GROUP_LANES && lane + l < end; l++) outs[m][lane + l - start] = sums[8 * m + 4 + l] / sums[8 * m + l];
      }
    }
  }
  // A member of one client: its mean is its value whatever the weight (a weight can be exactly 0,
  // probability ~5e-7 per draw, which would give 0/0).
  members.forEach((member, m) => {
    if (member.values.length === 1) outs[m].fill(member.values[0]);
  });
  return outs;
}
