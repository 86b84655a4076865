#ifndef CONTRAIL_GATHER_ROWS_H
#define CONTRAIL_GATHER_ROWS_H
#include <node_api.h>

napi_value gatherRows(napi_env env, napi_callback_info info);

#endif
