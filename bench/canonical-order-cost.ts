/**
 * Milliseconds of the canonical order's sort (`radixSortKeys`, src/engine/canonical-order.ts) on one
 * branch of a 10M-client table: 3.3M uniform 53-bit keys, as client-id hashes are, sorted with
 * the C passes (addon contrail_sorts) and with the TypeScript ones; the scratch arrays are reused,
 * so after the first call no memory is touched for the first time. Seven calls each, the first
 * cold. Used for the fifteenth session's section of bench/RESULTS.md.
 *
 *   npx tsx bench/canonical-order-cost.ts
 */
import { radixSortKeys, RadixScratch } from '../src/engine/canonical-order.js';
import { createRng } from '../src/kernels/rng.js';

const n = 3_300_000;
const rng = createRng(15);
const keys = Float64Array.from({ length: n }, () => Math.floor(rng.nextFloat() * 2 ** 53));
for (const [label, flag] of [['C', '1'], ['TypeScript', '0']]) {
  process.env.CONTRAIL_NATIVE_SORT = flag;
  const scratch = new RadixScratch();
  const ms: string[] = [];
  for (let call = 0; call < 7; call++) {
    const start = performance.now();
    radixSortKeys(keys, undefined, scratch);
    ms.push((performance.now() - start).toFixed(1));
  }
  console.log(`${label}: ${ms.join(' ')} ms per ${n.toLocaleString('en')} keys`);
}
