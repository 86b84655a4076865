/* branch-moments.c's Node-API function, exported by the contrail_sorts module (radix-sort.c). */
#ifndef CONTRAIL_BRANCH_MOMENTS_H
#define CONTRAIL_BRANCH_MOMENTS_H
#include <node_api.h>

napi_value branchMoments(napi_env env, napi_callback_info info);

#endif
