/*
 * population_ratio's bootstrap by counts (src/kernels/counts-ratio.ts, `multinomialRatio`) in C:
 * per replicate, the multiplicities of the pairs above the tail and of the tail together, one
 * multinomial from Poisson counts (poisson-multinomial.c); then the pairs' sums and the tail's draws
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
#include "poisson-multinomial.h"

/* counts-ratio.ts's multinomialRatio: one replicate on `rng`; drawn holds one count per category */
static double multinomialRatio(const double *x, const double *y, int tailStart, const int32_t *tailRows, uint32_t tailSize,
                               const MultinomialPlan *plan, double *drawn, Xoshiro *rng) {
  multinomialDraw(plan, rng, drawn);
  /* the stream on a local copy: through `rng` GCC stored the four words back at every draw */
  Xoshiro local = *rng;
  double sn = 0, sd = 0;
  for (int k = 0; k < tailStart; k++) {
    sn += drawn[k] * x[k];
    sd += drawn[k] * y[k];
  }
  if (tailStart < plan->count) {
    const uint32_t reject = xoshiroReject(tailSize);
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
  /* the categories (counts-ratio.ts's categoriesPlan): the pairs above the tail, then the tail as one when it has rows */
  double *rows = malloc(sizeof(double) * (pairs + 1)), *drawn = malloc(sizeof(double) * (pairs + 1));
  MultinomialPlan plan;
  const int32_t categories = tailStart + ((size_t)tailStart < pairs ? 1 : 0);
  if (rows != NULL) {
    for (int32_t k = 0; k < tailStart; k++) rows[k] = counts[k];
    if (categories > tailStart) rows[tailStart] = rest[tailStart];
  }
  if (rows == NULL || drawn == NULL || multinomialPlanBuild(&plan, rows, categories) != 0) {
    free(rows);
    free(drawn);
    napi_throw_error(env, NULL, "multinomialRatios: out of memory");
    return NULL;
  }
  Xoshiro rng;
  for (size_t r = 0; r < replicates; r++) {
    xoshiroReseed(&rng, seeds[r]);
    out[r] = multinomialRatio(x, y, tailStart, tailRows, (uint32_t)tailSize, &plan, drawn, &rng);
  }
  multinomialPlanFree(&plan);
  free(rows);
  free(drawn);
  return NULL;
}
