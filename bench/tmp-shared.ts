import { sharedBayesianBootstrapMeans } from '../src/kernels/shared-bayesian-bootstrap-means.js';
const n = 333_000;
const fr = [1, 0.55, 0.15, 0.75, 0.41, 0.11];
const ms = fr.map((f, m) => {
  const pos: number[] = [];
  for (let p = 0; p < n; p++) if (((p * 2654435761 + m * 97) >>> 0) / 2 ** 32 < f) pos.push(p);
  const positions = Int32Array.from(pos);
  return { positions, values: Float64Array.from(positions, (p) => Math.sin(p) + 1) };
});
for (const members of [ms, [ms[0]]]) {
  for (let rep = 0; rep < 3; rep++) {
    const t = performance.now();
    sharedBayesianBootstrapMeans({ universe: n, members, numSamples: 400, seed: 1 });
    const ms_ = performance.now() - t;
    const r = members.reduce((s, m) => s + m.positions.length, 0);
    console.log(members.length, 'members', ms_.toFixed(0), 'ms', (ms_ * 1e6 / (400 * n)).toFixed(2), 'ns per universe draw;', (ms_ * 1e6 / (400 * r)).toFixed(2), 'ns per member row');
  }
}
