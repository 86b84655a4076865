/*
 * pooled-scan.c's Node-API functions, exported by the contrail_sorts module (radix-sort.c), and its
 * reading of pooled columns, shared with order-statistics.c.
 */
#ifndef CONTRAIL_POOLED_SCAN_H
#define CONTRAIL_POOLED_SCAN_H
#include <node_api.h>
#include <stddef.h>

/* The columns (and keep columns, or none) of a call: arrays of Float64Arrays of one length each. */
typedef struct {
  size_t count;
  const double **values;
  const double **keep; /* NULL: keep every value that is not NaN */
  size_t *lengths;
} Pooled;

/* Reads `columns` and `keep` (null or undefined: none) into p; 0, or -1 with a TypeError thrown naming `function`. */
int readPooled(napi_env env, napi_value columns, napi_value keep, Pooled *p, const char *function);
void freePooled(Pooled *p);

napi_value sampleValid(napi_env env, napi_callback_info info);
napi_value gatherBracket(napi_env env, napi_callback_info info);

#endif
