#ifndef CONTRAIL_TALLY_BRANCHES_H
#define CONTRAIL_TALLY_BRANCHES_H
#include <node_api.h>

napi_value tallyBranches(napi_env env, napi_callback_info info);

#endif
