/*
 * tallyBranches(out: Int32Array, enrolled: Uint8Array | null, kept: Int32Array, dropped: Float64Array):
 * src/kernels/tally-branches.ts's pass over a batch's branch indices (out[i], -1 for a null branch),
 * in one loop: a row without a branch adds 1 to dropped[0]; with `enrolled`, a row whose enrolled[i]
 * is 0 becomes -1 and adds 1 to dropped[1]; every other row adds 1 to kept[out[i]]. A branch index
 * past kept throws a RangeError (the rows before it are tallied).
 *
 * Why C: in JavaScript this loop and a second pass counting the kept rows per branch were ~0.13 s of
 * the calling thread's read of a 10M-row table, the critical path of lmm 10M (perf; bench/RESULTS.md,
 * nineteenth session).
 */
#include "tally-branches.h"
#include <stdint.h>
#include "napi-helpers.h"

napi_value tallyBranches(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!exactArguments(env, info, argv, 4, "tallyBranches")) return NULL;
  size_t n = 0, nEnrolled = 0, branches = 0, nDropped = 0;
  int32_t *out = typedArrayData(env, argv[0], napi_int32_array, &n);
  napi_valuetype enrolledType;
  napi_typeof(env, argv[1], &enrolledType);
  const uint8_t *enrolled = enrolledType == napi_null ? NULL : typedArrayData(env, argv[1], napi_uint8_array, &nEnrolled);
  int32_t *kept = typedArrayData(env, argv[2], napi_int32_array, &branches);
  double *dropped = typedArrayData(env, argv[3], napi_float64_array, &nDropped);
  if (out == NULL || kept == NULL || dropped == NULL || nDropped != 2 || (enrolledType != napi_null && (enrolled == NULL || nEnrolled < n))) {
    napi_throw_type_error(env, NULL,
                          "tallyBranches: out and kept must be Int32Arrays, enrolled null or a Uint8Array as long as out, dropped a Float64Array of 2");
    return NULL;
  }
  int64_t noBranch = 0, noEnrollment = 0;
  size_t i = 0;
  for (; i < n; i++) {
    const int32_t b = out[i];
    if (b < 0) {
      noBranch++;
    } else if (enrolled != NULL && enrolled[i] == 0) {
      out[i] = -1;
      noEnrollment++;
    } else if ((size_t)b < branches) {
      kept[b]++;
    } else {
      break;
    }
  }
  dropped[0] += (double)noBranch;
  dropped[1] += (double)noEnrollment;
  if (i < n) napi_throw_range_error(env, NULL, "tallyBranches: a branch index of out is past kept");
  return NULL;
}
