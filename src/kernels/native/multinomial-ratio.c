/*
 * population_ratio's bootstrap by counts (src/kernels/counts-ratio.ts, `multinomialRatio`) in C:
 * per replicate, a Poisson count per pair above the tail and one for the tail (poisson-table.c's
 * tables, pairs of one count sharing one), drawn again while their total exceeds n, the draws left
 * each a uniform row of all n (its category by a guide); then the pairs' sums and the tail's draws
 * one uniform tail row at a time; the replicate's xoshiro128** stream starts from its seed. Every
 * step is the TypeScript's, in its order, so the replicates have the same bits
 * (test/kernels/native-multinomial-ratio.test.ts).
 *
 * Why C: the demo's ad_click_rate took ~80 us per replicate of 323k clients (~490 binomials and
 * ~1,700 tail rows) in TypeScript against ~45 us here with sequential conditional binomials, ~36 us
 * with the tail from count 32 (bench/RESULTS.md, eighteenth session); a Poisson draw from a table
 * costs ~6 ns where a binomial took ~66 (twenty-second session).
 */
#include "multinomial-ratio.h"
#include <stdint.h>
#include <stdlib.h>
#include "napi-helpers.h"
#include "poisson-table.h"

/* counts-ratio.ts's Categories: the pairs above the tail, then the tail as one if it has rows */
typedef struct {
  int32_t count;
  double *start;     /* category k's rows [start[k], start[k + 1]), start[count] = n */
  PoissonTable *tables;
  int32_t tableCount;
  int32_t *tableOf;  /* category k's table */
  int32_t slots;     /* guide slots: GUIDE_SLOTS x count, at most n */
  int32_t *guide;    /* guide[b] (b <= slots): the first category with a row r of floor(r slots / n) >= b */
} Categories;

#define GUIDE_SLOTS 16 /* counts-ratio.ts's */

static void categoriesFree(Categories *c) {
  for (int32_t k = 0; k < c->tableCount; k++) poissonTableFree(&c->tables[k]);
  free(c->start);
  free(c->tables);
  free(c->tableOf);
  free(c->guide);
}

/* counts-ratio.ts's categories: 0, or -1 when out of memory */
static int categoriesBuild(Categories *c, const double *rest, int pairs, int tailStart, double n) {
  const int32_t count = tailStart + (tailStart < pairs ? 1 : 0);
  c->count = count;
  c->tableCount = 0;
  c->start = malloc(sizeof(double) * ((size_t)count + 1));
  c->tables = calloc((size_t)count + 1, sizeof(PoissonTable));
  c->tableOf = malloc(sizeof(int32_t) * ((size_t)count + 1));
  c->slots = (int32_t)fmin((double)GUIDE_SLOTS * count, n);
  c->guide = malloc(sizeof(int32_t) * ((size_t)c->slots + 1));
  if (c->start == NULL || c->tables == NULL || c->tableOf == NULL || c->guide == NULL) {
    categoriesFree(c);
    return -1;
  }
  for (int32_t k = 0; k < count; k++) c->start[k] = n - rest[k];
  c->start[count] = n;
  const double scale = poissonScale(n);
  for (int32_t k = 0; k < count; k++) {
    const double rows = c->start[k + 1] - c->start[k];
    if (k == 0 || rows != c->start[k] - c->start[k - 1]) {
      if (poissonTableBuild(&c->tables[c->tableCount], scale * rows) != 0) {
        categoriesFree(c);
        return -1;
      }
      c->tableCount++;
    }
    c->tableOf[k] = c->tableCount - 1;
  }
  for (int32_t b = 0, k = 0; b <= c->slots; b++) {
    while (k < count - 1 && floor(((c->start[k + 1] - 1) * c->slots) / n) < b) k++;
    c->guide[b] = k;
  }
  return 0;
}

/* counts-ratio.ts's multinomialRatio: one replicate on `rng`; drawn holds one count per category */
static double multinomialRatio(const double *x, const double *y, int tailStart, const int32_t *tailRows, uint32_t tailSize, double n,
                               const Categories *c, double *drawn, Xoshiro *rng) {
  double total = n + 1;
  while (total > n) {
    total = 0;
    for (int32_t k = 0; k < c->count; k++) {
      drawn[k] = poissonDraw(&c->tables[c->tableOf[k]], rng);
      total += drawn[k];
    }
  }
  /* the stream on a local copy: through `rng` GCC stored the four words back at every draw */
  Xoshiro local = *rng;
  const uint32_t all = (uint32_t)n, rejectAll = (uint32_t)((4294967296u - (uint64_t)all) % all);
  for (double left = n - total; left > 0; left--) {
    const uint32_t row = xoshiroBelow(&local, all, rejectAll);
    int32_t k = c->guide[(int32_t)floor(((double)row * c->slots) / n)];
    while (row >= c->start[k + 1]) k++;
    drawn[k]++;
  }
  double sn = 0, sd = 0;
  for (int k = 0; k < tailStart; k++) {
    sn += drawn[k] * x[k];
    sd += drawn[k] * y[k];
  }
  if (tailStart < c->count) {
    /* Lemire's exact bounded integer: reject the low words below (2^32 - size) mod size */
    const uint32_t reject = (uint32_t)((4294967296u - (uint64_t)tailSize) % tailSize);
    for (double left = drawn[tailStart]; left > 0; left--) {
      const int32_t pair = tailRows[xoshiroBelow(&local, tailSize, reject)];
      sn += x[pair];
      sd += y[pair];
    }
  }
  *rng = local;
  return sn / sd;
}

/*
 * multinomialRatios(x, y, counts, rest, tailStart, tailRows, n, seeds, out): out[r] = the replicate of
 * the stream seeds[r], over the pairs (x, y) with `counts` by decreasing count and rest[k] = Σ_{j>=k}
 * counts[j] (length pairs + 1); pairs from tailStart on are the tail, tailRows their rows' pair indices.
 */
napi_value multinomialRatios(napi_env env, napi_callback_info info) {
  napi_value argv[9];
  if (!exactArguments(env, info, argv, 9, "multinomialRatios")) return NULL;
  size_t pairs = 0, ny = 0, nCounts = 0, nRest = 0, tailSize = 0;
  const double *x = typedArrayData(env, argv[0], napi_float64_array, &pairs);
  const double *y = typedArrayData(env, argv[1], napi_float64_array, &ny);
  const double *counts = typedArrayData(env, argv[2], napi_float64_array, &nCounts);
  const double *rest = typedArrayData(env, argv[3], napi_float64_array, &nRest);
  int32_t tailStart = 0;
  const int32_t *tailRows = typedArrayData(env, argv[5], napi_int32_array, &tailSize);
  double n = 0;
  if (x == NULL || y == NULL || counts == NULL || rest == NULL || ny != pairs || nCounts != pairs || nRest != pairs + 1) {
    napi_throw_type_error(env, NULL, "multinomialRatios: x, y and counts must be Float64Arrays of one length, rest one longer");
    return NULL;
  }
  if (napi_get_value_int32(env, argv[4], &tailStart) != napi_ok || tailStart < 0 || (size_t)tailStart > pairs) {
    napi_throw_type_error(env, NULL, "multinomialRatios: tailStart must be an integer in [0, pairs]");
    return NULL;
  }
  if (tailRows == NULL || tailSize != (size_t)rest[tailStart] || tailSize > UINT32_MAX || ((size_t)tailStart < pairs && tailSize == 0)) {
    napi_throw_type_error(env, NULL, "multinomialRatios: tailRows must be an Int32Array of rest[tailStart] pair indices");
    return NULL;
  }
  for (size_t i = 0; i < tailSize; i++) {
    if (tailRows[i] < tailStart || (size_t)tailRows[i] >= pairs) {
      napi_throw_range_error(env, NULL, "multinomialRatios: tailRows must hold indices of tail pairs");
      return NULL;
    }
  }
  int suffixSums = rest[pairs] == 0;
  for (size_t k = 0; k < pairs && suffixSums; k++) suffixSums = counts[k] >= 1 && rest[k] == rest[k + 1] + counts[k];
  if (!suffixSums) {
    napi_throw_range_error(env, NULL, "multinomialRatios: counts must be positive and rest their suffix sums");
    return NULL;
  }
  if (napi_get_value_double(env, argv[6], &n) != napi_ok || !(n == rest[0])) {
    napi_throw_type_error(env, NULL, "multinomialRatios: n must be the number of rows, rest[0]");
    return NULL;
  }
  const uint32_t *seeds;
  double *out;
  size_t replicates;
  if (!seedsAndOut(env, argv[7], argv[8], &seeds, &out, &replicates, "multinomialRatios")) return NULL;
  Categories categories;
  double *drawn = malloc(sizeof(double) * (pairs + 1));
  if (drawn == NULL || categoriesBuild(&categories, rest, (int)pairs, tailStart, n) != 0) {
    free(drawn);
    napi_throw_error(env, NULL, "multinomialRatios: out of memory");
    return NULL;
  }
  Xoshiro rng;
  for (size_t r = 0; r < replicates; r++) {
    xoshiroReseed(&rng, seeds[r]);
    out[r] = multinomialRatio(x, y, tailStart, tailRows, (uint32_t)tailSize, n, &categories, drawn, &rng);
  }
  categoriesFree(&categories);
  free(drawn);
  return NULL;
}
