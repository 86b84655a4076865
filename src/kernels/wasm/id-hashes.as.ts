/**
 * The client-id hashes of src/engine/key-hash.ts for a chunk of UTF-8 ids without nulls, in
 * WebAssembly: the same two 32-bit FNV-1a lanes over each id's bytes, so the same 53 bits. Each
 * byte of an id waits for the previous one (a multiply chain), so four ids of one length run side by
 * side in the lanes of a vector; ids of mixed lengths go one at a time. On the 10M fixture's 8-byte
 * ids: ~16 -> ~8 ns per id, and 36-byte UUIDs ~58 -> ~25 ns, copies in and out included
 * (bench/RESULTS.md, ninth session of 2026-12-06).
 */

/**
 * out[i] (f64) = the hash of bytes [offsets[i], offsets[i + 1]) for i in [0, n): offsets are n + 1
 * i32 relative to `bytes`.
 */
export function idHashes(offsets: usize, bytes: usize, n: i32, out: usize): void {
  const fnvPrime = i32x4.splat(0x01000193);
  const mixer = i32x4.splat(0x5bd1e995);
  const scale = f64x2.splat(2097152.0);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const at = offsets + (<usize>i << 2);
    const s0 = load<i32>(at);
    const s1 = load<i32>(at, 4);
    const s2 = load<i32>(at, 8);
    const s3 = load<i32>(at, 12);
    const length = s1 - s0;
    if (s2 - s1 != length || s3 - s2 != length || load<i32>(at, 16) - s3 != length) {
      for (let k = 0; k < 4; k++) hashOne(offsets, bytes, i + k, out);
      continue;
    }
    let a = i32x4.splat(0x811c9dc5);
    let b = i32x4.splat(0x01000193 ^ length);
    const p0 = bytes + <usize>s0;
    const p1 = bytes + <usize>s1;
    const p2 = bytes + <usize>s2;
    const p3 = bytes + <usize>s3;
    for (let j = 0; j < length; j++) {
      let c = i32x4.splat(<i32>load<u8>(p0 + <usize>j));
      c = i32x4.replace_lane(c, 1, <i32>load<u8>(p1 + <usize>j));
      c = i32x4.replace_lane(c, 2, <i32>load<u8>(p2 + <usize>j));
      c = i32x4.replace_lane(c, 3, <i32>load<u8>(p3 + <usize>j));
      a = i32x4.mul(v128.xor(a, c), fnvPrime);
      b = i32x4.mul(v128.xor(b, c), mixer);
      b = v128.xor(b, i32x4.shr_u(b, 15));
    }
    // a·2^21 + (b >>> 11) per lane, exact in f64
    const low = i32x4.shr_u(b, 11);
    const to = out + (<usize>i << 3);
    v128.store(to, f64x2.add(f64x2.mul(f64x2.convert_low_i32x4_u(a), scale), f64x2.convert_low_i32x4_u(low)));
    const aHigh = v128.shuffle<i32>(a, a, 2, 3, 0, 1);
    const lowHigh = v128.shuffle<i32>(low, low, 2, 3, 0, 1);
    v128.store(to, f64x2.add(f64x2.mul(f64x2.convert_low_i32x4_u(aHigh), scale), f64x2.convert_low_i32x4_u(lowHigh)), 16);
  }
  for (; i < n; i++) hashOne(offsets, bytes, i, out);
}

/** out[i] = the hash of id i alone. */
function hashOne(offsets: usize, bytes: usize, i: i32, out: usize): void {
  const start = load<i32>(offsets + (<usize>i << 2));
  const end = load<i32>(offsets + (<usize>i << 2), 4);
  let a: u32 = 0x811c9dc5;
  let b: u32 = 0x01000193 ^ <u32>(end - start);
  for (let j = start; j < end; j++) {
    const c = <u32>load<u8>(bytes + <usize>j);
    a = (a ^ c) * 0x01000193;
    b = (b ^ c) * 0x5bd1e995;
    b ^= b >> 15;
  }
  store<f64>(out + (<usize>i << 3), <f64>a * 2097152.0 + <f64>(b >> 11));
}
