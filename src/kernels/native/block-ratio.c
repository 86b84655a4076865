/*
 * population_ratio's bootstrap by blocks of rows (src/kernels/ratio-bootstrap.ts, `blockRatio`) in C:
 * per replicate, the n draws' numbers per block of BLOCK_ROWS rows by sequential conditional
 * binomials (binomial-sample.c), then each block's draws as uniform rows of the block, three 10-bit
 * fields of a 32-bit draw in a full block, Lemire's bounded integer in the last, partial one. Every
 * replicate takes the TypeScript's steps in its order on its own stream, so the replicates have the
 * same bits (test/kernels/native-block-ratio.test.ts).
 *
 * How: CHUNK replicates at a time, their block counts first (each replicate's binomials come first
 * on its stream, as in the TypeScript), then block by block, every replicate of the chunk draws its
 * rows of the block, so the block's 16 KB of (x, y) stay in the L1 cache across the chunk; two
 * replicates draw side by side (their generators are independent chains).
 *
 * Why: n uniform rows per replicate gathered from the whole branch (8 MB per column at 1M rows) took
 * ~13 ns per draw in TypeScript (a cache miss per draw, bench/RESULTS.md, twenty-first session).
 */
#include "block-ratio.h"
#include <stdint.h>
#include <stdlib.h>
#include "binomial-sample.h"
#include "napi-helpers.h"

#define BLOCK_ROWS 1024 /* ratio-bootstrap.ts's: a full block's row is a 10-bit field */
#define CHUNK 64        /* replicates whose blocks are drawn together: 64 x 4 bytes of counts per block */

/* One replicate's stream and its four sums within the current block (draw j adds into sums j & 1). */
typedef struct {
  Xoshiro rng;
  double sn, sd;
} Replicate;

typedef struct {
  double n0, n1, d0, d1;
} BlockSums;

/* draws j, j + 1, j + 2 of a full block from one 32-bit output: the rows below `drawn` only */
static inline void addFields(const double *x, const double *y, uint32_t u, int j, int drawn, BlockSums *s) {
  const uint32_t rows[3] = {u >> 22, (u >> 12) & 1023u, (u >> 2) & 1023u};
  for (int f = 0; f < 3 && j + f < drawn; f++) {
    if (((j + f) & 1) == 0) {
      s->n0 += x[rows[f]];
      s->d0 += y[rows[f]];
    } else {
      s->n1 += x[rows[f]];
      s->d1 += y[rows[f]];
    }
  }
}

/* two outputs' six draws from an even j: sums 0, 1, 0 then 1, 0, 1 */
static inline void addSix(const double *x, const double *y, uint32_t u, uint32_t v, BlockSums *s) {
  const uint32_t a0 = u >> 22, a1 = (u >> 12) & 1023u, a2 = (u >> 2) & 1023u;
  const uint32_t b0 = v >> 22, b1 = (v >> 12) & 1023u, b2 = (v >> 2) & 1023u;
  s->n0 += x[a0];
  s->d0 += y[a0];
  s->n1 += x[a1];
  s->d1 += y[a1];
  s->n0 += x[a2];
  s->d0 += y[a2];
  s->n1 += x[b0];
  s->d1 += y[b0];
  s->n0 += x[b1];
  s->d0 += y[b1];
  s->n1 += x[b2];
  s->d1 += y[b2];
}

/* the draws [j, drawn) of a full block on one replicate's stream (j even) */
static inline void finishFull(const double *x, const double *y, int j, int drawn, Xoshiro *rng, BlockSums *s) {
  for (; j + 6 <= drawn; j += 6) {
    const uint32_t u = xoshiroNext(rng);
    const uint32_t v = xoshiroNext(rng);
    addSix(x, y, u, v, s);
  }
  for (; j < drawn; j += 3) addFields(x, y, xoshiroNext(rng), j, drawn, s);
}

/* the `drawn` draws of a full block for replicates p and q side by side, then each one's rest */
static void fullBlockPair(const double *x, const double *y, int drawnP, int drawnQ, Replicate *p, Replicate *q) {
  BlockSums sp = {0, 0, 0, 0}, sq = {0, 0, 0, 0};
  Xoshiro rp = p->rng, rq = q->rng; /* local copies: through the pointers GCC stored the words back at every draw */
  const int both = drawnP < drawnQ ? drawnP : drawnQ;
  int j = 0;
  for (; j + 6 <= both; j += 6) {
    const uint32_t u = xoshiroNext(&rp), v = xoshiroNext(&rp);
    const uint32_t w = xoshiroNext(&rq), z = xoshiroNext(&rq);
    addSix(x, y, u, v, &sp);
    addSix(x, y, w, z, &sq);
  }
  finishFull(x, y, j, drawnP, &rp, &sp);
  finishFull(x, y, j, drawnQ, &rq, &sq);
  p->rng = rp;
  q->rng = rq;
  p->sn += sp.n0 + sp.n1;
  p->sd += sp.d0 + sp.d1;
  q->sn += sq.n0 + sq.n1;
  q->sd += sq.d0 + sq.d1;
}

static void fullBlock(const double *x, const double *y, int drawn, Replicate *p) {
  BlockSums s = {0, 0, 0, 0};
  Xoshiro rng = p->rng;
  finishFull(x, y, 0, drawn, &rng, &s);
  p->rng = rng;
  p->sn += s.n0 + s.n1;
  p->sd += s.d0 + s.d1;
}

/* the last block, of `size` < BLOCK_ROWS rows: Lemire's exact bounded integer per draw */
static void partialBlock(const double *x, const double *y, uint32_t size, int drawn, Replicate *p) {
  const uint32_t reject = (uint32_t)((4294967296u - (uint64_t)size) % size);
  BlockSums s = {0, 0, 0, 0};
  Xoshiro rng = p->rng;
  for (int j = 0; j < drawn; j++) {
    uint64_t m;
    do {
      m = (uint64_t)xoshiroNext(&rng) * size;
    } while ((uint32_t)m < reject);
    const uint32_t row = (uint32_t)(m >> 32);
    if ((j & 1) == 0) {
      s.n0 += x[row];
      s.d0 += y[row];
    } else {
      s.n1 += x[row];
      s.d1 += y[row];
    }
  }
  p->rng = rng;
  p->sn += s.n0 + s.n1;
  p->sd += s.d0 + s.d1;
}

/* out[r] for the `count` streams of seeds; counts holds blocks x CHUNK entries */
static void blockRatiosOf(const double *x, const double *y, size_t n, const uint32_t *seeds, size_t count, double *out, int32_t *counts) {
  const size_t blocks = (n + BLOCK_ROWS - 1) / BLOCK_ROWS;
  Replicate reps[CHUNK];
  for (size_t from = 0; from < count; from += CHUNK) {
    const int chunk = count - from < CHUNK ? (int)(count - from) : CHUNK;
    for (int r = 0; r < chunk; r++) {
      Replicate *p = &reps[r];
      xoshiroReseed(&p->rng, seeds[from + r]);
      p->sn = 0;
      p->sd = 0;
      double remaining = (double)n, rowsLeft = (double)n;
      for (size_t k = 0; k < blocks; k++) {
        const double size = k + 1 < blocks ? BLOCK_ROWS : (double)(n - k * BLOCK_ROWS);
        double drawn = remaining;
        if (k + 1 < blocks) {
          drawn = 0;
          if (remaining > 0) {
            Binomial binomial;
            binomialSetup(&binomial, remaining, size / rowsLeft);
            drawn = binomialDraw(&binomial, &p->rng);
          }
        }
        counts[k * CHUNK + (size_t)r] = (int32_t)drawn;
        remaining -= drawn;
        rowsLeft -= size;
      }
    }
    for (size_t k = 0; k < blocks; k++) {
      const double *xb = x + k * BLOCK_ROWS, *yb = y + k * BLOCK_ROWS;
      const int32_t *drawn = counts + k * CHUNK;
      if (n - k * BLOCK_ROWS < BLOCK_ROWS) {
        for (int r = 0; r < chunk; r++) partialBlock(xb, yb, (uint32_t)(n - k * BLOCK_ROWS), drawn[r], &reps[r]);
        continue;
      }
      int r = 0;
      for (; r + 1 < chunk; r += 2) fullBlockPair(xb, yb, drawn[r], drawn[r + 1], &reps[r], &reps[r + 1]);
      if (r < chunk) fullBlock(xb, yb, drawn[r], &reps[r]);
    }
    for (int r = 0; r < chunk; r++) out[from + (size_t)r] = reps[r].sn / reps[r].sd;
  }
}

/*
 * blockRatios(x, y, blockRows, seeds, out): out[r] = the replicate of the stream seeds[r] over the
 * rows (x, y); blockRows must be BLOCK_ROWS (the TypeScript's constant, checked so the two agree).
 */
napi_value blockRatios(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!exactArguments(env, info, argv, 5, "blockRatios")) return NULL;
  size_t n = 0, ny = 0;
  const double *x = typedArrayData(env, argv[0], napi_float64_array, &n);
  const double *y = typedArrayData(env, argv[1], napi_float64_array, &ny);
  if (x == NULL || y == NULL || ny != n || n == 0 || n > INT32_MAX) {
    napi_throw_type_error(env, NULL, "blockRatios: x and y must be non-empty Float64Arrays of one length");
    return NULL;
  }
  int32_t blockRows = 0;
  if (napi_get_value_int32(env, argv[2], &blockRows) != napi_ok || blockRows != BLOCK_ROWS) {
    napi_throw_range_error(env, NULL, "blockRatios: blockRows must be 1024, ratio-bootstrap.ts's BLOCK_ROWS; rebuild the addon");
    return NULL;
  }
  const uint32_t *seeds;
  double *out;
  size_t count;
  if (!seedsAndOut(env, argv[3], argv[4], &seeds, &out, &count, "blockRatios")) return NULL;
  int32_t *counts = malloc(sizeof(int32_t) * CHUNK * ((n + BLOCK_ROWS - 1) / BLOCK_ROWS));
  if (counts == NULL) {
    napi_throw_error(env, NULL, "blockRatios: out of memory");
    return NULL;
  }
  blockRatiosOf(x, y, n, seeds, count, out, counts);
  free(counts);
  return NULL;
}
