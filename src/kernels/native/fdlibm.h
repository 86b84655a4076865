/*
 * log, log1p and exp as V8 computes Math.log, Math.log1p and Math.exp (src/base/ieee754.cc: fdlibm,
 * by way of FreeBSD's msun), so that C kernels porting TypeScript reach the same bits; glibc's
 * versions may differ in the last place. test/kernels/native-fdlibm.test.ts compares them with Math.*.
 */
#ifndef CONTRAIL_FDLIBM_H
#define CONTRAIL_FDLIBM_H
#include <node_api.h>

double fdlibmLog(double x);
double fdlibmLog1p(double x);
double fdlibmExp(double x);

/* fdlibm(name, xs, out): the Node-API function the tests call */
napi_value fdlibm(napi_env env, napi_callback_info info);

#endif
