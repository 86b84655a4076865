/*
 * Binomial(n, p) draws as src/kernels/binomial-sample.ts makes them (BTRS when n·min(p, 1-p) >= 10,
 * sequential inversion below; p > 1/2 drawn as n - Binomial(n, 1 - p)), every step in its order with
 * V8's log, log1p and exp (fdlibm.c) and -ffp-contract=off, so each stream gives the same draws
 * (test/kernels/native-binomial-sample.test.ts). The method's constants are computed once per (n, p):
 * deciles draw 10,000 replicates of one Binomial(n - 1, q) per decile.
 *
 * Why C: ~150 ns per draw in TypeScript against ~50 here (bench/RESULTS.md, eighteenth session); the
 * TypeScript's Math.log and friends are calls into V8's C++ either way.
 */
#include "binomial-sample.h"
#include <math.h>
#include "fdlibm.h"
#include "napi-helpers.h"

#define HALF_LOG_TWO_PI 0.91893853320467274178

/* src/kernels/log-gamma.ts for x >= 1 (the only arguments here) */
static double logGamma(double x) {
  static const double coefficients[15] = {
      0.99999999999999709182,     57.156235665862923517,      -59.597960355475491248,    14.136097974741747174,
      -0.49191381609762019978,    0.33994649984811888699e-4,  0.46523628927048575665e-4, -0.98374475304879564677e-4,
      0.15808870322491248884e-3,  -0.21026444172410488319e-3, 0.21743961811521264320e-3, -0.16431810653676389022e-3,
      0.84418223983852743293e-4,  -0.26190838401581408670e-4, 0.36899182659531622704e-5,
  };
  if (x == 1 || x == 2) return 0;
  const double z = x - 1;
  double sum = coefficients[0];
  for (int k = 1; k < 15; k++) sum += coefficients[k] / (z + k);
  const double t = z + 607.0 / 128 + 0.5;
  return HALF_LOG_TWO_PI + (z + 0.5) * fdlibmLog(t) - t + fdlibmLog(sum);
}

/* src/kernels/log-beta-terms.ts's stirlingCorrection, z >= 10 */
static double stirlingCorrection(double z) {
  const double r = 1 / (z * z);
  return (1.0 / 12 +
          r * (-1.0 / 360 + r * (1.0 / 1260 + r * (-1.0 / 1680 + r * (1.0 / 1188 + r * (-691.0 / 360360 + r * (1.0 / 156 + r * (-3617.0 / 122400)))))))) /
         z;
}

/* lgamma(z) - [(z - 1/2) log z - z + log(2π)/2], z >= 1 */
static double correction(double z) {
  if (z >= 10) return stirlingCorrection(z);
  return logGamma(z) - ((z - 0.5) * fdlibmLog(z) - z + HALF_LOG_TWO_PI);
}

/* log(m! / k!) - (m - k) log(k + 1) */
static double logFactorialRatioRest(double m, double k) {
  return -(m + 0.5) * fdlibmLog1p((k - m) / (m + 1)) - (m - k) + correction(m + 1) - correction(k + 1);
}

void binomialSetup(Binomial *t, double n, double p) {
  t->n = n;
  t->flip = 0;
  t->method = BINOMIAL_CONSTANT;
  if (n == 0 || p == 0) {
    t->constant = 0;
    return;
  }
  if (p == 1) {
    t->constant = n;
    return;
  }
  if (p > 0.5) {
    t->flip = 1;
    p = 1 - p;
  }
  const double q = 1 - p;
  t->p = p;
  t->q = q;
  if (n * p < 10) {
    t->method = BINOMIAL_INVERSION;
    t->s = p / q;
    t->a = (n + 1) * t->s;
    t->r0 = fdlibmExp(n * fdlibmLog1p(-p));
    t->bound = fmin(n, floor(n * p + 10 * sqrt(n * p * q + 1)));
    return;
  }
  t->method = BINOMIAL_BTRS;
  const double spq = sqrt(n * p * q);
  t->b = 1.15 + 2.53 * spq;
  t->ab = -0.0873 + 0.0248 * t->b + 0.01 * p;
  t->c = n * p + 0.5;
  t->vr = 0.92 - 4.2 / t->b;
  t->alpha = (2.83 + 5.1 / t->b) * spq;
  t->m = floor((n + 1) * p);
}

/* sequential inversion from 0 (n·p < 10) */
static double inversion(const Binomial *t, Xoshiro *rng) {
  for (;;) {
    double r = t->r0;
    double u = xoshiroFloat(rng);
    double x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > t->bound) break;
      r *= t->a / x - t->s;
    }
    if (x <= t->bound) return x;
  }
}

/* Hörmann's BTRS (n·p >= 10, p <= 1/2) */
static double btrs(const Binomial *t, Xoshiro *rng) {
  const double n = t->n, p = t->p, q = t->q, a = t->ab, b = t->b, m = t->m;
  for (;;) {
    const double u = xoshiroFloat(rng) - 0.5;
    double v = xoshiroFloat(rng);
    const double us = 0.5 - fabs(u);
    const double k = floor(((2 * a) / us + b) * u + t->c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= t->vr) return k;
    if (us == 0) continue;
    v = (v * t->alpha) / (a / (us * us) + b);
    /* near the mode, f(k)/f(m) as a product of the pmf's successive ratios */
    const double d = k - m;
    if (d <= 15 && d >= -15) {
      const double s = p / q;
      double f = 1;
      if (d > 0) {
        for (double j = m + 1; j <= k; j++) f *= ((n - j + 1) * s) / j;
      } else {
        for (double j = k + 1; j <= m; j++) f *= j / ((n - j + 1) * s);
      }
      if (v <= f) return k;
      continue;
    }
    v = fdlibmLog(v);
    const double bound = logFactorialRatioRest(m, k) + logFactorialRatioRest(n - m, n - k) + (k - m) * fdlibmLog(((n - k + 1) * p) / ((k + 1) * q));
    if (v <= bound) return k;
  }
}

double binomialDraw(const Binomial *t, Xoshiro *rng) {
  if (t->method == BINOMIAL_CONSTANT) return t->constant;
  const double x = t->method == BINOMIAL_INVERSION ? inversion(t, rng) : btrs(t, rng);
  return t->flip ? t->n - x : x;
}

/* binomialDraws(n, p, seeds, out): out[r] = one Binomial(n, p) draw from the stream seeds[r] */
napi_value binomialDraws(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!exactArguments(env, info, argv, 4, "binomialDraws")) return NULL;
  double n = 0, p = 0;
  if (napi_get_value_double(env, argv[0], &n) != napi_ok || napi_get_value_double(env, argv[1], &p) != napi_ok ||
      !(n >= 0 && n < 9007199254740992.0 && n == floor(n)) || !(p >= 0 && p <= 1)) {
    napi_throw_range_error(env, NULL, "binomialDraws: n must be a non-negative integer below 2^53 and p in [0, 1]");
    return NULL;
  }
  const uint32_t *seeds;
  double *out;
  size_t replicates;
  if (!seedsAndOut(env, argv[2], argv[3], &seeds, &out, &replicates, "binomialDraws")) return NULL;
  Binomial binomial;
  binomialSetup(&binomial, n, p);
  Xoshiro rng;
  for (size_t r = 0; r < replicates; r++) {
    xoshiroReseed(&rng, seeds[r]);
    out[r] = binomialDraw(&binomial, &rng);
  }
  return NULL;
}
