/**
 * Nanoseconds per client id of `decodeKeyHash` (the canonical order's 53-bit id hashes, computed by
 * the WebAssembly kernel src/kernels/wasm/id-hashes.as.ts) over 1M ids without nulls, one core:
 * 36-byte UUID-shaped ids (Jetstream's analysis_id) and the pipeline fixture's 8-byte ids. Seven
 * calls each, the first cold. Used for the twelfth session's section of bench/RESULTS.md.
 *
 *   npx tsx bench/id-hash-cost.ts
 */
import * as arrow from 'apache-arrow';
import { decodeKeyHash } from '../src/engine/key-hash.js';

const n = 1_000_000;
const shapes: Record<string, (i: number) => string> = {
  'uuid (36 bytes)': (i) => `${((i * 2654435761) >>> 0).toString(16).padStart(8, '0')}-9c2e-4b1f-8d3a-${String(i).padStart(12, '0')}`,
  'fixture (8 bytes)': (i) => `c${String(i).padStart(7, '0')}`,
};
for (const [shape, id] of Object.entries(shapes)) {
  const vector = arrow.vectorFromArray(Array.from({ length: n }, (_, i) => id(i)), new arrow.Utf8());
  const out = new Float64Array(n);
  const ns: string[] = [];
  for (let call = 0; call < 7; call++) {
    const start = performance.now();
    decodeKeyHash(vector, out, 'ids');
    ns.push((((performance.now() - start) * 1e6) / n).toFixed(1));
  }
  console.log(`${shape}: ${ns.join(' ')} ns per id`);
}
