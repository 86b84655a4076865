#ifndef CONTRAIL_FLOAT64_SCANS_H
#define CONTRAIL_FLOAT64_SCANS_H
#include <node_api.h>

napi_value sameFloat64(napi_env env, napi_callback_info info);
napi_value hasNaN(napi_env env, napi_callback_info info);

#endif
