/*
 * Whole-array checks of Float64Arrays that a 10M-row linear_model_mean runs on its critical path:
 *
 * sameFloat64(a, b): a.length === b.length and a[i] === b[i] for every i (so a NaN never equals:
 *   join-covariates.ts's sameKeys, whose null ids hash to NaN);
 * hasNaN(values): some values[i] !== values[i] (linear-model-mean.ts's hasNull).
 *
 * Plain loops (GCC does not vectorize these compares while floating-point compares may trap, its
 * default; a scalar compare per element already keeps up with the memory). Why C: in JavaScript each
 * took ~40 ms per 10M values of lmm 10M (perf; ~80 ms of its 2.7-3.1 s) (bench/RESULTS.md, nineteenth
 * session).
 */
#include "float64-scans.h"
#include "napi-helpers.h"

static napi_value boolean(napi_env env, int value) {
  napi_value result;
  napi_get_boolean(env, value != 0, &result);
  return result;
}

napi_value sameFloat64(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  if (!exactArguments(env, info, argv, 2, "sameFloat64")) return NULL;
  size_t n = 0, m = 0;
  const double *a = typedArrayData(env, argv[0], napi_float64_array, &n);
  const double *b = typedArrayData(env, argv[1], napi_float64_array, &m);
  if (a == NULL || b == NULL) {
    napi_throw_type_error(env, NULL, "sameFloat64: a and b must be Float64Arrays");
    return NULL;
  }
  if (n != m) return boolean(env, 0);
  for (size_t i = 0; i < n; i++) {
    if (!(a[i] == b[i])) return boolean(env, 0);
  }
  return boolean(env, 1);
}

napi_value hasNaN(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!exactArguments(env, info, argv, 1, "hasNaN")) return NULL;
  size_t n = 0;
  const double *values = typedArrayData(env, argv[0], napi_float64_array, &n);
  if (values == NULL) {
    napi_throw_type_error(env, NULL, "hasNaN: values must be a Float64Array");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    if (values[i] != values[i]) return boolean(env, 1);
  }
  return boolean(env, 0);
}
