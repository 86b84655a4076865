/* binomial-sample.c: src/kernels/binomial-sample.ts's Binomial(n, p) draws in C, the same bits. */
#ifndef CONTRAIL_BINOMIAL_SAMPLE_H
#define CONTRAIL_BINOMIAL_SAMPLE_H
#include <node_api.h>
#include "xoshiro.h"

/* One Binomial(n, p)'s method and constants, computed once for any number of draws. */
typedef struct {
  double n, p, q; /* p <= 1/2: the draw is n - X when `flip` */
  int flip;
  int method; /* BINOMIAL_CONSTANT (0 or n), BINOMIAL_INVERSION or BINOMIAL_BTRS */
  double constant;
  double s, a, r0, bound;         /* inversion */
  double b, ab, c, vr, alpha, m;  /* BTRS (ab: its a) */
} Binomial;

enum { BINOMIAL_CONSTANT, BINOMIAL_INVERSION, BINOMIAL_BTRS };

/* n a non-negative integer below 2^53, p in [0, 1] */
void binomialSetup(Binomial *binomial, double n, double p);
double binomialDraw(const Binomial *binomial, Xoshiro *rng);

napi_value binomialDraws(napi_env env, napi_callback_info info);

#endif
