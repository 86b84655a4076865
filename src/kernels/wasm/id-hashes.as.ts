/**
 * The client-id hashes of src/engine/key-hash.ts for a chunk of UTF-8 ids without nulls, in
 * WebAssembly: the same two 32-bit FNV-1a lanes over each id's bytes, so the same 53 bits. Each
 * byte of an id waits for the previous one (a multiply chain), so ids of one length run side by
 * side in the lanes of a vector, eight at a time in two vectors (four when only four share a length);
 * ids of mixed lengths go one at a time. On the 10M fixture's 8-byte ids: ~16 -> ~8 ns per id, and
 * 36-byte UUIDs ~58 -> ~25 ns, copies in and out included (bench/RESULTS.md, ninth session of
 * 2026-12-06); eight at a time, four bytes per load: ~8 -> ~5 ns and ~25 -> ~16 ns (twelfth session).
 */

/**
 * out[i] (f64) = the hash of bytes [offsets[i], offsets[i + 1]) for i in [0, n): offsets are n + 1
 * i32 relative to `bytes`.
 */
export function idHashes(offsets: usize, bytes: usize, n: i32, out: usize): void {
  let i = 0;
  for (; i + 7 < n; i += 8) {
    const at = offsets + (<usize>i << 2);
    const length = load<i32>(at, 4) - load<i32>(at);
    if (equalLengths(at, 8, length)) hashEight(offsets, bytes, i, length, out);
    else hashFour(offsets, bytes, i, out), hashFour(offsets, bytes, i + 4, out);
  }
  for (; i + 3 < n; i += 4) hashFour(offsets, bytes, i, out);
  for (; i < n; i++) hashOne(offsets, bytes, i, out);
}

/** Whether the `count` ids whose offsets start at `at` all have `length` bytes. */
// @ts-ignore: decorator
@inline
function equalLengths(at: usize, count: i32, length: i32): bool {
  for (let k = 1; k < count; k++) {
    if (load<i32>(at + (<usize>(k + 1) << 2)) - load<i32>(at + (<usize>k << 2)) != length) return false;
  }
  return true;
}

/** The byte at `j` of four ids starting at p0..p3, one per lane. */
// @ts-ignore: decorator
@inline
function bytesAt(p0: usize, p1: usize, p2: usize, p3: usize, j: usize): v128 {
  let c = i32x4.splat(<i32>load<u8>(p0 + j));
  c = i32x4.replace_lane(c, 1, <i32>load<u8>(p1 + j));
  c = i32x4.replace_lane(c, 2, <i32>load<u8>(p2 + j));
  return i32x4.replace_lane(c, 3, <i32>load<u8>(p3 + j));
}

/** One byte c into the FNV-1a lane h (four ids): (h ^ c) · prime. */
// @ts-ignore: decorator
@inline
function fnvStep(h: v128, c: v128, prime: v128): v128 {
  return i32x4.mul(v128.xor(h, c), prime);
}

/** One byte c into the second lane h (four ids): m = (h ^ c) · mixer, then m ^ (m >>> 15). */
// @ts-ignore: decorator
@inline
function mixStep(h: v128, c: v128, mixer: v128): v128 {
  const m = i32x4.mul(v128.xor(h, c), mixer);
  return v128.xor(m, i32x4.shr_u(m, 15));
}

/** Bytes j..j + 3 of four ids starting at p0..p3 as one little-endian word per lane. */
// @ts-ignore: decorator
@inline
function wordsAt(p0: usize, p1: usize, p2: usize, p3: usize, j: usize): v128 {
  let w = i32x4.splat(load<i32>(p0 + j));
  w = i32x4.replace_lane(w, 1, load<i32>(p1 + j));
  w = i32x4.replace_lane(w, 2, load<i32>(p2 + j));
  return i32x4.replace_lane(w, 3, load<i32>(p3 + j));
}

/** Stores the 53-bit hashes a·2^21 + (b >>> 11) of four lanes (exact in f64) at out[i..i + 3]. */
// @ts-ignore: decorator
@inline
function storeHashes(a: v128, b: v128, i: i32, out: usize): void {
  const scale = f64x2.splat(2097152.0);
  const low = i32x4.shr_u(b, 11);
  const to = out + (<usize>i << 3);
  v128.store(to, f64x2.add(f64x2.mul(f64x2.convert_low_i32x4_u(a), scale), f64x2.convert_low_i32x4_u(low)));
  const aHigh = v128.shuffle<i32>(a, a, 2, 3, 0, 1);
  const lowHigh = v128.shuffle<i32>(low, low, 2, 3, 0, 1);
  v128.store(to, f64x2.add(f64x2.mul(f64x2.convert_low_i32x4_u(aHigh), scale), f64x2.convert_low_i32x4_u(lowHigh)), 16);
}

/**
 * Ids i..i + 7, all `length` bytes: two vectors of four lanes stepped together, so that each
 * multiply chain's latency hides behind the other's work, and each id's bytes read four per load
 * (one word per lane, its bytes taken low first: the same order), the last length % 4 one by one.
 * Eight at a time alone: UUIDs 24.8 -> 19.9 ns per id; with the word loads 16.4
 * (`npx tsx bench/id-hash-cost.ts`; bench/RESULTS.md, twelfth session).
 */
function hashEight(offsets: usize, bytes: usize, i: i32, length: i32, out: usize): void {
  const fnvPrime = i32x4.splat(0x01000193);
  const mixer = i32x4.splat(0x5bd1e995);
  const at = offsets + (<usize>i << 2);
  const p0 = bytes + <usize>load<i32>(at);
  const p1 = bytes + <usize>load<i32>(at, 4);
  const p2 = bytes + <usize>load<i32>(at, 8);
  const p3 = bytes + <usize>load<i32>(at, 12);
  const p4 = bytes + <usize>load<i32>(at, 16);
  const p5 = bytes + <usize>load<i32>(at, 20);
  const p6 = bytes + <usize>load<i32>(at, 24);
  const p7 = bytes + <usize>load<i32>(at, 28);
  let a = i32x4.splat(0x811c9dc5);
  let b = i32x4.splat(0x01000193 ^ length);
  let a2 = a;
  let b2 = b;
  const lowByte = i32x4.splat(0xff);
  let j = 0;
  for (; j + 3 < length; j += 4) {
    // four bytes of each id per load, taken low byte first from the words (little-endian)
    const w = wordsAt(p0, p1, p2, p3, <usize>j);
    const w2 = wordsAt(p4, p5, p6, p7, <usize>j);
    let c = v128.and(w, lowByte);
    let c2 = v128.and(w2, lowByte);
    a = fnvStep(a, c, fnvPrime); a2 = fnvStep(a2, c2, fnvPrime); b = mixStep(b, c, mixer); b2 = mixStep(b2, c2, mixer);
    c = v128.and(i32x4.shr_u(w, 8), lowByte);
    c2 = v128.and(i32x4.shr_u(w2, 8), lowByte);
    a = fnvStep(a, c, fnvPrime); a2 = fnvStep(a2, c2, fnvPrime); b = mixStep(b, c, mixer); b2 = mixStep(b2, c2, mixer);
    c = v128.and(i32x4.shr_u(w, 16), lowByte);
    c2 = v128.and(i32x4.shr_u(w2, 16), lowByte);
    a = fnvStep(a, c, fnvPrime); a2 = fnvStep(a2, c2, fnvPrime); b = mixStep(b, c, mixer); b2 = mixStep(b2, c2, mixer);
    c = i32x4.shr_u(w, 24);
    c2 = i32x4.shr_u(w2, 24);
    a = fnvStep(a, c, fnvPrime); a2 = fnvStep(a2, c2, fnvPrime); b = mixStep(b, c, mixer); b2 = mixStep(b2, c2, mixer);
  }
  for (; j < length; j++) {
    const c = bytesAt(p0, p1, p2, p3, <usize>j);
    const c2 = bytesAt(p4, p5, p6, p7, <usize>j);
    a = fnvStep(a, c, fnvPrime); a2 = fnvStep(a2, c2, fnvPrime); b = mixStep(b, c, mixer); b2 = mixStep(b2, c2, mixer);
  }
  storeHashes(a, b, i, out);
  storeHashes(a2, b2, i + 4, out);
}

/** Ids i..i + 3: side by side when of one length, else one at a time. */
function hashFour(offsets: usize, bytes: usize, i: i32, out: usize): void {
  const at = offsets + (<usize>i << 2);
  const length = load<i32>(at, 4) - load<i32>(at);
  if (!equalLengths(at, 4, length)) {
    for (let k = 0; k < 4; k++) hashOne(offsets, bytes, i + k, out);
    return;
  }
  const fnvPrime = i32x4.splat(0x01000193);
  const mixer = i32x4.splat(0x5bd1e995);
  const p0 = bytes + <usize>load<i32>(at);
  const p1 = bytes + <usize>load<i32>(at, 4);
  const p2 = bytes + <usize>load<i32>(at, 8);
  const p3 = bytes + <usize>load<i32>(at, 12);
  let a = i32x4.splat(0x811c9dc5);
  let b = i32x4.splat(0x01000193 ^ length);
  for (let j = 0; j < length; j++) {
    const c = bytesAt(p0, p1, p2, p3, <usize>j);
    a = fnvStep(a, c, fnvPrime);
    b = mixStep(b, c, mixer);
  }
  storeHashes(a, b, i, out);
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
