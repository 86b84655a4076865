/*
 * The linear model's per-branch sums in C (exported by the contrail_sorts module, radix-sort.c): the
 * two passes of src/kernels/ols-branch-sufficient.ts's momentsAndRawOf, the same operations in the
 * same order (built with -ffp-contract=off: no fused multiply-add), so the same bits.
 *
 * branchMoments(y: Float64Array, x: Float64Array | null, clipY: number, clipX: number, out:
 * Float64Array(12)): out = [n, Σ min(y, clipY), Σ min(x, clipX), nRaw, Σ y] over the rows used (y
 * non-null, and x when given) and every non-null y, then the centred sums [Σ dy, Σ dx, Σ dy², Σ dx²,
 * Σ dx·dy, Σ d, Σ d²] (dy, dx: clipped values less their means; d = y less the raw mean).
 *
 * Why native: the fit part of linear_model_mean runs after both tables are read, on the run's
 * critical path, and these passes are most of it: 102 -> 68 ms per 10M rows (bench/branch-moments-
 * cost.ts, warm). The adds of each sum wait for one another (their order is the result's bits), so
 * C gains less here than elsewhere.
 */
#include <math.h>
#include <node_api.h>
#include <stddef.h>
#include "branch-moments.h"
#include "napi-helpers.h"

/* JavaScript's Math.min of two numbers: NaN if either is, -0 below +0. */
static inline double jsMin(double a, double b) {
  if (a < b) return a;
  if (b < a) return b;
  if (a != a || b != b) return NAN;
  return signbit(a) ? a : b;
}

/* The kernel, as momentsAndRawOf runs its loops. x: NULL for none. */
static void moments(const double *y, const double *x, size_t n, double clipY, double clipX, double *out) {
  double count = 0, sumY = 0, sumX = 0, nRaw = 0, sumRaw = 0;
  for (size_t i = 0; i < n; i++) {
    const double v = y[i];
    if (v != v) continue;
    if (x == NULL) {
      count++;
      sumY += jsMin(v, clipY);
      nRaw++;
      sumRaw += v;
      continue;
    }
    nRaw++;
    sumRaw += v;
    const double w = x[i];
    if (w != w) continue;
    count++;
    sumY += jsMin(v, clipY);
    sumX += jsMin(w, clipX);
  }
  const double meanY = sumY / count;
  const double meanX = x == NULL ? 0 : sumX / count;
  const double meanRaw = sumRaw / nRaw;
  double dY = 0, dX = 0, syy = 0, sxx = 0, sxy = 0, dRaw = 0, syyRaw = 0;
  for (size_t i = 0; i < n; i++) {
    const double v = y[i];
    if (v != v) continue;
    if (x == NULL) {
      const double dy = jsMin(v, clipY) - meanY;
      dY += dy;
      syy += dy * dy;
      const double d = v - meanRaw;
      dRaw += d;
      syyRaw += d * d;
      continue;
    }
    const double d = v - meanRaw;
    dRaw += d;
    syyRaw += d * d;
    const double w = x[i];
    if (w != w) continue;
    const double dy = jsMin(v, clipY) - meanY;
    const double dx = jsMin(w, clipX) - meanX;
    dY += dy;
    dX += dx;
    syy += dy * dy;
    sxx += dx * dx;
    sxy += dx * dy;
  }
  const double result[12] = {count, sumY, sumX, nRaw, sumRaw, dY, dX, syy, sxx, sxy, dRaw, syyRaw};
  for (int k = 0; k < 12; k++) out[k] = result[k];
}

napi_value branchMoments(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!exactArguments(env, info, argv, 5, "branchMoments")) return NULL;
  size_t n, nx = 0, nOut;
  const double *y = typedArrayData(env, argv[0], napi_float64_array, &n);
  if (y == NULL) {
    napi_throw_type_error(env, NULL, "branchMoments: y must be a Float64Array");
    return NULL;
  }
  napi_valuetype xType;
  napi_typeof(env, argv[1], &xType);
  const double *x = NULL;
  if (xType != napi_null) {
    x = typedArrayData(env, argv[1], napi_float64_array, &nx);
    if (x == NULL || nx != n) {
      napi_throw_type_error(env, NULL, "branchMoments: x must be null or a Float64Array as long as y");
      return NULL;
    }
  }
  double clipY, clipX;
  if (napi_get_value_double(env, argv[2], &clipY) != napi_ok || napi_get_value_double(env, argv[3], &clipX) != napi_ok) {
    napi_throw_type_error(env, NULL, "branchMoments: clipY and clipX must be numbers");
    return NULL;
  }
  double *out = typedArrayData(env, argv[4], napi_float64_array, &nOut);
  if (out == NULL || nOut != 12) {
    napi_throw_type_error(env, NULL, "branchMoments: out must be a Float64Array of 12");
    return NULL;
  }
  moments(y, x, n, clipY, clipX, out);
  return NULL;
}
