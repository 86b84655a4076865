/**
 * The branch of each row of a UTF-8 branch column (src/engine/arrow-decode.ts), in
 * WebAssembly: the row's length and last byte pick the one candidate name from a 256-entry table,
 * and the row's first 16 bytes are compared with it as four masked 32-bit words (bytes past 16 one
 * by one), as the TypeScript matcher did; unaligned loads are native here, where a DataView read
 * per word was not. On the 10M fixture's branch column: ~18 -> ~6.5 ns per row, copies in and out
 * included (bench/RESULTS.md, ninth session of 2026-12-06).
 *
 * The names record at `names`: the table (256 i32: signature -> name number, -1 for none, -2 for
 * several), then per name k, at names + 1024 + 48 k: its length, its branch index, where its bytes
 * start (from `names`), 0, its first 16 bytes as four little-endian words (zero past its end), their
 * masks.
 */

/**
 * out[i] (i32) = the branch index of bytes [offsets[i], offsets[i + 1]) for i in [0, n), -1 where
 * null, up to the first row the table cannot settle (an unknown name, two names of one signature,
 * an empty string): returns that row, or n. Offsets are n + 1 i32 relative to `bytes`, which holds
 * 16 readable bytes past the last row; `nulls` is 0 or a validity bitmap whose bit `nullBit` is
 * row 0's.
 */
export function matchBranchNames(offsets: usize, bytes: usize, n: i32, names: usize, nulls: usize, nullBit: i32, out: usize): i32 {
  let end = load<i32>(offsets);
  for (let i = 0; i < n; i++) {
    const start = end;
    end = load<i32>(offsets + (<usize>(i + 1) << 2));
    if (nulls != 0) {
      const bit = nullBit + i;
      if (((<i32>load<u8>(nulls + (<usize>bit >> 3)) >> (bit & 7)) & 1) == 0) {
        store<i32>(out + (<usize>i << 2), -1);
        continue;
      }
    }
    const length = end - start;
    if (length == 0) return i;
    const c = load<i32>(names + (<usize>((length * 37 + <i32>load<u8>(bytes + <usize>end - 1)) & 255) << 2));
    if (c < 0) return i;
    const name = names + 1024 + <usize>c * 48;
    const p = bytes + <usize>start;
    let diff = length ^ load<i32>(name);
    diff |= (load<i32>(p) ^ load<i32>(name, 16)) & load<i32>(name, 32);
    diff |= (load<i32>(p, 4) ^ load<i32>(name, 20)) & load<i32>(name, 36);
    diff |= (load<i32>(p, 8) ^ load<i32>(name, 24)) & load<i32>(name, 40);
    diff |= (load<i32>(p, 12) ^ load<i32>(name, 28)) & load<i32>(name, 44);
    if (diff != 0) return i;
    if (length > 16) {
      const full = names + <usize>load<i32>(name, 8);
      for (let j = 16; j < length; j++) if (load<u8>(p + <usize>j) != load<u8>(full + <usize>j)) return i;
    }
    store<i32>(out + (<usize>i << 2), load<i32>(name, 4));
  }
  return n;
}
