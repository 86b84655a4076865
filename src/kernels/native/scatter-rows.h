#ifndef CONTRAIL_SCATTER_ROWS_H
#define CONTRAIL_SCATTER_ROWS_H
#include <node_api.h>

napi_value scatterNumbers(napi_env env, napi_callback_info info);
napi_value scatterValues(napi_env env, napi_callback_info info);
napi_value scatterBytes(napi_env env, napi_callback_info info);

#endif
