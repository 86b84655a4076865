/*
 * The bootstrap kernels of src/kernels/wasm/exponential-sums.as.ts (`exponentialSums` over a tally,
 * `sharedSums` with weights shared by several members) in C for x86-64: sixteen replicate lanes per
 * vector with AVX-512F, eight with AVX2 (four or two of the WebAssembly kernel's groups of four)
 * instead of four. The kernels are written once, in GCC/Clang vector extensions
 * (exponential-sums-lanes.h), and compiled per width. Every lane does exactly the WebAssembly
 * kernel's arithmetic, in the same order (the header of exponential-draws.as.ts: xoshiro128+ outputs,
 * a Gamma(4) from the logarithm of a product of four uniforms, by a table of eighths and a degree-5
 * polynomial, split by the spacings of three sorted uniforms; then the sums of f32 values in the
 * same blocks, in f32 within a block and f64 across blocks, the count-1 values and the shared
 * members' entries in two interleaved sets). So every width gives the same bits
 * (test/kernels/native-kernel.test.ts, exponential-sums.test.ts, shared-exponential-sums.test.ts),
 * and a machine without this addon gets the same results from WebAssembly.
 *
 * Why native: WebAssembly SIMD has 128-bit vectors only, and V8's code for the generator spills
 * (198 instructions per 16 draws: bench/RESULTS.md, twelfth session). A draw with its sums costs
 * ~0.3 ns at 16 lanes and ~0.8 ns at 8 against ~1.5 ns in WebAssembly (bench/RESULTS.md, thirteenth
 * session).
 *
 * Built by node-gyp (binding.gyp) at `npm ci` with -ffp-contract=off: a fused multiply-add would
 * change the bits. Each width's code is compiled for its target only (function attributes), and
 * `lanes` says the widest this CPU runs (0: none); src/kernels/native-kernel.ts loads the addon.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "napi-helpers.h"

#define BLOCK 512
#define STATE_WORDS 32 /* one group's lane state record: 128 bytes, as in exponential-draws.as.ts */

/*
 * The kernels for 8 lanes (AVX2) and 16 (AVX-512F), on x86-64 with GCC or Clang, each compiled for its
 * target only (function attributes): one source, exponential-sums-lanes.h, included per width. At 4
 * lanes (SSE2) C was no faster than WebAssembly here (1.52-1.59 against 1.45-1.47 ns per draw), so
 * narrower machines, and other architectures (unmeasured), run the WebAssembly kernels.
 */
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define HAVE_KERNELS 1

/*
 * The logarithm's tables (exponential-sums-lanes.h's logTable124, exponential-draws.as.ts's): for the
 * eighths j = 0..7 of [OFF, 2·OFF), the centre c_j (the f32 with bits 0x3f3b0000 + j·2^20, the
 * eighth's middle, except c_4 = 1 in the eighth that holds 1), f32(1 / c_j) and f32(ln c_j); twice
 * over, for AVX-512's 16-lane permutes
 */
#define LOG_TABLE(a, b, c, d, e, f, g, h) __attribute__((aligned(64))) = {a, b, c, d, e, f, g, h, a, b, c, d, e, f, g, h}
static const float LOG_CENTRES[16] LOG_TABLE(0x1.76p-1f, 0x1.96p-1f, 0x1.b6p-1f, 0x1.d6p-1f, 1.0f, 0x1.16p+0f, 0x1.36p+0f, 0x1.56p+0f);
static const float LOG_RECIPROCALS[16] LOG_TABLE(0x1.5e75bcp+0f, 0x1.42d662p+0f, 0x1.2b404ap+0f, 0x1.16e068p+0f, 1.0f, 0x1.d77b66p-1f, 0x1.a6d01ap-1f,
                                                0x1.7f4060p-1f);
static const float LOG_CENTRE_LOGS[16] LOG_TABLE(-0x1.419b42p-2f, -0x1.db13dcp-3f, -0x1.3fb45ap-3f, -0x1.5e95a4p-4f, 0.0f, 0x1.51b074p-4f,
                                                0x1.87fa06p-3f, 0x1.2895a2p-2f);

#define KERNEL __attribute__((target("avx2")))
/*
 * b << 9 in each 32-bit lane as a byte shuffle (b << 8) and an addition (x + x = x << 1): Zen 1
 * (family 23) runs vector shifts on one of its four FP pipes, and the kernel has ~22 per group of
 * four draws; 1.80-1.86 -> 1.73-1.79 ns per draw there (bench/bootstrap-draw-cost.ts). d << 11 by
 * a shuffle and three additions was slower (2.05-2.12 ns): the other pipes are busy too.
 */
typedef uint32_t U32x8 __attribute__((vector_size(32)));
KERNEL static inline U32x8 shl9x8(U32x8 b) {
  const __m256i bytes = _mm256_setr_epi8(-128, 0, 1, 2, -128, 4, 5, 6, -128, 8, 9, 10, -128, 12, 13, 14,
                                         -128, 0, 1, 2, -128, 4, 5, 6, -128, 8, 9, 10, -128, 12, 13, 14);
  const U32x8 y = (U32x8)_mm256_shuffle_epi8((__m256i)b, bytes);
  return y + y;
}
#define W 8
#define NAME(x) x##8
#define LOW_PD(e) _mm256_cvtps_pd(_mm256_castps256_ps128((__m256)(e)))
#define HIGH_PD(e) _mm256_cvtps_pd(_mm256_extractf128_ps((__m256)(e), 1))
#define MIN_PS _mm256_min_ps
#define MAX_PS _mm256_max_ps
#define SHL9(b) shl9x8(b)
#define TABLE8(table, j) ((VF)_mm256_permutevar8x32_ps(_mm256_load_ps(table), (__m256i)(j)))
#include "exponential-sums-lanes.h"
#undef KERNEL
#undef W
#undef NAME
#undef LOW_PD
#undef HIGH_PD
#undef MIN_PS
#undef MAX_PS
#undef SHL9
#undef TABLE8

#define KERNEL __attribute__((target("avx512f")))
#define SHL9(b) ((b) << 9)
#define W 16
#define NAME(x) x##16
#define LOW_PD(e) _mm512_cvtps_pd(_mm512_castps512_ps256((__m512)(e)))
#define HIGH_PD(e) _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd((__m512)(e)), 1)))
#define MIN_PS _mm512_min_ps
#define MAX_PS _mm512_max_ps
#define TABLE8(table, j) ((VF)_mm512_permutexvar_ps((__m512i)(j), _mm512_load_ps(table)))
#include "exponential-sums-lanes.h"
#undef KERNEL
#undef W
#undef NAME
#undef LOW_PD
#undef HIGH_PD
#undef MIN_PS
#undef MAX_PS
#undef TABLE8

/* The widest lanes this CPU runs: 16 with AVX-512F, 8 with AVX2, else 0 (none). */
static int widestLanes(void) {
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return 16;
  if (__builtin_cpu_supports("avx2")) return 8;
  return 0;
}

/* exponentialSums for `groups` (1..4) groups, lanes / 4 groups per vector at a time */
static int runGroups(int lanes, const float *ones, int onesCount, const float *small, const int32_t *counts, int smallCount,
                     int32_t *states, int groups, double *out) {
  for (int g = 0; g < groups; g += lanes / 4) {
    const int chunk = groups - g < lanes / 4 ? groups - g : lanes / 4;
    const int status = (lanes == 16 ? run16 : run8)(ones, onesCount, small, counts, smallCount, states + STATE_WORDS * g, chunk, out + 8 * g);
    if (status != 0) return status;
  }
  return 0;
}

/* sharedSums for `groups` (1..4) groups, lanes / 4 groups per vector at a time */
static int runSharedGroups(int lanes, int universe, const int32_t *positions, const float *values, const int32_t *offsets, int memberCount,
                           int32_t *states, int groups, double *out, const int32_t *gathers, int gatherCount, float *gatherOut) {
  for (int g = 0; g < groups; g += lanes / 4) {
    const int chunk = groups - g < lanes / 4 ? groups - g : lanes / 4;
    const int status = (lanes == 16 ? runShared16 : runShared8)(universe, positions, values, offsets, memberCount, states + STATE_WORDS * g, chunk,
                                                                out + (size_t)16 * memberCount * g, gathers, gatherCount,
                                                                gatherOut + (size_t)4 * gatherCount * g);
    if (status != 0) return status;
  }
  return 0;
}
#else
#define HAVE_KERNELS 0
static int widestLanes(void) { return 0; }
#endif

/* `lanes` (8 or 16) if this CPU runs it, the widest for 0, else 0 */
static int usableLanes(int lanes) {
  const int widest = widestLanes();
  if (lanes == 0) return widest;
  return (lanes == 8 || lanes == 16) && lanes <= widest ? lanes : 0;
}

/* the data and element count of typed array `value`, or NULL with a thrown error */
static void *typedArray(napi_env env, napi_value value, napi_typedarray_type type, size_t *length, const char *name, const char *function) {
  void *data = typedArrayData(env, value, type, length);
  if (data == NULL) {
    char message[160];
    snprintf(message, sizeof message, "%s: %s must be a %s", function, name,
             type == napi_float64_array ? "Float64Array" : type == napi_float32_array ? "Float32Array" : "Int32Array");
    napi_throw_type_error(env, NULL, message);
  }
  return data;
}

/* The call's arguments into argv: `most` - 1 of them and an optional lane count; their number, or 0 with an error thrown. */
static size_t argumentsOf(napi_env env, napi_callback_info info, napi_value *argv, size_t most, const char *function) {
  size_t argc = most;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != most && argc != most - 1) {
    char message[128];
    snprintf(message, sizeof message, "%s: expected %zu arguments and an optional lane count", function, most - 1);
    napi_throw_type_error(env, NULL, message);
    return 0;
  }
  return argc;
}

/* The lane count asked for (undefined: the widest), or 0 with an error thrown when this CPU cannot run it. */
static int lanesArgument(napi_env env, napi_value value, const char *function) {
  int32_t asked = 0;
  napi_valuetype type = napi_undefined;
  if (value != NULL) napi_typeof(env, value, &type);
  if (type != napi_undefined && napi_get_value_int32(env, value, &asked) != napi_ok) asked = -1;
  const int lanes = usableLanes(asked);
  if (lanes == 0) {
    char message[160];
    snprintf(message, sizeof message, "%s: lanes must be 8 or 16 and at most %d on this CPU, got %d", function, widestLanes(), asked);
    napi_throw_range_error(env, NULL, message);
  }
  return lanes;
}

/*
 * exponentialSums(ones: Float32Array, small: Float32Array, counts: Int32Array, states: Int32Array,
 * groups: number, out: Float64Array, lanes?: 8 | 16): as ExponentialSums.run for `groups` (1..4)
 * groups of four lanes, at `lanes` per vector (default the widest); the checks of values and counts
 * are the caller's (src/kernels/exponential-sums.ts).
 */
static napi_value exponentialSums(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  const size_t argc = argumentsOf(env, info, argv, 7, "exponentialSums");
  if (argc == 0) return NULL;
  size_t onesCount, smallCount, countsCount, stateWords, outCount;
  const float *ones = typedArray(env, argv[0], napi_float32_array, &onesCount, "ones", "exponentialSums");
  if (ones == NULL) return NULL;
  const float *small = typedArray(env, argv[1], napi_float32_array, &smallCount, "small", "exponentialSums");
  if (small == NULL) return NULL;
  const int32_t *counts = typedArray(env, argv[2], napi_int32_array, &countsCount, "counts", "exponentialSums");
  if (counts == NULL) return NULL;
  int32_t *states = typedArray(env, argv[3], napi_int32_array, &stateWords, "states", "exponentialSums");
  if (states == NULL) return NULL;
  int32_t groups = 0;
  napi_get_value_int32(env, argv[4], &groups);
  double *out = typedArray(env, argv[5], napi_float64_array, &outCount, "out", "exponentialSums");
  if (out == NULL) return NULL;
  if (groups < 1 || groups > 4 || stateWords < (size_t)STATE_WORDS * groups || outCount < (size_t)8 * groups ||
      countsCount != smallCount || onesCount > INT32_MAX || smallCount > INT32_MAX) {
    napi_throw_range_error(env, NULL, "exponentialSums: groups must be 1..4, with 32 state words and 8 sums per group, and one count per small value");
    return NULL;
  }
  const int lanes = lanesArgument(env, argc > 6 ? argv[6] : NULL, "exponentialSums");
  if (lanes == 0) return NULL;
#if HAVE_KERNELS
  if (runGroups(lanes, ones, (int)onesCount, small, counts, (int)smallCount, states, groups, out) != 0) {
    napi_throw_range_error(env, NULL, "exponentialSums: the groups carry different numbers of draws; run groups of one history together");
  }
#endif
  return NULL;
}

/*
 * sharedSums(universe: number, positions: Int32Array, values: Float32Array, offsets: Int32Array,
 * states: Int32Array, groups: number, out: Float64Array, gathers: Int32Array, gatherOut: Float32Array,
 * lanes?: 8 | 16): as SharedExponentialSums.run for `groups` (1..4) groups of four lanes, at `lanes`
 * per vector (default the widest). Member m's entries are
 * positions and values [offsets[m], offsets[m + 1]); out receives per group, per member, the even and
 * the odd set (Σ w of four lanes, then Σ w·u); gatherOut per group, per gathered position, its four
 * lanes' draws. The checks of positions are the caller's (src/kernels/shared-exponential-sums.ts).
 */
static napi_value sharedSums(napi_env env, napi_callback_info info) {
  napi_value argv[10];
  const size_t argc = argumentsOf(env, info, argv, 10, "sharedSums");
  if (argc == 0) return NULL;
  int32_t universe = 0, groups = 0;
  napi_get_value_int32(env, argv[0], &universe);
  napi_get_value_int32(env, argv[5], &groups);
  size_t positionCount, valueCount, offsetCount, stateWords, outCount, gatherCount, gatherOutCount;
  const int32_t *positions = typedArray(env, argv[1], napi_int32_array, &positionCount, "positions", "sharedSums");
  if (positions == NULL) return NULL;
  const float *values = typedArray(env, argv[2], napi_float32_array, &valueCount, "values", "sharedSums");
  if (values == NULL) return NULL;
  const int32_t *offsets = typedArray(env, argv[3], napi_int32_array, &offsetCount, "offsets", "sharedSums");
  if (offsets == NULL) return NULL;
  int32_t *states = typedArray(env, argv[4], napi_int32_array, &stateWords, "states", "sharedSums");
  if (states == NULL) return NULL;
  double *out = typedArray(env, argv[6], napi_float64_array, &outCount, "out", "sharedSums");
  if (out == NULL) return NULL;
  const int32_t *gathers = typedArray(env, argv[7], napi_int32_array, &gatherCount, "gathers", "sharedSums");
  if (gathers == NULL) return NULL;
  float *gatherOut = typedArray(env, argv[8], napi_float32_array, &gatherOutCount, "gatherOut", "sharedSums");
  if (gatherOut == NULL) return NULL;
  const size_t members = offsetCount > 0 ? offsetCount - 1 : 0;
  if (groups < 1 || groups > 4 || universe < 0 || offsetCount < 1 || valueCount != positionCount ||
      (size_t)offsets[members] != positionCount || stateWords < (size_t)STATE_WORDS * groups ||
      outCount < (size_t)16 * members * groups || gatherOutCount < (size_t)4 * gatherCount * groups) {
    napi_throw_range_error(env, NULL,
                           "sharedSums: groups must be 1..4, with one value per position, offsets ending at their number, 32 state words, 16 sums per member and 4 draws per gathered position per group");
    return NULL;
  }
  const int lanes = lanesArgument(env, argc > 9 ? argv[9] : NULL, "sharedSums");
  if (lanes == 0) return NULL;
#if HAVE_KERNELS
  const int status = runSharedGroups(lanes, universe, positions, values, offsets, (int)members, states, groups, out, gathers, (int)gatherCount, gatherOut);
  if (status == -1) napi_throw_range_error(env, NULL, "sharedSums: the groups carry different numbers of draws; run groups of one history together");
  if (status == -2) napi_throw_error(env, NULL, "sharedSums: out of memory for the members' sums");
#endif
  return NULL;
}

NAPI_MODULE_INIT() {
  exportFunction(env, exports, "exponentialSums", exponentialSums);
  exportFunction(env, exports, "sharedSums", sharedSums);
  napi_value lanes;
  napi_create_int32(env, widestLanes(), &lanes);
  napi_set_named_property(env, exports, "lanes", lanes);
  exportAbi(env, exports, 2);
  return exports;
}
