/* pooled-scan.c's Node-API functions, exported by the contrail_sorts module (radix-sort.c). */
#ifndef CONTRAIL_POOLED_SCAN_H
#define CONTRAIL_POOLED_SCAN_H
#include <node_api.h>

napi_value sampleValid(napi_env env, napi_callback_info info);
napi_value gatherBracket(napi_env env, napi_callback_info info);
napi_value packNonZero(napi_env env, napi_callback_info info);

#endif
