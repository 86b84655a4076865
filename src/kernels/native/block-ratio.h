/* block-ratio.c's Node-API function, exported by the contrail_sorts module (radix-sort.c). */
#ifndef CONTRAIL_BLOCK_RATIO_H
#define CONTRAIL_BLOCK_RATIO_H
#include <node_api.h>

napi_value blockRatios(napi_env env, napi_callback_info info);

#endif
