/*
 * population_ratio's bootstrap by blocks of rows (src/kernels/block-ratio.ts, `blockRatio`) in C:
 * per replicate, the draws' numbers per block of BLOCK_ROWS light rows and per heavy pair, one
 * multinomial from Poisson counts (poisson-multinomial.c); then each block's draws as uniform rows
 * of the block, three 10-bit fields of a 32-bit draw in a full block, Lemire's bounded integer
 * (xoshiroBelow) in the last, partial one. Every replicate takes the TypeScript's steps in its order
 * on its own stream, so the replicates have the same bits (test/kernels/native-block-ratio.test.ts).
 *
 * How: CHUNK replicates at a time, their block counts first (each replicate's counts come first on
 * its stream, as in the TypeScript), then block by block, every replicate of the chunk draws its
 * rows of the block, copied as (x, y) pairs (16 KB), so that they stay in the L1 cache across the
 * chunk and a draw is one 16-byte load and one vector addition. Four replicates at a time: their four
 * streams stepped in one vector, each step's outputs drawn at once, all four replicates' sums side by
 * side (eight independent chains of additions); with AVX2 and BMI2, fewer vector shifts and one
 * rorx a row offset (fullBlockAvx). On the family-23 EPYC: four streams' outputs generated first,
 * then summed two replicates side by side, took 0.77-0.90 ns a draw (twenty-first session),
 * 0.86-1.01 with the rows apart and 0.94-1.15 for two scalar streams; generated and drawn in one
 * loop, four replicates side by side, row offsets by a shift or rotation and a mask: 0.78-0.80 ->
 * 0.58-0.62 ns a draw in the same runs (twenty-second session). The counts as Poisson draws from
 * two or three tables (~325 a replicate of 333k rows, plus ~sqrt(n) draws left over at ~3 ns) instead
 * of sequential conditional binomials (~66 ns each, ~10 % of the process): 0.644-0.650 -> 0.594-0.596
 * ns a light draw in all, alternating builds.
 *
 * Why: n uniform rows per replicate gathered from the whole branch (8 MB per column at 1M rows) took
 * 23-24 ns per draw in TypeScript on the family-23 EPYC (a cache miss per draw; bench/RESULTS.md,
 * twenty-first session).
 */
#include "block-ratio.h"
#include <stdint.h>
#include <stdlib.h>
#include "poisson-multinomial.h"
#include "napi-helpers.h"

#define BLOCK_ROWS 1024 /* block-ratio.ts's: a full block's row is a 10-bit field */
#define CHUNK 256       /* replicates whose blocks are drawn together (a block's rows copied once per chunk): 64 -> 256, 0.586-0.602 -> 0.576-0.580 ns a draw */

/* One replicate's stream and its sums Σ x, Σ y over the blocks drawn so far. */
typedef struct {
  Xoshiro rng;
  double sn, sd;
} Replicate;

/* a row's (x, y): added with one vector addition, the same two IEEE additions as apart */
typedef double Pair __attribute__((vector_size(16)));

/* a block's two sets of sums (Σ x, Σ y): draw j of the block adds into `even` or `odd` as j is */
typedef struct {
  Pair even, odd;
} BlockSums;

/*
 * A full block's draws take their rows from 10-bit fields of a 32-bit output (bits 31-22, 21-12,
 * 11-2), by byte offsets (field << 4: 16 bytes a Pair): the output rotated so that the field lands at
 * bits 4-13, then masked; one rorx and one and with BMI2, where shift, mask and scale took three.
 * ROW64 reads field f of the output in bits at .. at + 31 of u (at 0 or 32).
 */
#define FIELD_ROWS 0x3ff0u
#define ROTR64(u, r) ((u) >> (r) | (u) << (64 - (r))) /* 0 < r < 64 */
#define ROW64(rows, u, at, f) (*(const Pair *)((const char *)(rows) + (ROTR64(u, ((at) + 18 - 10 * (f) + 64) % 64) & FIELD_ROWS)))

/* the three draws of the output in bits at .. at + 31 of u: the first and last into `first`, the middle one into `middle` */
static inline void addThree64(const Pair *rows, uint64_t u, int at, Pair *first, Pair *middle) {
  *first += ROW64(rows, u, at, 0);
  *middle += ROW64(rows, u, at, 1);
  *first += ROW64(rows, u, at, 2);
}

/* draws j, j + 1, j + 2 of a full block from one 32-bit output: the rows below `drawn` only */
static inline void addFields(const Pair *rows, uint64_t u, int j, int drawn, BlockSums *s) {
  for (int f = 0; f < 3 && j + f < drawn; f++) {
    if (((j + f) & 1) == 0) {
      s->even += ROW64(rows, u, 0, f);
    } else {
      s->odd += ROW64(rows, u, 0, f);
    }
  }
}

/* two outputs' six draws from an even j: sums 0, 1, 0 then 1, 0, 1 */
static inline void addSix(const Pair *rows, uint64_t u, uint64_t v, BlockSums *s) {
  addThree64(rows, u, 0, &s->even, &s->odd);
  addThree64(rows, v, 0, &s->odd, &s->even);
}

/* four replicates' xoshiro128** words, one lane each */
typedef uint32_t Words __attribute__((vector_size(16)));

/* one output of each lane's stream, the lanes' streams stepped (xoshiroNext lane by lane) */
typedef Words NextFour(Words *a, Words *b, Words *c, Words *d);

/* lanes 2h and 2h + 1 of u as one 64-bit word, the first in its low half */
typedef uint64_t LanePair(Words u, int h);

/* nextFour given t = b << 9 in every lane (x·5 and x·9 as shifts and additions, as GCC would make pmulld's) */
static inline Words nextFourWith(Words *a, Words *b, Words *c, Words *d, Words t) {
  const Words x = (*b << 2) + *b;
  const Words r = (x << 7) | (x >> 25);
  const Words result = (r << 3) + r;
  *c ^= *a;
  *d ^= *b;
  *b ^= *c;
  *a ^= *d;
  *c ^= t;
  *d = (*d << 11) | (*d >> 21);
  return result;
}

/* nextFour in SSE2 */
static inline Words nextFour(Words *a, Words *b, Words *c, Words *d) { return nextFourWith(a, b, c, d, *b << 9); }

static inline uint64_t lanePair(Words u, int h) { return u[2 * h] | (uint64_t)u[2 * h + 1] << 32; }

/* the rest of a replicate's draws of a full block, j .. drawn, from its own stream (three fields an output) */
static inline void drawRest(const Pair *rows, Xoshiro *rng, int j, int drawn, BlockSums *s) {
  for (; j + 6 <= drawn; j += 6) {
    const uint32_t u = xoshiroNext(rng);
    addSix(rows, u, xoshiroNext(rng), s);
  }
  for (; j < drawn; j += 3) addFields(rows, xoshiroNext(rng), j, drawn, s);
}

/* the block's sums into the replicate's: Σ x += even x + odd x, Σ y += even y + odd y */
static inline void endBlock(Replicate *p, const BlockSums *s) {
  p->sn += s->even[0] + s->odd[0];
  p->sd += s->even[1] + s->odd[1];
}

/*
 * the three draws of each lane's output u[l] into s[l], its first and last into the even sums (the
 * odd ones if `odd`), each output consumed before the next step (with both steps' outputs live, GCC
 * spilled an accumulator)
 */
static inline __attribute__((always_inline)) void addOutputs(const Pair *rows, Words u, LanePair *pair, BlockSums *s, int odd) {
  for (int l = 0; l < 4; l++) {
    Pair *first = odd ? &s[l].odd : &s[l].even, *middle = odd ? &s[l].even : &s[l].odd;
    addThree64(rows, pair(u, l / 2), 32 * (l % 2), first, middle);
  }
}

/*
 * the draws of a full block for replicates p[0 .. lanes), lanes 1 to 4 (missing lanes step a copy of
 * lane 0 and are dropped): while every lane draws six more, two outputs of the four streams (two
 * vector steps) and their six draws per lane, in one loop (the steps, on the vector pipes, overlap
 * the draws' gathers and additions); then each lane's rest from its own stream
 */
static inline __attribute__((always_inline)) void fullBlockWith(const Pair *rows, const int32_t *drawn, Replicate *p, int lanes, NextFour *next,
                                                                LanePair *pair) {
  Words a, b, c, d;
  int common = INT32_MAX;
  for (int l = 0; l < 4; l++) {
    const Replicate *q = &p[l < lanes ? l : 0];
    a[l] = q->rng.a;
    b[l] = q->rng.b;
    c[l] = q->rng.c;
    d[l] = q->rng.d;
    if (l < lanes) common = drawn[l] < common ? drawn[l] : common;
  }
  BlockSums s[4] = {{{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}, {{0, 0}, {0, 0}}};
  int j = 0;
  for (; j + 6 <= common; j += 6) {
    addOutputs(rows, next(&a, &b, &c, &d), pair, s, 0);
    addOutputs(rows, next(&a, &b, &c, &d), pair, s, 1);
  }
  for (int l = 0; l < lanes; l++) {
    Xoshiro rng = {a[l], b[l], c[l], d[l]};
    drawRest(rows, &rng, j, drawn[l], &s[l]);
    p[l].rng = rng;
    endBlock(&p[l], &s[l]);
  }
}

static void fullBlockSse2(const Pair *rows, const int32_t *drawn, Replicate *p, int lanes) {
  fullBlockWith(rows, drawn, p, lanes, nextFour, lanePair);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#define AVX __attribute__((target("avx2,bmi2"))) /* the kernel's target: AVX2 and BMI2 */

/*
 * With AVX2 and BMI2 (AVX's 128-bit forms, rorx): b << 9 as a byte shuffle and an addition, a lane
 * pair by one pextrq, and each field by one rorx and a mask. Zen 1 (family 23) shifts vectors on
 * one of its four FP pipes; the 64-bit extracts halve the moves to integer registers; the
 * three-operand forms drop copies. There, alternating builds: the SSE2 kernel 0.69 ns a draw against
 * 0.62 (e4627c0), then rorx 0.689-0.691 -> 0.666-0.672 (bench/RESULTS.md, twenty-second session).
 * x·5 and x·9 by pmulld (kept from GCC's strength reduction) were slower, 0.677-0.682.
 */
AVX static inline Words nextFourAvx(Words *a, Words *b, Words *c, Words *d) {
  const Words t8 = (Words)_mm_shuffle_epi8((__m128i)*b, _mm_setr_epi8(-128, 0, 1, 2, -128, 4, 5, 6, -128, 8, 9, 10, -128, 12, 13, 14));
  return nextFourWith(a, b, c, d, t8 + t8);
}

AVX static inline uint64_t lanePairAvx(Words u, int h) {
  return (uint64_t)(h == 0 ? _mm_cvtsi128_si64((__m128i)u) : _mm_extract_epi64((__m128i)u, 1));
}

AVX static void fullBlockAvx(const Pair *rows, const int32_t *drawn, Replicate *p, int lanes) {
  fullBlockWith(rows, drawn, p, lanes, nextFourAvx, lanePairAvx);
}

static int hasAvx(void) {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2");
}
#else
static void fullBlockAvx(const Pair *rows, const int32_t *drawn, Replicate *p, int lanes) { fullBlockSse2(rows, drawn, p, lanes); }
static int hasAvx(void) { return 0; }
#endif

/* the last block, of `size` < BLOCK_ROWS rows: Lemire's exact bounded integer per draw */
static void partialBlock(const double *x, const double *y, uint32_t size, int drawn, Replicate *p) {
  const uint32_t reject = xoshiroReject(size);
  BlockSums s = {{0, 0}, {0, 0}};
  Xoshiro rng = p->rng;
  for (int j = 0; j < drawn; j++) {
    const uint32_t row = xoshiroBelow(&rng, size, reject);
    if ((j & 1) == 0) {
      s.even += (Pair){x[row], y[row]};
    } else {
      s.odd += (Pair){x[row], y[row]};
    }
  }
  p->rng = rng;
  endBlock(p, &s);
}

/* The rows: the light ones (x, y) in their order, and the heavy pairs by decreasing count. */
typedef struct {
  const double *x, *y;
  size_t light;
  const double *heavyX, *heavyY, *heavyCounts;
  size_t heavy;
  double n; /* light + Σ heavyCounts */
} Rows;

/* block-ratio.ts's blocksPlan: the blocks of light rows (a last, partial one), then the heavy pairs: 0, or -1 when out of memory */
static int blocksPlan(MultinomialPlan *plan, const Rows *rows, size_t blocks) {
  double *sizes = malloc(sizeof(double) * (blocks + rows->heavy + 1));
  if (sizes == NULL) return -1;
  for (size_t k = 0; k < blocks; k++) sizes[k] = k + 1 < blocks ? BLOCK_ROWS : (double)(rows->light - k * BLOCK_ROWS);
  for (size_t k = 0; k < rows->heavy; k++) sizes[blocks + k] = rows->heavyCounts[k];
  const int status = multinomialPlanBuild(plan, sizes, (int32_t)(blocks + rows->heavy));
  free(sizes);
  return status;
}

/*
 * replicate p's draws per block of light rows into counts[k * CHUNK] and per heavy pair (one
 * multinomial, block-ratio.ts's blockRatio, in its order on p's stream), and its sums started with
 * the heavy pairs'
 */
static void drawCounts(const Rows *rows, const MultinomialPlan *plan, size_t blocks, Replicate *p, int32_t *counts, double *perCategory) {
  multinomialDraw(plan, &p->rng, perCategory);
  for (size_t k = 0; k < blocks; k++) counts[k * CHUNK] = (int32_t)perCategory[k];
  p->sn = 0;
  p->sd = 0;
  for (size_t k = 0; k < rows->heavy; k++) {
    p->sn += perCategory[blocks + k] * rows->heavyX[k];
    p->sd += perCategory[blocks + k] * rows->heavyY[k];
  }
}

/* out[r] for the `count` streams of seeds, full blocks by fullBlockAvx if avx: 0, or -1 when out of memory */
static int blockRatiosOf(const Rows *rows, const uint32_t *seeds, size_t count, int avx, double *out) {
  const size_t light = rows->light, blocks = (light + BLOCK_ROWS - 1) / BLOCK_ROWS;
  void (*const fullBlock)(const Pair *, const int32_t *, Replicate *, int) = avx ? fullBlockAvx : fullBlockSse2;
  Replicate reps[CHUNK];
  Pair pairs[BLOCK_ROWS] __attribute__((aligned(64))); /* a full block's rows as (x, y): 16 KB */
  int32_t *counts = malloc(sizeof(int32_t) * CHUNK * (blocks > 0 ? blocks : 1)); /* counts[k * CHUNK + r]: replicate r's draws in block k */
  double *perCategory = malloc(sizeof(double) * (blocks + rows->heavy + 1)); /* one replicate's multinomial */
  MultinomialPlan plan;
  if (counts == NULL || perCategory == NULL || blocksPlan(&plan, rows, blocks) != 0) {
    free(counts);
    free(perCategory);
    return -1;
  }
  for (size_t from = 0; from < count; from += CHUNK) {
    const int chunk = count - from < CHUNK ? (int)(count - from) : CHUNK;
    for (int r = 0; r < chunk; r++) {
      xoshiroReseed(&reps[r].rng, seeds[from + r]);
      drawCounts(rows, &plan, blocks, &reps[r], counts + r, perCategory);
    }
    for (size_t k = 0; k < blocks; k++) {
      const double *xb = rows->x + k * BLOCK_ROWS, *yb = rows->y + k * BLOCK_ROWS;
      const int32_t *drawn = counts + k * CHUNK;
      if (light - k * BLOCK_ROWS < BLOCK_ROWS) {
        for (int r = 0; r < chunk; r++) partialBlock(xb, yb, (uint32_t)(light - k * BLOCK_ROWS), drawn[r], &reps[r]);
        continue;
      }
      for (int i = 0; i < BLOCK_ROWS; i++) pairs[i] = (Pair){xb[i], yb[i]};
      for (int r = 0; r < chunk; r += 4) fullBlock(pairs, drawn + r, &reps[r], chunk - r < 4 ? chunk - r : 4);
    }
    for (int r = 0; r < chunk; r++) out[from + (size_t)r] = reps[r].sn / reps[r].sd;
  }
  free(counts);
  free(perCategory);
  multinomialPlanFree(&plan);
  return 0;
}

/*
 * blockRatios(x, y, heavyX, heavyY, heavyCounts, n, blockRows, seeds, out, avx): out[r] = the
 * replicate of the stream seeds[r] over the light rows (x, y) and the heavy pairs (heavyX, heavyY)
 * of heavyCounts rows each (largest first), n rows in all; blockRows must be BLOCK_ROWS (the
 * TypeScript's constant, checked so the two agree); avx: full blocks by the AVX kernel where this
 * CPU has AVX2 and BMI2, else by SSE2's (the same bits).
 */
napi_value blockRatios(napi_env env, napi_callback_info info) {
  napi_value argv[10];
  if (!exactArguments(env, info, argv, 10, "blockRatios")) return NULL;
  Rows rows;
  size_t ny = 0, nhy = 0, nhc = 0;
  rows.x = typedArrayData(env, argv[0], napi_float64_array, &rows.light);
  rows.y = typedArrayData(env, argv[1], napi_float64_array, &ny);
  if (rows.x == NULL || rows.y == NULL || ny != rows.light || rows.light > INT32_MAX) {
    napi_throw_type_error(env, NULL, "blockRatios: x and y must be Float64Arrays of one length");
    return NULL;
  }
  rows.heavyX = typedArrayData(env, argv[2], napi_float64_array, &rows.heavy);
  rows.heavyY = typedArrayData(env, argv[3], napi_float64_array, &nhy);
  rows.heavyCounts = typedArrayData(env, argv[4], napi_float64_array, &nhc);
  if (rows.heavyX == NULL || rows.heavyY == NULL || rows.heavyCounts == NULL || nhy != rows.heavy || nhc != rows.heavy) {
    napi_throw_type_error(env, NULL, "blockRatios: heavyX, heavyY and heavyCounts must be Float64Arrays of one length");
    return NULL;
  }
  double total = (double)rows.light;
  for (size_t k = 0; k < rows.heavy; k++) {
    if (!(rows.heavyCounts[k] >= 1 && rows.heavyCounts[k] == (double)(int64_t)rows.heavyCounts[k])) {
      napi_throw_range_error(env, NULL, "blockRatios: heavyCounts must be positive integers");
      return NULL;
    }
    total += rows.heavyCounts[k];
  }
  if (napi_get_value_double(env, argv[5], &rows.n) != napi_ok || !(rows.n == total) || rows.n == 0 || rows.n > INT32_MAX) {
    napi_throw_range_error(env, NULL, "blockRatios: n must be the number of rows, x's length plus the heavy counts, in [1, 2^31)");
    return NULL;
  }
  int32_t blockRows = 0;
  if (napi_get_value_int32(env, argv[6], &blockRows) != napi_ok || blockRows != BLOCK_ROWS) {
    napi_throw_range_error(env, NULL, "blockRatios: blockRows must be 1024, block-ratio.ts's BLOCK_ROWS; rebuild the addon");
    return NULL;
  }
  const uint32_t *seeds;
  double *out;
  size_t count;
  if (!seedsAndOut(env, argv[7], argv[8], &seeds, &out, &count, "blockRatios")) return NULL;
  bool avx = false;
  if (napi_get_value_bool(env, argv[9], &avx) != napi_ok) {
    napi_throw_type_error(env, NULL, "blockRatios: avx must be a boolean");
    return NULL;
  }
  if (blockRatiosOf(&rows, seeds, count, avx && hasAvx(), out) != 0) napi_throw_error(env, NULL, "blockRatios: out of memory");
  return NULL;
}
