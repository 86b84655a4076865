#ifndef CONTRAIL_SHARED_SUMS_PLAN_H
#define CONTRAIL_SHARED_SUMS_PLAN_H
#include <node_api.h>

napi_value planSharedSums(napi_env env, napi_callback_info info);

#endif
