/* order-statistics.c's Node-API functions, exported by the contrail_sorts module (radix-sort.c). */
#ifndef CONTRAIL_ORDER_STATISTICS_H
#define CONTRAIL_ORDER_STATISTICS_H
#include <node_api.h>

napi_value keyHistogram(napi_env env, napi_callback_info info);
napi_value selectRanks(napi_env env, napi_callback_info info);

#endif
