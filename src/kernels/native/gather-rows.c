/*
 * gatherRows(values: Float64Array, keep: Uint32Array, out: Float64Array): out[j] = values[keep[j]] for
 * every j of out, as src/kernels/gather-rows.ts does per block. keep must hold at least out.length
 * indices, each below values.length (checked: a RangeError, not a read past the array).
 *
 * Why C: a subset's rows are gathered for every column of every task over a (segment, basis) subset
 * and after each pretreatment that drops rows: 7.4 % of ten metrics at 10M clients (perf). 1.67M of
 * 3.3M rows, warm: 3.1-3.3 ms here against 5.5-5.8 ms in JavaScript (bench/RESULTS.md, nineteenth
 * session).
 */
#include "gather-rows.h"
#include <stdint.h>
#include "napi-helpers.h"

napi_value gatherRows(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!exactArguments(env, info, argv, 3, "gatherRows")) return NULL;
  size_t nValues = 0, nKeep = 0, nOut = 0;
  const double *values = typedArrayData(env, argv[0], napi_float64_array, &nValues);
  const uint32_t *keep = typedArrayData(env, argv[1], napi_uint32_array, &nKeep);
  double *out = typedArrayData(env, argv[2], napi_float64_array, &nOut);
  if (values == NULL || keep == NULL || out == NULL) {
    napi_throw_type_error(env, NULL, "gatherRows: values and out must be Float64Arrays and keep a Uint32Array");
    return NULL;
  }
  if (nKeep < nOut) {
    napi_throw_range_error(env, NULL, "gatherRows: keep must hold an index for every element of out");
    return NULL;
  }
  uint32_t beyond = 0;
  for (size_t j = 0; j < nOut; j++) {
    const uint32_t row = keep[j];
    beyond |= row >= nValues;
    out[j] = row < nValues ? values[row] : 0;
  }
  if (beyond) napi_throw_range_error(env, NULL, "gatherRows: an index of keep is past the end of values");
  return NULL;
}
