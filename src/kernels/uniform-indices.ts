/**
 * Exactly uniform row indices from a xoshiro128** stream, for population_ratio's TypeScript schemes:
 * - `uniformIndices`: integers in [0, size), one 32-bit draw u each by Lemire's multiply-and-reject:
 *   floor(u size / 2^32) once u size mod 2^32 >= (2^32 - size) mod size (u size < 2^53, so the
 *   product is exact in a double); in C, xoshiroBelow (src/kernels/native/xoshiro.h);
 * - `fieldIndices`: integers in [0, 1024), three 10-bit fields of each draw (bits 31-22, 21-12,
 *   11-2; xoshiro128** has no weak bits), as block-ratio.c's full blocks take them.
 * Both take the stream's draws in order and leave it where XoshiroState.nextUint32 calls would.
 *
 * Reference: D. Lemire (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1).
 */
import type { XoshiroState } from './xoshiro-state.js';

/**
 * out[0 .. count) = the stream's next `count` 32-bit draws (as int32 bits), the generator inlined
 * on local copies of the state words: through XoshiroState.nextUint32 a draw took ~11 ns here.
 */
function fillDraws(rng: XoshiroState, out: Int32Array, count: number): void {
  let a = rng.a;
  let b = rng.b;
  let c = rng.c;
  let d = rng.d;
  for (let i = 0; i < count; i++) {
    const x = Math.imul(b, 5);
    out[i] = Math.imul((x << 7) | (x >>> 25), 9);
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
  }
  rng.a = a;
  rng.b = b;
  rng.c = c;
  rng.d = d;
}

/** out[0 .. count) = the next `count` uniform integers in [0, size) of rng's stream (size in [1, 2^31]). */
export function uniformIndices(rng: XoshiroState, size: number, out: Int32Array, count: number): void {
  const reject = (4294967296 - size) % size;
  // `count` draws first; each index takes the next draw not yet used (out[at], at >= i, read before
  // out[i] is written), a rejected draw the one after, and draws past the first `count` come one by one
  fillDraws(rng, out, count);
  for (let i = 0, at = 0; i < count; i++) {
    for (;;) {
      const u = at < count ? out[at] >>> 0 : rng.nextUint32();
      at++;
      const m = u * size;
      const j = Math.floor(m / 4294967296);
      if (m - j * 4294967296 >= reject) {
        out[i] = j;
        break;
      }
    }
  }
}

/** out[0 .. count) = the next `count` 10-bit fields of rng's stream, three per draw (a last draw's unused fields dropped). */
export function fieldIndices(rng: XoshiroState, out: Int32Array, count: number): void {
  const draws = Math.ceil(count / 3);
  fillDraws(rng, out, draws);
  // spread backwards: draw w's fields go to 3w .. 3w + 2 >= w, so no draw is overwritten before it is read
  for (let w = draws - 1; w >= 0; w--) {
    const u = out[w];
    for (let f = 2; f >= 0; f--) if (3 * w + f < count) out[3 * w + f] = (u >>> (22 - 10 * f)) & 1023;
  }
}
