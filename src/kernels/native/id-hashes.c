/*
 * The client-id hashes of src/engine/key-hash.ts in C (exported by the contrail_sorts module,
 * radix-sort.c): the same two 32-bit FNV-1a lanes over each id's UTF-8 bytes, so the same 53 bits,
 * read straight from the Arrow buffers. The WebAssembly kernel (src/kernels/wasm/id-hashes.as.ts)
 * needs the ids copied into its memory and the hashes copied out: ~20 MB of memory new to each
 * reading thread at 1M-row batches, and the copies, per 10M-row table.
 *
 * idHashes(bytes: Uint8Array, offsets: Int32Array, out: Float64Array): out[i] = the hash of
 * bytes[offsets[i], offsets[i + 1]) for i < out.length. With AVX2, eight ids of one length are hashed
 * side by side in the lanes of a vector (eight independent multiply chains: each byte of an id waits
 * for the one before), four bytes of each per load; others one at a time. `idHashesFast` says whether
 * this CPU takes that path: without it one id at a time is slower than the WebAssembly kernel's four
 * lanes, and key-hash.ts uses that instead. `npx tsx bench/id-hash-cost.ts`, copies included for
 * WebAssembly: 36-byte UUIDs 15.5 -> 9.7 ns per id, the fixture's 8-byte ids 4.6 -> 3.3 ns.
 */
#include <node_api.h>
#include <stdint.h>
#include "id-hashes.h"
#include "napi-helpers.h"

#define LANES 8

static inline double hashOf(uint32_t a, uint32_t b) {
  return (double)a * 2097152.0 + (double)(b >> 11);
}

static double hashOne(const uint8_t *p, int32_t length) {
  uint32_t a = 0x811c9dc5u, b = 0x01000193u ^ (uint32_t)length;
  for (int32_t j = 0; j < length; j++) {
    const uint32_t c = p[j];
    a = (a ^ c) * 0x01000193u;
    b = (b ^ c) * 0x5bd1e995u;
    b ^= b >> 15;
  }
  return hashOf(a, b);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <string.h>
typedef uint32_t v8u __attribute__((vector_size(32)));

/* Eight ids of `length` bytes at p[0..7], side by side in AVX2 lanes, four bytes of each per load. */
__attribute__((target("avx2"))) static void hashEight(const uint8_t *const *p, int32_t length, double *out) {
  v8u a = {0}, b = {0};
  a += 0x811c9dc5u;
  b += 0x01000193u ^ (uint32_t)length;
  const v8u prime = (v8u){0} + 0x01000193u, mixer = (v8u){0} + 0x5bd1e995u, low = (v8u){0} + 0xffu;
  int32_t j = 0;
  for (; j + 4 <= length; j += 4) {
    v8u w;
    for (int k = 0; k < LANES; k++) {
      uint32_t x;
      memcpy(&x, p[k] + j, 4);
      w[k] = x;
    }
    for (int t = 0; t < 4; t++) {
      const v8u c = (w >> (8 * t)) & low;
      a = (a ^ c) * prime;
      const v8u m = (b ^ c) * mixer;
      b = m ^ (m >> 15);
    }
  }
  for (; j < length; j++) {
    v8u c;
    for (int k = 0; k < LANES; k++) c[k] = p[k][j];
    a = (a ^ c) * prime;
    const v8u m = (b ^ c) * mixer;
    b = m ^ (m >> 15);
  }
  for (int k = 0; k < LANES; k++) out[k] = hashOf(a[k], b[k]);
}

static int hasAvx2(void) {
  static int known = -1;
  if (known < 0) known = __builtin_cpu_supports("avx2") ? 1 : 0;
  return known;
}

int idHashesFast(void) {
  return hasAvx2();
}
#else
int idHashesFast(void) {
  return 0;
}
#endif

static void hashes(const uint8_t *bytes, const int32_t *offsets, size_t n, double *out) {
  size_t i = 0;
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
  if (hasAvx2()) {
    for (; i + LANES <= n; i += LANES) {
      const int32_t length = offsets[i + 1] - offsets[i];
      int same = 1;
      for (int k = 1; k < LANES; k++) same &= offsets[i + k + 1] - offsets[i + k] == length;
      if (!same) {
        for (int k = 0; k < LANES; k++) out[i + k] = hashOne(bytes + offsets[i + k], offsets[i + k + 1] - offsets[i + k]);
        continue;
      }
      const uint8_t *p[LANES];
      for (int k = 0; k < LANES; k++) p[k] = bytes + offsets[i + k];
      hashEight(p, length, out + i);
    }
  }
#endif
  for (; i < n; i++) out[i] = hashOne(bytes + offsets[i], offsets[i + 1] - offsets[i]);
}

napi_value idHashes(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!exactArguments(env, info, argv, 3, "idHashes")) return NULL;
  size_t byteLength, offsetCount, n;
  const uint8_t *bytes = typedArrayData(env, argv[0], napi_uint8_array, &byteLength);
  const int32_t *offsets = typedArrayData(env, argv[1], napi_int32_array, &offsetCount);
  double *out = typedArrayData(env, argv[2], napi_float64_array, &n);
  if (bytes == NULL || offsets == NULL || out == NULL) {
    napi_throw_type_error(env, NULL, "idHashes: bytes must be a Uint8Array, offsets an Int32Array and out a Float64Array");
    return NULL;
  }
  if (offsetCount < n + 1) {
    napi_throw_range_error(env, NULL, "idHashes: offsets must hold out.length + 1 entries");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    if (offsets[i] < 0 || offsets[i] > offsets[i + 1] || (size_t)offsets[i + 1] > byteLength) {
      napi_throw_range_error(env, NULL, "idHashes: offsets must ascend within bytes");
      return NULL;
    }
  }
  hashes(bytes, offsets, n, out);
  return NULL;
}
