/*
 * The two passes of src/kernels/quantile-select.ts's pooledQuantileOf in C (addon contrail_sorts),
 * step for step, so the same sample, counts and gathered values: its selection then finds the same
 * order statistics. A value is skipped when it is NaN or the aligned `keep` value is.
 *
 * sampleValid(columns: Float64Array[], keep: Float64Array[] | null, stride, sample: Float64Array):
 * [m, s]: m values, every stride-th of them (the 0th first) into sample[0, s).
 * gatherBracket(columns, keep, lo, hi, window: Float64Array): [below, w]: the values below lo counted,
 * those in [lo, hi] into window[0, w); w = window.length + 1 when they do not fit (then it stops).
 *
 * Why native, measured (bench/RESULTS.md, fourteenth session): the two passes over 10M values took
 * 53-103 ms per quantile in JavaScript, twice per linear_model_mean fit, on the statistic's longer part.
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "napi-helpers.h"
#include "pooled-scan.h"

static double *float64s(napi_env env, napi_value value, size_t *length) {
  return typedArrayData(env, value, napi_float64_array, length);
}

void freePooled(Pooled *p) {
  free(p->values);
  free(p->keep);
  free(p->lengths);
}

int readPooled(napi_env env, napi_value columns, napi_value keep, Pooled *p, const char *function) {
  uint32_t count = 0;
  bool isArray = false;
  napi_valuetype keepType;
  napi_typeof(env, keep, &keepType);
  const int hasKeep = keepType != napi_null && keepType != napi_undefined;
  memset(p, 0, sizeof *p);
  if (napi_is_array(env, columns, &isArray) != napi_ok || !isArray || napi_get_array_length(env, columns, &count) != napi_ok) goto bad;
  p->count = count;
  p->values = calloc(count + 1, sizeof *p->values);
  p->lengths = calloc(count + 1, sizeof *p->lengths);
  p->keep = hasKeep ? calloc(count + 1, sizeof *p->keep) : NULL;
  if (p->values == NULL || p->lengths == NULL || (hasKeep && p->keep == NULL)) goto bad;
  for (uint32_t b = 0; b < count; b++) {
    napi_value column;
    size_t length;
    if (napi_get_element(env, columns, b, &column) != napi_ok) goto bad;
    p->values[b] = float64s(env, column, &length);
    if (p->values[b] == NULL) goto bad;
    p->lengths[b] = length;
    if (hasKeep) {
      napi_value aligned;
      size_t keepLength;
      if (napi_get_element(env, keep, b, &aligned) != napi_ok) goto bad;
      p->keep[b] = float64s(env, aligned, &keepLength);
      if (p->keep[b] == NULL || keepLength < length) goto bad;
    }
  }
  return 0;
bad:
  freePooled(p);
  char message[160];
  snprintf(message, sizeof message, "%s: columns and keep must be arrays of Float64Arrays, keep's as long as the columns'", function);
  napi_throw_type_error(env, NULL, message);
  return -1;
}

static napi_value pair(napi_env env, double a, double b) {
  napi_value result, x, y;
  napi_create_array_with_length(env, 2, &result);
  napi_create_double(env, a, &x);
  napi_create_double(env, b, &y);
  napi_set_element(env, result, 0, x);
  napi_set_element(env, result, 1, y);
  return result;
}

napi_value sampleValid(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!exactArguments(env, info, argv, 4, "sampleValid")) return NULL;
  Pooled p;
  if (readPooled(env, argv[0], argv[1], &p, "sampleValid") != 0) return NULL;
  double strideArgument;
  size_t capacity;
  double *sample = float64s(env, argv[3], &capacity);
  if (napi_get_value_double(env, argv[2], &strideArgument) != napi_ok || !(strideArgument >= 1) || sample == NULL) {
    freePooled(&p);
    napi_throw_type_error(env, NULL, "sampleValid: stride must be a number >= 1 and sample a Float64Array");
    return NULL;
  }
  const size_t stride = (size_t)strideArgument;
  size_t m = 0, s = 0, next = 0;
  for (size_t b = 0; b < p.count; b++) {
    const double *c = p.values[b];
    const double *k = p.keep != NULL ? p.keep[b] : NULL;
    for (size_t i = 0, n = p.lengths[b]; i < n; i++) {
      const double v = c[i];
      if (v != v || (k != NULL && k[i] != k[i])) continue;
      if (m == next) {
        if (s < capacity) sample[s] = v;
        s++;
        next += stride;
      }
      m++;
    }
  }
  freePooled(&p);
  if (s > capacity) {
    napi_throw_range_error(env, NULL, "sampleValid: sample is too short for one value in every stride");
    return NULL;
  }
  return pair(env, (double)m, (double)s);
}

napi_value gatherBracket(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!exactArguments(env, info, argv, 5, "gatherBracket")) return NULL;
  Pooled p;
  if (readPooled(env, argv[0], argv[1], &p, "gatherBracket") != 0) return NULL;
  double lo, hi;
  size_t capacity;
  double *window = float64s(env, argv[4], &capacity);
  if (napi_get_value_double(env, argv[2], &lo) != napi_ok || napi_get_value_double(env, argv[3], &hi) != napi_ok || window == NULL) {
    freePooled(&p);
    napi_throw_type_error(env, NULL, "gatherBracket: lo and hi must be numbers and window a Float64Array");
    return NULL;
  }
  size_t below = 0, w = 0;
  for (size_t b = 0; b < p.count && w <= capacity; b++) {
    const double *c = p.values[b];
    const double *k = p.keep != NULL ? p.keep[b] : NULL;
    for (size_t i = 0, n = p.lengths[b]; i < n; i++) {
      const double v = c[i];
      if (v != v || (k != NULL && k[i] != k[i])) continue;
      if (v < lo) {
        below++;
      } else if (v <= hi) {
        if (w == capacity) {
          w++; /* too many: the caller copies and selects all */
          break;
        }
        window[w++] = v;
      }
    }
  }
  freePooled(&p);
  return pair(env, (double)below, (double)w);
}
