/*
 * population_ratio's bootstrap by counts (src/kernels/ratio-bootstrap.ts, `multinomialRatio`) in C:
 * per replicate, sequential conditional binomials over the distinct (num, den) pairs, largest first
 * (src/kernels/binomial-sample.ts: BTRS, or inversion below n·p = 10), then the trials left one
 * uniform tail row at a time; the replicate's xoshiro128** stream starts from its seed. Every step is
 * the TypeScript's, in its order, with V8's log, log1p and exp (fdlibm.c) and -ffp-contract=off, so
 * the replicates have the same bits (test/kernels/native-multinomial-ratio.test.ts).
 *
 * Why C: the demo's ad_click_rate spends ~80 us per replicate of 323k clients (~490 binomials and
 * ~1,700 tail rows) in TypeScript against ~45 us here (bench/RESULTS.md, eighteenth session); the
 * TypeScript's Math.log and friends are calls into V8's C++ either way.
 */
#include "multinomial-ratio.h"
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "fdlibm.h"
#include "napi-helpers.h"

/* xoshiro128** (src/kernels/xoshiro-state.ts) */
typedef struct {
  uint32_t a, b, c, d;
} Xoshiro;

static uint32_t splitmix32(uint32_t x) {
  uint32_t z = x + 0x9e3779b9u;
  z = (z ^ (z >> 16)) * 0x85ebca6bu;
  z = (z ^ (z >> 13)) * 0xc2b2ae35u;
  return z ^ (z >> 16);
}

/* the stream of `seed` (XoshiroState.reseed: seedState's splitmix32 chain) */
static void reseed(Xoshiro *s, uint32_t seed) {
  const uint32_t a = splitmix32(seed), b = splitmix32(a), c = splitmix32(b), d = splitmix32(c);
  s->a = a;
  s->b = b;
  s->c = c;
  s->d = (a | b | c | d) == 0 ? 1 : d;
}

static inline uint32_t nextUint32(Xoshiro *s) {
  const uint32_t x = s->b * 5u;
  const uint32_t result = ((x << 7) | (x >> 25)) * 9u;
  const uint32_t t = s->b << 9;
  s->c ^= s->a;
  s->d ^= s->b;
  s->b ^= s->c;
  s->a ^= s->d;
  s->c ^= t;
  s->d = (s->d << 11) | (s->d >> 21);
  return result;
}

/* a double in [0, 1) from 53 bits of two outputs (XoshiroState.nextFloat) */
static inline double nextFloat(Xoshiro *s) {
  const double hi = nextUint32(s) >> 5;
  const double lo = nextUint32(s) >> 6;
  return (hi * 67108864.0 + lo) / 9007199254740992.0;
}

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
  return 0.91893853320467274178 + (z + 0.5) * fdlibmLog(t) - t + fdlibmLog(sum);
}

/* src/kernels/log-beta-terms.ts's stirlingCorrection, z >= 10 */
static double stirlingCorrection(double z) {
  const double r = 1 / (z * z);
  return (1.0 / 12 +
          r * (-1.0 / 360 + r * (1.0 / 1260 + r * (-1.0 / 1680 + r * (1.0 / 1188 + r * (-691.0 / 360360 + r * (1.0 / 156 + r * (-3617.0 / 122400)))))))) /
         z;
}

/* binomial-sample.ts's correction, z >= 1 */
static double correction(double z) {
  if (z >= 10) return stirlingCorrection(z);
  return logGamma(z) - ((z - 0.5) * fdlibmLog(z) - z + 0.91893853320467274178);
}

static double logFactorialRatioRest(double m, double k) {
  return -(m + 0.5) * fdlibmLog1p((k - m) / (m + 1)) - (m - k) + correction(m + 1) - correction(k + 1);
}

/* binomial-sample.ts's inversion (n·p < 10) */
static double inversion(double n, double p, Xoshiro *rng) {
  const double q = 1 - p;
  const double s = p / q;
  const double a = (n + 1) * s;
  const double r0 = fdlibmExp(n * fdlibmLog1p(-p));
  const double bound = fmin(n, floor(n * p + 10 * sqrt(n * p * q + 1)));
  for (;;) {
    double r = r0;
    double u = nextFloat(rng);
    double x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > bound) break;
      r *= a / x - s;
    }
    if (x <= bound) return x;
  }
}

/* binomial-sample.ts's btrs (n·p >= 10, p <= 1/2) */
static double btrs(double n, double p, Xoshiro *rng) {
  const double q = 1 - p;
  const double spq = sqrt(n * p * q);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = n * p + 0.5;
  const double vr = 0.92 - 4.2 / b;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const double m = floor((n + 1) * p);
  for (;;) {
    const double u = nextFloat(rng) - 0.5;
    double v = nextFloat(rng);
    const double us = 0.5 - fabs(u);
    const double k = floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    if (us == 0) continue;
    v = (v * alpha) / (a / (us * us) + b);
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

/* binomial-sample.ts's sampleBinomial */
static double sampleBinomial(double n, double p, Xoshiro *rng) {
  if (n == 0 || p == 0) return 0;
  if (p == 1) return n;
  if (p > 0.5) return n - sampleBinomial(n, 1 - p, rng);
  return n * p < 10 ? inversion(n, p, rng) : btrs(n, p, rng);
}

/* ratio-bootstrap.ts's multinomialRatio: one replicate on `rng` */
static double multinomialRatio(const double *x, const double *y, const double *counts, const double *rest, int pairs, int tailStart,
                               const int32_t *tailRows, uint32_t tailSize, double n, Xoshiro *rng) {
  double remaining = n, sn = 0, sd = 0;
  for (int k = 0; k < tailStart && remaining > 0; k++) {
    const double p = counts[k] / rest[k];
    const double drawn = k == pairs - 1 ? remaining : sampleBinomial(remaining, p < 1 ? p : 1, rng);
    sn += drawn * x[k];
    sd += drawn * y[k];
    remaining -= drawn;
  }
  if (remaining == 0) return sn / sd;
  /* Lemire's exact bounded integer: reject the low words below (2^32 - size) mod size */
  const uint32_t reject = (uint32_t)((4294967296u - (uint64_t)tailSize) % tailSize);
  for (; remaining > 0; remaining--) {
    uint64_t m;
    do {
      m = (uint64_t)nextUint32(rng) * tailSize;
    } while ((uint32_t)m < reject);
    const int32_t pair = tailRows[m >> 32];
    sn += x[pair];
    sd += y[pair];
  }
  return sn / sd;
}

/*
 * multinomialRatios(x, y, counts, rest, tailStart, tailRows, n, seeds, out): out[r] = the replicate of
 * the stream seeds[r], over the pairs (x, y) with `counts` by decreasing count and rest[k] = Σ_{j>=k}
 * counts[j] (length pairs + 1); pairs from tailStart on are the tail, tailRows their rows' pair indices.
 */
napi_value multinomialRatios(napi_env env, napi_callback_info info) {
  napi_value argv[9];
  if (!exactArguments(env, info, argv, 9, "multinomialRatios")) return NULL;
  size_t pairs = 0, ny = 0, nCounts = 0, nRest = 0, tailSize = 0, replicates = 0, nOut = 0;
  const double *x = typedArrayData(env, argv[0], napi_float64_array, &pairs);
  const double *y = typedArrayData(env, argv[1], napi_float64_array, &ny);
  const double *counts = typedArrayData(env, argv[2], napi_float64_array, &nCounts);
  const double *rest = typedArrayData(env, argv[3], napi_float64_array, &nRest);
  int32_t tailStart = 0;
  const int32_t *tailRows = typedArrayData(env, argv[5], napi_int32_array, &tailSize);
  double n = 0;
  const uint32_t *seeds = typedArrayData(env, argv[7], napi_uint32_array, &replicates);
  double *out = typedArrayData(env, argv[8], napi_float64_array, &nOut);
  if (x == NULL || y == NULL || counts == NULL || rest == NULL || ny != pairs || nCounts != pairs || nRest != pairs + 1) {
    napi_throw_type_error(env, NULL, "multinomialRatios: x, y and counts must be Float64Arrays of one length, rest one longer");
    return NULL;
  }
  if (napi_get_value_int32(env, argv[4], &tailStart) != napi_ok || tailStart < 0 || (size_t)tailStart > pairs) {
    napi_throw_type_error(env, NULL, "multinomialRatios: tailStart must be an integer in [0, pairs]");
    return NULL;
  }
  if (tailRows == NULL || tailSize != (size_t)rest[tailStart] || tailSize > UINT32_MAX) {
    napi_throw_type_error(env, NULL, "multinomialRatios: tailRows must be an Int32Array of rest[tailStart] pair indices");
    return NULL;
  }
  for (size_t i = 0; i < tailSize; i++) {
    if (tailRows[i] < tailStart || (size_t)tailRows[i] >= pairs) {
      napi_throw_range_error(env, NULL, "multinomialRatios: tailRows must hold indices of tail pairs");
      return NULL;
    }
  }
  if (napi_get_value_double(env, argv[6], &n) != napi_ok || !(n == rest[0])) {
    napi_throw_type_error(env, NULL, "multinomialRatios: n must be the number of rows, rest[0]");
    return NULL;
  }
  if (seeds == NULL || out == NULL || nOut != replicates) {
    napi_throw_type_error(env, NULL, "multinomialRatios: seeds must be a Uint32Array and out a Float64Array as long");
    return NULL;
  }
  Xoshiro rng;
  for (size_t r = 0; r < replicates; r++) {
    reseed(&rng, seeds[r]);
    out[r] = multinomialRatio(x, y, counts, rest, (int)pairs, tailStart, tailRows, (uint32_t)tailSize, n, &rng);
  }
  return NULL;
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
