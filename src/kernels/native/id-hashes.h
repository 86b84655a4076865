/* id-hashes.c's Node-API function, exported by the contrail_sorts module (radix-sort.c). */
#ifndef CONTRAIL_ID_HASHES_H
#define CONTRAIL_ID_HASHES_H
#include <node_api.h>

napi_value idHashes(napi_env env, napi_callback_info info);
/* Whether idHashes takes eight ids at a time on this CPU (AVX2). */
int idHashesFast(void);

#endif
