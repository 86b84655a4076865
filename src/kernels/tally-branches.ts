/**
 * The first read pass's tally of a batch's rows (src/engine/partition.ts's decodeKeptBranches): out[i]
 * is row i's branch index, -1 for a null branch. A row without a branch adds 1 to dropped[0]; with
 * `enrolled`, a row whose enrolled[i] is 0 is dropped (out[i] = -1) and adds 1 to dropped[1]; every
 * other row adds 1 to kept[out[i]] (kept holds every branch index of out). In C where the addon is
 * built (src/kernels/native/tally-branches.c), else here.
 */
import { nativeSort } from './native-sort.js';

export function tallyBranches(out: Int32Array, enrolled: Uint8Array | null, kept: Int32Array, dropped: Float64Array): void {
  const native = nativeSort();
  if (native !== null) {
    native.tallyBranches(out, enrolled, kept, dropped);
    return;
  }
  for (let i = 0; i < out.length; i++) {
    const b = out[i];
    if (b < 0) {
      dropped[0]++;
    } else if (enrolled !== null && enrolled[i] === 0) {
      out[i] = -1;
      dropped[1]++;
    } else {
      kept[b]++;
    }
  }
}
