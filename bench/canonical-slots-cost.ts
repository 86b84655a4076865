/**
 * Milliseconds of the canonical order of a keyed 10M-row table in C (`canonicalSlots`, addon
 * contrail_sorts; src/engine/partition-two-pass.ts): uniform 53-bit hashes as client ids give, three
 * branches in random rows, one row in a thousand dropped. Every call gets fresh copies of the
 * hashes and branches (the call writes both) in arrays allocated once, so after the first call no
 * memory is touched for the first time; the copies are not timed.
 *
 *   npx tsx bench/canonical-slots-cost.ts [addon.node ...]
 *
 * With addon paths (say a copy of build/Release/contrail_sorts.node from another commit), each is
 * timed in turn, call after call, against the same inputs, and every result is compared with the
 * first addon's.
 */
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { createRng } from '../src/kernels/rng.js';
import { addonPath } from '../src/kernels/native-addon.js';
import type { NativeSort } from '../src/kernels/native-sort.js';

const rows = 10_000_000;
const branchCount = 3;
const rng = createRng(18);
const hashes = Float64Array.from({ length: rows }, () => Math.floor(rng.nextFloat() * 2 ** 53));
const branchOf = Int32Array.from({ length: rows }, () => (rng.nextFloat() < 0.001 ? -1 : Math.floor(rng.nextFloat() * branchCount)));
const lengths = new Int32Array(branchCount);
for (const b of branchOf) if (b >= 0) lengths[b]++;
const starts = new Int32Array(branchCount);
for (let b = 1; b < branchCount; b++) starts[b] = starts[b - 1] + ((lengths[b - 1] + 7) & ~7);

const paths = process.argv.length > 2 ? process.argv.slice(2).map((p) => resolve(p)) : [addonPath('contrail_sorts')];
const addons = paths.map((path) => createRequire(import.meta.url)(path) as NativeSort);
const work = { hashes: new Float64Array(rows), slots: new Int32Array(rows) };
const keys = Array.from(lengths, (n) => new Float64Array(n));
const results = paths.map(() => ({ ms: [] as number[], slots: new Int32Array(rows), keys: Array.from(lengths, (n) => new Float64Array(n)) }));
for (let call = 0; call < 7; call++) {
  addons.forEach((addon, a) => {
    work.hashes.set(hashes);
    work.slots.set(branchOf);
    const start = performance.now();
    addon.canonicalSlots(work.hashes, work.slots, keys, starts);
    results[a].ms.push(performance.now() - start);
    if (call === 0) {
      results[a].slots.set(work.slots);
      keys.forEach((k, b) => results[a].keys[b].set(k));
    }
  });
}
const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => Object.is(v, y[i]));
paths.forEach((path, a) => {
  const agrees = same(results[a].slots, results[0].slots) && results[a].keys.every((k, b) => same(k, results[0].keys[b]));
  console.log(`${path}: ${results[a].ms.map((ms) => ms.toFixed(1)).join(' ')} ms per ${rows.toLocaleString('en')} rows${a > 0 ? (agrees ? ', same slots and keys' : ', DIFFERENT slots or keys') : ''}`);
});
