/*
 * The second pass's scatters of src/engine/partition-two-pass.ts, row i of a batch to index at[i] of
 * the column's buffer (skipped where at[i] < 0), the same writes as its JavaScript:
 *
 * scatterNumbers(source: Float64Array, at: Int32Array, values: Float64Array)
 * scatterValues(source: Float64Array, sourceValid: Uint8Array, at: Int32Array, values: Float64Array, valid: Uint8Array):
 *   the value and, where sourceValid[i] is 1, bit at[i] of valid
 * scatterBytes(source: Uint8Array, at: Int32Array, out: Uint8Array)
 *
 * source (and sourceValid) hold at least at.length rows; an index past the buffer throws a RangeError
 * (JavaScript drops such a write; here it would corrupt memory). The slots of a 10M-row table are a
 * random permutation within each branch, so each write is a cache miss: the prefetch 16 rows ahead
 * overlaps them. Why C: 10M values in 109-116 ms against ~140 ms warm in JavaScript and 179 ms as
 * linear_model_mean 10M's reader threads ran it (perf), where the scatters are ~7 % of a table's CPU
 * (bench/RESULTS.md, nineteenth session).
 */
#include "scatter-rows.h"
#include <stdint.h>
#include <string.h>
#include "napi-helpers.h"

#define AHEAD 16

/* the batch's rows (at's length) and its target's length, or -1 with a TypeError thrown */
static int64_t rowsOf(napi_env env, napi_value sourceValue, napi_typedarray_type sourceType, napi_value atValue, const void **source,
                      const int32_t **at, const char *function) {
  size_t nSource = 0, nAt = 0;
  *source = typedArrayData(env, sourceValue, sourceType, &nSource);
  *at = typedArrayData(env, atValue, napi_int32_array, &nAt);
  if (*source == NULL || *at == NULL || nSource < nAt) {
    char message[160];
    snprintf(message, sizeof message, "%s: source must be a %s holding a row for each slot of at, an Int32Array", function,
             sourceType == napi_float64_array ? "Float64Array" : "Uint8Array");
    napi_throw_type_error(env, NULL, message);
    return -1;
  }
  return (int64_t)nAt;
}

static napi_value past(napi_env env, const char *function) {
  char message[128];
  snprintf(message, sizeof message, "%s: a slot of at is past the end of the target", function);
  napi_throw_range_error(env, NULL, message);
  return NULL;
}

/*
 * scatterNumbers (width 8) and scatterBytes (width 1): source row i to target[at[i]]. Inlined with a
 * constant width, each becomes a loop of plain loads and stores.
 */
static inline napi_value scatterPlain(napi_env env, napi_callback_info info, napi_typedarray_type type, size_t width, const char *function) {
  napi_value argv[3];
  if (!exactArguments(env, info, argv, 3, function)) return NULL;
  const uint8_t *source;
  const int32_t *at;
  const int64_t n = rowsOf(env, argv[0], type, argv[1], (const void **)&source, &at, function);
  if (n < 0) return NULL;
  size_t length = 0;
  uint8_t *target = typedArrayData(env, argv[2], type, &length);
  if (target == NULL) {
    char message[96];
    snprintf(message, sizeof message, "%s: the target must be a %s", function, type == napi_float64_array ? "Float64Array" : "Uint8Array");
    napi_throw_type_error(env, NULL, message);
    return NULL;
  }
  int outside = 0;
  for (int64_t i = 0; i < n; i++) {
    if (width > 1 && i + AHEAD < n && (uint32_t)at[i + AHEAD] < length) __builtin_prefetch(target + width * (size_t)at[i + AHEAD], 1, 0);
    const int32_t p = at[i];
    if (p < 0) continue;
    if ((size_t)p >= length) {
      outside = 1;
      continue;
    }
    memcpy(target + width * (size_t)p, source + width * (size_t)i, width);
  }
  return outside ? past(env, function) : NULL;
}

napi_value scatterNumbers(napi_env env, napi_callback_info info) {
  return scatterPlain(env, info, napi_float64_array, sizeof(double), "scatterNumbers");
}

napi_value scatterBytes(napi_env env, napi_callback_info info) {
  return scatterPlain(env, info, napi_uint8_array, 1, "scatterBytes");
}

napi_value scatterValues(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!exactArguments(env, info, argv, 5, "scatterValues")) return NULL;
  const double *source;
  const int32_t *at;
  const int64_t n = rowsOf(env, argv[0], napi_float64_array, argv[2], (const void **)&source, &at, "scatterValues");
  if (n < 0) return NULL;
  size_t nSourceValid = 0, length = 0, validBytes = 0;
  const uint8_t *sourceValid = typedArrayData(env, argv[1], napi_uint8_array, &nSourceValid);
  double *values = typedArrayData(env, argv[3], napi_float64_array, &length);
  uint8_t *valid = typedArrayData(env, argv[4], napi_uint8_array, &validBytes);
  if (sourceValid == NULL || values == NULL || valid == NULL || nSourceValid < (size_t)n) {
    napi_throw_type_error(env, NULL, "scatterValues: sourceValid must be a Uint8Array as long as at, values a Float64Array and valid a Uint8Array");
    return NULL;
  }
  int outside = 0;
  for (int64_t i = 0; i < n; i++) {
    if (i + AHEAD < n && (uint32_t)at[i + AHEAD] < length) __builtin_prefetch(values + at[i + AHEAD], 1, 0);
    const int32_t p = at[i];
    if (p < 0) continue;
    if ((size_t)p >= length || (size_t)(p >> 3) >= validBytes) {
      outside = 1;
      continue;
    }
    values[p] = source[i];
    if (sourceValid[i] == 1) valid[p >> 3] |= (uint8_t)(1u << (p & 7));
  }
  return outside ? past(env, "scatterValues") : NULL;
}
