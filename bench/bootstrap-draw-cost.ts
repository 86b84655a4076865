/**
 * Nanoseconds per exponential draw of the Bayesian bootstrap kernel on the shape of the pipeline
 * bench's active_hours branch (per branch: 251k values of count 1, K2 values of count 2, one value of
 * count 66k), one core. Used for item 6 of bench/RESULTS.md.
 *
 *   npx tsx bench/bootstrap-draw-cost.ts            # K2=7500 (the fixture's ties), R=2000 replicates
 *   K2=0 R=400 npx tsx bench/bootstrap-draw-cost.ts # count-1 values only
 *   CONTRAIL_NATIVE_KERNEL=0 npx tsx bench/bootstrap-draw-cost.ts # the WebAssembly kernel
 */
import { bayesianBootstrapMean } from '../src/kernels/bayesian-bootstrap-mean.js';
import { bootstrapKernelName } from '../src/kernels/native-kernel.js';
import { createRng } from '../src/kernels/rng.js';

const ones = 251_000;
const ties = Number(process.env.K2 ?? 7500);
const replicates = Number(process.env.R ?? 2000);
const rng = createRng(7);
const size = ones + ties + 1;
const values = new Float64Array(size);
const counts = new Float64Array(size);
for (let i = 0; i < size; i++) {
  values[i] = i * 0.37 + rng.nextFloat(); // ascending, as a tally
  counts[i] = i < ones ? 1 : i < ones + ties ? 2 : 66_000;
}
const tally = { values, counts };
console.log(`kernel: ${bootstrapKernelName()}`);
bayesianBootstrapMean({ tally, numSamples: 40, seed: 1 }); // warm-up
const draws = (ones + 2 * ties) * replicates; // the count-66k value is one Gamma draw per replicate
for (let rep = 0; rep < 3; rep++) {
  const start = performance.now();
  bayesianBootstrapMean({ tally, numSamples: replicates, seed: 1 });
  const ms = performance.now() - start;
  console.log(`${ms.toFixed(0)} ms for ${replicates} replicates: ${((ms * 1e6) / draws).toFixed(2)} ns per draw`);
}
