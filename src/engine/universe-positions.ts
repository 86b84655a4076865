/**
 * Where each client of one table sits in another table of the same branch (the exposures table's
 * clients among the enrollments table's), so that weights drawn per client of the second apply to
 * the first. Both tables hold each branch in canonical order (ascending client-id hash,
 * canonical-order.ts), so one merge pass matches them.
 */
import type { BranchPartition } from './partition.js';
import { sharedInt32 } from './shared-buffers.js';

/**
 * For each row of `part`, the row of `universe` with the same client-id hash, or -1 (absent, no
 * hash, or a repeated hash already matched: every universe row is matched at most once). All -1
 * when either partition has no hashes. Shared memory: posted to workers without a copy.
 */
export function universePositions(part: BranchPartition, universe: BranchPartition): Int32Array {
  const out = sharedInt32(part.length).fill(-1);
  const keys = part.keys;
  const universeKeys = universe.keys;
  if (keys === undefined || universeKeys === undefined) return out;
  let j = 0;
  for (let i = 0; i < part.length; i++) {
    const key = keys[i];
    if (Number.isNaN(key)) continue;
    while (j < universe.length && universeKeys[j] < key) j++;
    if (j < universe.length && universeKeys[j] === key) out[i] = j++;
  }
  return out;
}
