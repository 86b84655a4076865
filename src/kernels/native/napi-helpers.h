/*
 * What the addons' Node-API wrappers share (exponential-sums.c, radix-sort.c, parquet-chunk.c): a
 * function's exact arguments, and the module's exports (functions and the `abi` that
 * src/kernels/native-addon.ts checks).
 */
#ifndef CONTRAIL_NAPI_HELPERS_H
#define CONTRAIL_NAPI_HELPERS_H
#include <node_api.h>
#include <stdio.h>

/* 1 when the call passed exactly `count` arguments (now in argv); else 0, with a TypeError thrown. */
static inline int exactArguments(napi_env env, napi_callback_info info, napi_value *argv, size_t count, const char *function) {
  size_t argc = count;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc == count) return 1;
  char message[128];
  snprintf(message, sizeof message, "%s: expected %zu argument%s", function, count, count == 1 ? "" : "s");
  napi_throw_type_error(env, NULL, message);
  return 0;
}

/* The data of `value` when it is a typed array of `type` (its element count in *length); else NULL. */
static inline void *typedArrayData(napi_env env, napi_value value, napi_typedarray_type type, size_t *length) {
  bool is = false;
  napi_typedarray_type actual;
  void *data = NULL;
  if (napi_is_typedarray(env, value, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, value, &actual, length, &data, NULL, NULL) != napi_ok || actual != type) {
    return NULL;
  }
  /* an empty array may have no data pointer */
  static double empty[1];
  return data != NULL ? data : (void *)empty;
}

/*
 * A stream kernel's seeds (a Uint32Array, one stream each) and out (a Float64Array as long, one result
 * per stream) into *seeds, *out and *count; else 0, with a TypeError thrown.
 */
static inline int seedsAndOut(napi_env env, napi_value seedsValue, napi_value outValue, const uint32_t **seeds, double **out, size_t *count,
                              const char *function) {
  size_t nOut = 0;
  *seeds = typedArrayData(env, seedsValue, napi_uint32_array, count);
  *out = typedArrayData(env, outValue, napi_float64_array, &nOut);
  if (*seeds != NULL && *out != NULL && nOut == *count) return 1;
  char message[128];
  snprintf(message, sizeof message, "%s: seeds must be a Uint32Array and out a Float64Array as long", function);
  napi_throw_type_error(env, NULL, message);
  return 0;
}

/* exports[name] = a function calling `callback`. */
static inline void exportFunction(napi_env env, napi_value exports, const char *name, napi_callback callback) {
  napi_value fn;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, callback, NULL, &fn);
  napi_set_named_property(env, exports, name, fn);
}

/* exports.abi: the version of the module's exports, which the TypeScript calling them checks; raise it with any change to them. */
static inline void exportAbi(napi_env env, napi_value exports, int abi) {
  napi_value value;
  napi_create_int32(env, abi, &value);
  napi_set_named_property(env, exports, "abi", value);
}

#endif
