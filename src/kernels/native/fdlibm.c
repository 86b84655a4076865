/*
 * fdlibm's e_log.c, s_log1p.c and e_exp.c (as V8's Math.log, Math.log1p and Math.exp run them: exp(1)
 * is V8's one departure, Math.E), for
 * the C kernels that must give the TypeScript's bits (binomial-sample.c). Compiled with
 * -ffp-contract=off: a fused multiply-add would change the bits.
 *
 * Algorithms and coefficients from fdlibm 5.3, under its notice:
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunPro, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this software is freely granted, provided that
 *   this notice is preserved.
 */
#include "fdlibm.h"
#include <stdint.h>
#include <string.h>
#include "napi-helpers.h"

static int32_t highWord(double x) {
  uint64_t bits;
  memcpy(&bits, &x, 8);
  return (int32_t)(bits >> 32);
}

static uint32_t lowWord(double x) {
  uint64_t bits;
  memcpy(&bits, &x, 8);
  return (uint32_t)bits;
}

static double withHighWord(double x, int32_t high) {
  uint64_t bits;
  memcpy(&bits, &x, 8);
  bits = ((uint64_t)(uint32_t)high << 32) | (bits & 0xffffffffu);
  memcpy(&x, &bits, 8);
  return x;
}

static const double LN2_HI = 6.93147180369123816490e-01; /* 3fe62e42 fee00000 */
static const double LN2_LO = 1.90821492927058770002e-10; /* 3dea39ef 35793c76 */
static const double TWO54 = 1.80143985094819840000e+16;  /* 43500000 00000000 */
/* the series of log(1 + f) = 2s + s·R(s²), s = f / (2 + f) (e_log.c's Lg1-Lg7, s_log1p.c's Lp1-Lp7) */
static const double L1 = 6.666666666666735130e-01; /* 3FE55555 55555593 */
static const double L2 = 3.999999999940941908e-01; /* 3FD99999 9997FA04 */
static const double L3 = 2.857142874366239149e-01; /* 3FD24924 94229359 */
static const double L4 = 2.222219843214978396e-01; /* 3FCC71C5 1D8E78AF */
static const double L5 = 1.818357216161805012e-01; /* 3FC74664 96CB03DE */
static const double L6 = 1.531383769920937332e-01; /* 3FC39A09 D078C69F */
static const double L7 = 1.479819860511658591e-01; /* 3FC2F112 DF3E5244 */

double fdlibmLog(double x) {
  int32_t hx = highWord(x);
  const uint32_t lx = lowWord(x);
  int32_t k = 0;
  if (hx < 0x00100000) { /* x < 2^-1022 */
    if (((hx & 0x7fffffff) | lx) == 0) return -TWO54 / 0.0; /* log(±0) = -inf */
    if (hx < 0) return (x - x) / 0.0;                        /* log(-#) = NaN */
    k -= 54;
    x *= TWO54; /* subnormal: scale up */
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  int32_t i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); /* normalize x or x/2 */
  k += i >> 20;
  const double f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) { /* -2^-20 <= f < 2^-20 */
    if (f == 0.0) {
      if (k == 0) return 0.0;
      const double dk = (double)k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const double r = f * f * (0.5 - 0.33333333333333333 * f);
    if (k == 0) return f - r;
    const double dk = (double)k;
    return dk * LN2_HI - ((r - dk * LN2_LO) - f);
  }
  const double s = f / (2.0 + f);
  const double dk = (double)k;
  const double z = s * s;
  i = hx - 0x6147a;
  const double w = z * z;
  const int32_t j = 0x6b851 - hx;
  const double t1 = w * (L2 + w * (L4 + w * L6));
  const double t2 = z * (L1 + w * (L3 + w * (L5 + w * L7)));
  i |= j;
  const double r = t2 + t1;
  if (i > 0) {
    const double hfsq = 0.5 * f * f;
    if (k == 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - ((hfsq - (s * (hfsq + r) + dk * LN2_LO)) - f);
  }
  if (k == 0) return f - s * (f - r);
  return dk * LN2_HI - ((s * (f - r) - dk * LN2_LO) - f);
}

double fdlibmLog1p(double x) {
  const int32_t hx = highWord(x);
  const int32_t ax = hx & 0x7fffffff;
  int32_t k = 1, hu = 0;
  double f = 0, c = 0;
  if (hx < 0x3FDA827A) {   /* 1 + x < √2 */
    if (ax >= 0x3ff00000) { /* x <= -1 */
      if (x == -1.0) return -TWO54 / 0.0;
      return (x - x) / (x - x);
    }
    if (ax < 0x3e200000) { /* |x| < 2^-29 */
      if (TWO54 + x > 0.0 && ax < 0x3c900000) return x; /* |x| < 2^-54 */
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (int32_t)0xbfd2bec4) { /* √2/2 <= 1 + x < √2 */
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k != 0) {
    double u;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = (k > 0) ? 1.0 - (u - x) : x - (u - 1.0); /* the rounding error of 1 + x */
      c /= u;
    } else {
      u = x;
      hu = highWord(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) { /* u's significand < √2 */
      u = withHighWord(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHighWord(u, hu | 0x3fe00000); /* u/2 */
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const double hfsq = 0.5 * f * f;
  if (hu == 0) { /* |f| < 2^-20 */
    if (f == 0.0) {
      if (k == 0) return 0.0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const double r = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k == 0) return f - r;
    return k * LN2_HI - ((r - (k * LN2_LO + c)) - f);
  }
  const double s = f / (2.0 + f);
  const double z = s * s;
  const double r = z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * L7))))));
  if (k == 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - ((hfsq - (s * (hfsq + r) + (k * LN2_LO + c))) - f);
}

static const double HUGE_ = 1.0e+300;
static const double TWOM1000 = 9.33263618503218878990e-302; /* 2^-1000 */
static const double O_THRESHOLD = 7.09782712893383973096e+02;
static const double U_THRESHOLD = -7.45133219101941108420e+02;
static const double INV_LN2 = 1.44269504088896338700e+00;
static const double P1 = 1.66666666666666019037e-01;  /* 3FC55555 5555553E */
static const double P2 = -2.77777777770155933842e-03; /* BF66C16C 16BEBD93 */
static const double P3 = 6.61375632143793436117e-05;  /* 3F11566A AF25DE2C */
static const double P4 = -1.65339022054652515390e-06; /* BEBBBD41 C5D26BF1 */
static const double P5 = 4.13813679705723846039e-08;  /* 3E663769 72BEA4D0 */

double fdlibmExp(double x) {
  const double halves[2] = {0.5, -0.5};
  const double ln2Hi[2] = {LN2_HI, -LN2_HI};
  const double ln2Lo[2] = {LN2_LO, -LN2_LO};
  uint32_t hx = (uint32_t)highWord(x);
  const int xsb = (hx >> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862E42) { /* |x| >= 709.78... */
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) != 0) return x + x; /* NaN */
      return xsb == 0 ? x : 0.0;                            /* exp(±inf) = inf, 0 */
    }
    if (x > O_THRESHOLD) return HUGE_ * HUGE_;
    if (x < U_THRESHOLD) return TWOM1000 * TWOM1000;
  }
  double hi = 0, lo = 0;
  int32_t k = 0;
  if (hx > 0x3fd62e42) {  /* |x| > ln2 / 2 */
    if (hx < 0x3FF0A2B2) { /* and < 3 ln2 / 2 */
      /* V8 returns Math.E for exp(1), where the reduction below is one ulp above */
      if (x == 1.0) return 2.718281828459045235360;
      hi = x - ln2Hi[xsb];
      lo = ln2Lo[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = (int32_t)(INV_LN2 * x + halves[xsb]);
      const double t = k;
      hi = x - t * ln2Hi[0]; /* exact */
      lo = t * ln2Lo[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) { /* |x| < 2^-28 */
    if (HUGE_ + x > 1.0) return 1.0 + x;
  } else {
    k = 0;
  }
  const double t = x * x;
  const double c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const double y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return withHighWord(y, highWord(y) + (1023 << 20)) * 2.0;
    return withHighWord(y, highWord(y) + (k << 20));
  }
  return withHighWord(y, highWord(y) + ((k + 1000) << 20)) * TWOM1000;
}

/* fdlibm(name, xs, out): out[i] = fdlibm.c's log, log1p or exp of xs[i] (tests compare with Math.*) */
napi_value fdlibm(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!exactArguments(env, info, argv, 3, "fdlibm")) return NULL;
  char name[8] = {0};
  size_t nameLength = 0, n = 0, nOut = 0;
  napi_get_value_string_utf8(env, argv[0], name, sizeof name, &nameLength);
  double (*function)(double) = strcmp(name, "log") == 0 ? fdlibmLog : strcmp(name, "log1p") == 0 ? fdlibmLog1p : strcmp(name, "exp") == 0 ? fdlibmExp : NULL;
  const double *xs = typedArrayData(env, argv[1], napi_float64_array, &n);
  double *out = typedArrayData(env, argv[2], napi_float64_array, &nOut);
  if (function == NULL || xs == NULL || out == NULL || nOut != n) {
    napi_throw_type_error(env, NULL, "fdlibm: expected 'log', 'log1p' or 'exp', then two Float64Arrays of one length");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) out[i] = function(xs[i]);
  return NULL;
}
