/*
 * The bootstrap kernels of src/kernels/wasm/exponential-sums.as.ts (`exponentialSums` over a tally,
 * `sharedSums` with weights shared by several members) in C with AVX-512: sixteen replicate lanes per
 * vector (four of the WebAssembly kernel's groups of four) instead of four. Every lane does exactly
 * the WebAssembly kernel's arithmetic, in the same order (the header
 * of exponential-draws.as.ts: xoshiro128+ outputs, a Gamma(4) from Cephes' logf of a product of four
 * uniforms, split by the spacings of three sorted uniforms; then f64 sums in the same blocks, the
 * count-1 values and the shared members' entries in two interleaved sets), so the two kernels give
 * the same bits (test/kernels/native-kernel.test.ts, exponential-sums.test.ts,
 * shared-exponential-sums.test.ts), and a machine without AVX-512, or without this addon, gets
 * the same results from WebAssembly.
 *
 * Why native: WebAssembly SIMD has 128-bit vectors only, and V8's code for the generator spills
 * (198 instructions per 16 draws: bench/RESULTS.md, twelfth session). At 512 bits, with 32 vector
 * registers and one-instruction rotates, a draw with its sums costs ~0.28 ns against ~1.5 ns here
 * (bench/RESULTS.md, thirteenth session).
 *
 * Built by node-gyp (binding.gyp) at `npm ci` with -ffp-contract=off: a fused multiply-add would
 * change the bits. The AVX-512 code is compiled for that target only (function attributes), and
 * `supported` says whether this CPU runs it; src/kernels/native-kernel.ts loads the addon.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 512
#define STATE_WORDS 32 /* one group's lane state record: 128 bytes, as in exponential-draws.as.ts */

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define KERNEL __attribute__((target("avx512f")))
#define HAVE_KERNEL 1

typedef __m512 V;
typedef __m512i I;
typedef __m512d D;

/* Sixteen lanes: the xoshiro128 words and the up to three carried vectors of draws. */
typedef struct {
  I a, b, c, d;
  V carried[3];
  int carriedCount;
} Lanes;

/* f32((r >>> 1) | 1): a uniform's numerator in [1, 2^31] */
KERNEL static inline V uniform(I r) {
  return _mm512_cvtepi32_ps(_mm512_or_si512(_mm512_srli_epi32(r, 1), _mm512_set1_epi32(1)));
}

/* the f32 with bits (r >>> 9) | 0x3f800000, in [1, 2) */
KERNEL static inline V unitInterval(I r) {
  return _mm512_castsi512_ps(_mm512_or_si512(_mm512_srli_epi32(r, 9), _mm512_set1_epi32(0x3f800000)));
}

/* ln(u·2^-124) by Cephes' logf, as exponential-draws.as.ts computes it (Estrin's scheme) */
KERNEL static inline V logf124(V u) {
  const I ui = _mm512_castps_si512(u);
  I e = _mm512_sub_epi32(_mm512_srli_epi32(ui, 23), _mm512_set1_epi32(250));
  const V m = _mm512_castsi512_ps(_mm512_or_si512(_mm512_and_si512(ui, _mm512_set1_epi32(0x007fffff)), _mm512_set1_epi32(0x3f000000)));
  const __mmask16 low = _mm512_cmp_ps_mask(m, _mm512_set1_ps(0.70710678118654752440f), _CMP_LT_OQ);
  e = _mm512_mask_sub_epi32(e, low, e, _mm512_set1_epi32(1));
  /* 2m - 1 where m < √½ (m + m, then - 1, as m + (m & low) - 1), else m - 1 */
  const V x = _mm512_sub_ps(_mm512_mask_add_ps(m, low, m, m), _mm512_set1_ps(1.0f));
  const V z = _mm512_mul_ps(x, x);
  const V p01 = _mm512_add_ps(_mm512_set1_ps(3.3333331174e-1f), _mm512_mul_ps(_mm512_set1_ps(-2.4999993993e-1f), x));
  const V p23 = _mm512_add_ps(_mm512_set1_ps(2.0000714765e-1f), _mm512_mul_ps(_mm512_set1_ps(-1.6668057665e-1f), x));
  const V p45 = _mm512_add_ps(_mm512_set1_ps(1.4249322787e-1f), _mm512_mul_ps(_mm512_set1_ps(-1.2420140846e-1f), x));
  const V p67 = _mm512_add_ps(_mm512_set1_ps(1.1676998740e-1f), _mm512_mul_ps(_mm512_set1_ps(-1.1514610310e-1f), x));
  const V z2 = _mm512_mul_ps(z, z);
  const V q03 = _mm512_add_ps(p01, _mm512_mul_ps(p23, z));
  const V q47 = _mm512_add_ps(p45, _mm512_mul_ps(p67, z));
  const V p = _mm512_add_ps(_mm512_add_ps(q03, _mm512_mul_ps(q47, z2)), _mm512_mul_ps(_mm512_set1_ps(7.0376836292e-2f), _mm512_mul_ps(z2, z2)));
  V y = _mm512_mul_ps(p, _mm512_mul_ps(x, z));
  const V fe = _mm512_cvtepi32_ps(e);
  y = _mm512_add_ps(y, _mm512_mul_ps(fe, _mm512_set1_ps(-2.12194440e-4f)));
  y = _mm512_sub_ps(y, _mm512_mul_ps(z, _mm512_set1_ps(0.5f)));
  return _mm512_add_ps(_mm512_add_ps(x, y), _mm512_mul_ps(fe, _mm512_set1_ps(0.693359375f)));
}

/* one xoshiro128+ output (a + d) and the xoshiro128** state step, in every lane */
#define STEP(out)                                                                                    \
  do {                                                                                               \
    out = _mm512_add_epi32(a, d);                                                                    \
    const I t_ = _mm512_slli_epi32(b, 9);                                                            \
    c = _mm512_xor_si512(c, a);                                                                      \
    d = _mm512_xor_si512(d, b);                                                                      \
    b = _mm512_xor_si512(b, c);                                                                      \
    a = _mm512_xor_si512(a, d);                                                                      \
    c = _mm512_xor_si512(c, t_);                                                                     \
    d = _mm512_rol_epi32(d, 11);                                                                     \
  } while (0)

/* draws[0 .. n): first the carried vectors, then new groups of four; those past n are carried */
KERNEL static void fill(Lanes *s, V *draws, int n) {
  for (int q = 0; q < s->carriedCount; q++) draws[q] = s->carried[q];
  I a = s->a, b = s->b, c = s->c, d = s->d;
  const V one = _mm512_set1_ps(1.0f), two = _mm512_set1_ps(2.0f);
  const I sign = _mm512_set1_epi32((int)0x80000000);
  int q = s->carriedCount;
  for (; q < n; q += 4) {
    I r;
    STEP(r);
    const V u1 = uniform(r);
    STEP(r);
    const V u2 = uniform(r);
    STEP(r);
    const V u3 = uniform(r);
    STEP(r);
    const V u4 = uniform(r);
    STEP(r);
    V s1 = unitInterval(r);
    STEP(r);
    V s2 = unitInterval(r);
    STEP(r);
    V s3 = unitInterval(r);
    /* G = -ln(...): the sign flipped, as f32x4.neg */
    const V g = _mm512_castsi512_ps(_mm512_xor_si512(_mm512_castps_si512(logf124(_mm512_mul_ps(_mm512_mul_ps(u1, u2), _mm512_mul_ps(u3, u4)))), sign));
    V lo = _mm512_min_ps(s1, s2);
    s2 = _mm512_max_ps(s1, s2);
    s1 = lo;
    lo = _mm512_min_ps(s2, s3);
    s3 = _mm512_max_ps(s2, s3);
    s2 = lo;
    lo = _mm512_min_ps(s1, s2);
    s2 = _mm512_max_ps(s1, s2);
    s1 = lo;
    draws[q] = _mm512_mul_ps(g, _mm512_sub_ps(s1, one));
    draws[q + 1] = _mm512_mul_ps(g, _mm512_sub_ps(s2, s1));
    draws[q + 2] = _mm512_mul_ps(g, _mm512_sub_ps(s3, s2));
    draws[q + 3] = _mm512_mul_ps(g, _mm512_sub_ps(two, s3));
  }
  s->a = a;
  s->b = b;
  s->c = c;
  s->d = d;
  s->carriedCount = q - n;
  for (int k = 0; k < q - n; k++) s->carried[k] = draws[n + k];
}

/* The f64 sums of sixteen lanes: lanes 0-7 (groups 0 and 1) and 8-15 (groups 2 and 3). */
typedef struct {
  D sumLo, sumHi, weightedLo, weightedHi;
} Sums;

KERNEL static inline D lowHalf(V e) { return _mm512_cvtps_pd(_mm512_castps512_ps256(e)); }
KERNEL static inline D highHalf(V e) { return _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(e), 1))); }

/* draw e and its product with `value` added to one set of sums (inlined: the sets stay in registers) */
KERNEL static inline void addOne(V e, double value, Sums *sums) {
  const D v = _mm512_set1_pd(value);
  const D wLo = lowHalf(e), wHi = highHalf(e);
  sums->sumLo = _mm512_add_pd(sums->sumLo, wLo);
  sums->sumHi = _mm512_add_pd(sums->sumHi, wHi);
  sums->weightedLo = _mm512_add_pd(sums->weightedLo, _mm512_mul_pd(wLo, v));
  sums->weightedHi = _mm512_add_pd(sums->weightedHi, _mm512_mul_pd(wHi, v));
}

KERNEL static inline Sums zeroSums(void) {
  const Sums zero = {_mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd(), _mm512_setzero_pd()};
  return zero;
}

/* one draw per value, in two interleaved sets per block added at its end (addOnesPaired) */
KERNEL static void addOnesPaired(const V *draws, const double *values, int n, Sums *sums) {
  Sums a = *sums, b = zeroSums();
  int i = 0;
  for (; i + 1 < n; i += 2) {
    addOne(draws[i], values[i], &a);
    addOne(draws[i + 1], values[i + 1], &b);
  }
  if (i < n) addOne(draws[i], values[i], &a);
  sums->sumLo = _mm512_add_pd(a.sumLo, b.sumLo);
  sums->sumHi = _mm512_add_pd(a.sumHi, b.sumHi);
  sums->weightedLo = _mm512_add_pd(a.weightedLo, b.weightedLo);
  sums->weightedHi = _mm512_add_pd(a.weightedHi, b.weightedHi);
}

/* value i takes the next counts[i] draws, summed from 0 (addDraws) */
KERNEL static void addDraws(const V *draws, const double *values, const int32_t *counts, int n, Sums *sums) {
  D sumLo = sums->sumLo, sumHi = sums->sumHi, weightedLo = sums->weightedLo, weightedHi = sums->weightedHi;
  const V *next = draws;
  for (int i = 0; i < n; i++) {
    const D v = _mm512_set1_pd(values[i]);
    D wLo = _mm512_setzero_pd(), wHi = _mm512_setzero_pd();
    for (int j = 0; j < counts[i]; j++) {
      wLo = _mm512_add_pd(wLo, lowHalf(*next));
      wHi = _mm512_add_pd(wHi, highHalf(*next));
      next++;
    }
    sumLo = _mm512_add_pd(sumLo, wLo);
    sumHi = _mm512_add_pd(sumHi, wHi);
    weightedLo = _mm512_add_pd(weightedLo, _mm512_mul_pd(wLo, v));
    weightedHi = _mm512_add_pd(weightedHi, _mm512_mul_pd(wHi, v));
  }
  sums->sumLo = sumLo;
  sums->sumHi = sumHi;
  sums->weightedLo = weightedLo;
  sums->weightedHi = weightedHi;
}

/* exponentialSums of exponential-sums.as.ts for sixteen lanes, in the same blocks */
KERNEL static void sumsOf(Lanes *s, V *draws, const double *values, const int32_t *counts, int n, Sums *sums) {
  int from = 0;
  while (from < n) {
    int to = from, count = 0;
    if (counts == NULL) {
      to = n < from + BLOCK - 15 ? n : from + BLOCK - 15;
      count = to - from;
    } else {
      while (to < n && count <= BLOCK - 16) count += counts[to++];
    }
    fill(s, draws, count);
    if (counts == NULL) {
      addOnesPaired(draws, values + from, to - from, sums);
    } else {
      addDraws(draws, values + from, counts + from, to - from, sums);
    }
    from = to;
  }
}

/* word w of lane l of the four groups' records (groups past `groups` repeat group 0) */
KERNEL static I loadWords(const int32_t *states, int groups, int w) {
  int32_t words[16];
  for (int g = 0; g < 4; g++) {
    const int32_t *record = states + STATE_WORDS * (g < groups ? g : 0);
    for (int l = 0; l < 4; l++) words[4 * g + l] = record[4 * w + l];
  }
  return _mm512_loadu_si512(words);
}

KERNEL static void storeWords(int32_t *states, int groups, int w, I x) {
  int32_t words[16];
  _mm512_storeu_si512(words, x);
  for (int g = 0; g < groups; g++) memcpy(states + STATE_WORDS * g + 4 * w, words + 4 * g, 16);
}

/* the per-member sums of the shared kernel: an even and an odd set, each Sums, sixteen lanes */
typedef struct {
  Sums even, odd;
} MemberSums;

/*
 * sharedSums of exponential-sums.as.ts for sixteen lanes, in the same blocks and the same pairs:
 * member m's entries are positions[offsets[m] .. offsets[m + 1]) with their values; its two sets of
 * sums (even- and odd-indexed entries) start at zero; gathered positions' draws go to gatherOut.
 */
KERNEL static void sharedOf(Lanes *s, V *draws, int universe, const int32_t *positions, const double *values, const int32_t *offsets,
                            int memberCount, int32_t *cursors, MemberSums *sums, const int32_t *gathers, int gatherCount, float *gatherOut,
                            int groups) {
  for (int m = 0; m < memberCount; m++) {
    cursors[m] = 0;
    sums[m].even = zeroSums();
    sums[m].odd = zeroSums();
  }
  int gathered = 0;
  int from = 0;
  while (from < universe) {
    const int count = universe - from < BLOCK ? universe - from : BLOCK;
    fill(s, draws, count);
    const int to = from + count;
    for (int m = 0; m < memberCount; m++) {
      const int32_t *pos = positions + offsets[m];
      const double *val = values + offsets[m];
      const int length = offsets[m + 1] - offsets[m];
      int k = cursors[m];
      /* an odd entry first, so that the pairs below start at even entries */
      if ((k & 1) == 1 && k < length && pos[k] < to) {
        addOne(draws[pos[k] - from], val[k], &sums[m].odd);
        k++;
      }
      Sums a = sums[m].even, b = sums[m].odd;
      while (k + 1 < length) {
        const int pB = pos[k + 1];
        if (pB >= to) break;
        addOne(draws[pos[k] - from], val[k], &a);
        addOne(draws[pB - from], val[k + 1], &b);
        k += 2;
      }
      sums[m].even = a;
      sums[m].odd = b;
      /* a last even entry whose odd partner lies past the block (or past the end) */
      if (k < length && pos[k] < to) {
        addOne(draws[pos[k] - from], val[k], &sums[m].even);
        k++;
      }
      cursors[m] = k;
    }
    for (; gathered < gatherCount; gathered++) {
      const int p = gathers[gathered];
      if (p >= to) break;
      float lanes[16];
      _mm512_storeu_ps(lanes, draws[p - from]);
      for (int g = 0; g < groups; g++) memcpy(gatherOut + 4 * ((size_t)g * gatherCount + gathered), lanes + 4 * g, 16);
    }
    from = to;
  }
}

/* one set of sums of sixteen lanes into out: group g's Σ w of four lanes at at[g], then its Σ w·v */
KERNEL static void storeSums(const Sums *sums, double *out, size_t groupStride, int groups) {
  double lanes[2][16];
  _mm512_storeu_pd(lanes[0], sums->sumLo);
  _mm512_storeu_pd(lanes[0] + 8, sums->sumHi);
  _mm512_storeu_pd(lanes[1], sums->weightedLo);
  _mm512_storeu_pd(lanes[1] + 8, sums->weightedHi);
  for (int g = 0; g < groups; g++) {
    memcpy(out + g * groupStride, lanes[0] + 4 * g, 32);
    memcpy(out + g * groupStride + 4, lanes[1] + 4 * g, 32);
  }
}

/* the lanes of four groups' state records (groups past `groups` repeat group 0) */
KERNEL static int loadLanes(Lanes *s, const int32_t *states, int groups) {
  s->a = loadWords(states, groups, 0);
  s->b = loadWords(states, groups, 1);
  s->c = loadWords(states, groups, 2);
  s->d = loadWords(states, groups, 3);
  s->carriedCount = states[28];
  for (int g = 1; g < groups; g++) if (states[STATE_WORDS * g + 28] != s->carriedCount) return -1;
  for (int k = 0; k < s->carriedCount; k++) s->carried[k] = _mm512_castsi512_ps(loadWords(states, groups, 4 + k));
  return 0;
}

KERNEL static void storeLanes(const Lanes *s, int32_t *states, int groups) {
  storeWords(states, groups, 0, s->a);
  storeWords(states, groups, 1, s->b);
  storeWords(states, groups, 2, s->c);
  storeWords(states, groups, 3, s->d);
  for (int k = 0; k < s->carriedCount; k++) storeWords(states, groups, 4 + k, _mm512_castps_si512(s->carried[k]));
  for (int g = 0; g < groups; g++) states[STATE_WORDS * g + 28] = s->carriedCount;
}

/* sharedOf for up to four groups; out holds per group memberCount x (even, odd) x (Σ w, Σ w·v) x 4 lanes */
KERNEL static int runShared(int universe, const int32_t *positions, const double *values, const int32_t *offsets, int memberCount,
                            int32_t *states, int groups, double *out, const int32_t *gathers, int gatherCount, float *gatherOut) {
  Lanes s;
  if (loadLanes(&s, states, groups) != 0) return -1;
  MemberSums *sums = aligned_alloc(64, sizeof(MemberSums) * (size_t)(memberCount > 0 ? memberCount : 1));
  int32_t *cursors = malloc(sizeof(int32_t) * (size_t)(memberCount > 0 ? memberCount : 1));
  if (sums == NULL || cursors == NULL) {
    free(sums);
    free(cursors);
    return -2;
  }
  V draws[BLOCK + 8];
  sharedOf(&s, draws, universe, positions, values, offsets, memberCount, cursors, sums, gathers, gatherCount, gatherOut, groups);
  storeLanes(&s, states, groups);
  const size_t groupStride = (size_t)16 * memberCount;
  for (int m = 0; m < memberCount; m++) {
    storeSums(&sums[m].even, out + 16 * (size_t)m, groupStride, groups);
    storeSums(&sums[m].odd, out + 16 * (size_t)m + 8, groupStride, groups);
  }
  free(sums);
  free(cursors);
  return 0;
}

/*
 * Up to four groups at once: the lanes of states[0 .. groups) run on the count-1 values, then on the
 * small-count values, and their sums are added to out (per group Σ w of four lanes, then Σ w·v).
 * Returns 0, or -1 when the groups carry different numbers of draws (the caller's misuse).
 */
KERNEL static int run(const double *ones, int onesCount, const double *small, const int32_t *counts, int smallCount,
                      int32_t *states, int groups, double *out) {
  Lanes s;
  if (loadLanes(&s, states, groups) != 0) return -1;
  double lanes[2][16];
  for (int g = 0; g < 4; g++) {
    const double *record = out + 8 * (g < groups ? g : 0);
    for (int l = 0; l < 4; l++) {
      lanes[0][4 * g + l] = record[l];
      lanes[1][4 * g + l] = record[4 + l];
    }
  }
  Sums sums = {_mm512_loadu_pd(lanes[0]), _mm512_loadu_pd(lanes[0] + 8), _mm512_loadu_pd(lanes[1]), _mm512_loadu_pd(lanes[1] + 8)};
  V draws[BLOCK + 8];
  if (onesCount > 0) sumsOf(&s, draws, ones, NULL, onesCount, &sums);
  if (smallCount > 0) sumsOf(&s, draws, small, counts, smallCount, &sums);
  storeLanes(&s, states, groups);
  storeSums(&sums, out, 8, groups);
  return 0;
}

static int cpuSupported(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f");
}
#else
#define HAVE_KERNEL 0
static int cpuSupported(void) { return 0; }
#endif

/* the data and element count of typed array `value`, or NULL with a thrown error */
static void *typedArray(napi_env env, napi_value value, napi_typedarray_type type, size_t *length, const char *name, const char *function) {
  bool is = false;
  napi_typedarray_type actual;
  void *data = NULL;
  if (napi_is_typedarray(env, value, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, value, &actual, length, &data, NULL, NULL) != napi_ok || actual != type) {
    char message[160];
    snprintf(message, sizeof message, "%s: %s must be a %s", function, name,
             type == napi_float64_array ? "Float64Array" : type == napi_float32_array ? "Float32Array" : "Int32Array");
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  /* an empty array may have no data pointer */
  static double empty[1];
  return data != NULL ? data : (void *)empty;
}

/*
 * exponentialSums(ones: Float64Array, small: Float64Array, counts: Int32Array, states: Int32Array,
 * groups: number, out: Float64Array): as ExponentialSums.run for `groups` (1..4) groups of four lanes;
 * the checks of values and counts are the caller's (src/kernels/exponential-sums.ts).
 */
static napi_value exponentialSums(napi_env env, napi_callback_info info) {
  size_t argc = 6;
  napi_value argv[6];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 6) {
    napi_throw_type_error(env, NULL, "exponentialSums: expected 6 arguments");
    return NULL;
  }
  size_t onesCount, smallCount, countsCount, stateWords, outCount;
  const double *ones = typedArray(env, argv[0], napi_float64_array, &onesCount, "ones", "exponentialSums");
  if (ones == NULL) return NULL;
  const double *small = typedArray(env, argv[1], napi_float64_array, &smallCount, "small", "exponentialSums");
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
#if HAVE_KERNEL
  if (!cpuSupported()) {
    napi_throw_error(env, NULL, "exponentialSums: this CPU has no AVX-512F; use the WebAssembly kernel");
    return NULL;
  }
  if (run(ones, (int)onesCount, small, counts, (int)smallCount, states, groups, out) != 0) {
    napi_throw_range_error(env, NULL, "exponentialSums: the groups carry different numbers of draws; run groups of one history together");
  }
#else
  napi_throw_error(env, NULL, "exponentialSums: built without the AVX-512 kernel; use the WebAssembly kernel");
#endif
  return NULL;
}

/*
 * sharedSums(universe: number, positions: Int32Array, values: Float64Array, offsets: Int32Array,
 * states: Int32Array, groups: number, out: Float64Array, gathers: Int32Array, gatherOut: Float32Array):
 * as SharedExponentialSums.run for `groups` (1..4) groups of four lanes. Member m's entries are
 * positions and values [offsets[m], offsets[m + 1]); out receives per group, per member, the even and
 * the odd set (Σ w of four lanes, then Σ w·v); gatherOut per group, per gathered position, its four
 * lanes' draws. The checks of positions are the caller's (src/kernels/shared-exponential-sums.ts).
 */
static napi_value sharedSums(napi_env env, napi_callback_info info) {
  size_t argc = 9;
  napi_value argv[9];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc != 9) {
    napi_throw_type_error(env, NULL, "sharedSums: expected 9 arguments");
    return NULL;
  }
  int32_t universe = 0, groups = 0;
  napi_get_value_int32(env, argv[0], &universe);
  napi_get_value_int32(env, argv[5], &groups);
  size_t positionCount, valueCount, offsetCount, stateWords, outCount, gatherCount, gatherOutCount;
  const int32_t *positions = typedArray(env, argv[1], napi_int32_array, &positionCount, "positions", "sharedSums");
  if (positions == NULL) return NULL;
  const double *values = typedArray(env, argv[2], napi_float64_array, &valueCount, "values", "sharedSums");
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
#if HAVE_KERNEL
  if (!cpuSupported()) {
    napi_throw_error(env, NULL, "sharedSums: this CPU has no AVX-512F; use the WebAssembly kernel");
    return NULL;
  }
  const int status = runShared(universe, positions, values, offsets, (int)members, states, groups, out, gathers, (int)gatherCount, gatherOut);
  if (status == -1) napi_throw_range_error(env, NULL, "sharedSums: the groups carry different numbers of draws; run groups of one history together");
  if (status == -2) napi_throw_error(env, NULL, "sharedSums: out of memory for the members' sums");
#else
  napi_throw_error(env, NULL, "sharedSums: built without the AVX-512 kernel; use the WebAssembly kernel");
#endif
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_value fn, supported;
  napi_create_function(env, "exponentialSums", NAPI_AUTO_LENGTH, exponentialSums, NULL, &fn);
  napi_set_named_property(env, exports, "exponentialSums", fn);
  napi_create_function(env, "sharedSums", NAPI_AUTO_LENGTH, sharedSums, NULL, &fn);
  napi_set_named_property(env, exports, "sharedSums", fn);
  napi_get_boolean(env, cpuSupported() != 0, &supported);
  napi_set_named_property(env, exports, "supported", supported);
  return exports;
}
