/**
 * Exactly uniform integers in [0, size) from a xoshiro128** stream, one 32-bit draw u each by
 * Lemire's multiply-and-reject: floor(u size / 2^32) once u size mod 2^32 >= (2^32 - size) mod size
 * (u size < 2^53, so the product is exact in a double). The generator is inlined on local copies of
 * the state words and stepped as XoshiroState.nextUint32 steps it (the same stream): through the
 * method a draw took ~11 ns here.
 *
 * Reference: D. Lemire (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1).
 * In C: xoshiroBelow (src/kernels/native/xoshiro.h), the same draws.
 */
import type { XoshiroState } from './xoshiro-state.js';

/** out[0 .. count) = the next `count` uniform integers in [0, size) of rng's stream (size in [1, 2^31]). */
export function uniformIndices(rng: XoshiroState, size: number, out: Int32Array, count: number): void {
  const reject = (4294967296 - size) % size;
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  for (let i = 0; i < count; i++) {
    let j: number;
    for (;;) {
      const x = Math.imul(b, 5);
      const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      const m = u * size;
      j = Math.floor(m / 4294967296);
      if (m - j * 4294967296 >= reject) break;
    }
    out[i] = j;
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
}
