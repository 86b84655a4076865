/* multinomial-ratio.c's Node-API functions, exported by the contrail_sorts module (radix-sort.c). */
#ifndef CONTRAIL_MULTINOMIAL_RATIO_H
#define CONTRAIL_MULTINOMIAL_RATIO_H
#include <node_api.h>

napi_value multinomialRatios(napi_env env, napi_callback_info info);

#endif
