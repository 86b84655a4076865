/*
 * xoshiro128** as src/kernels/xoshiro-state.ts steps it (Blackman & Vigna 2018), for the scalar C
 * kernels (binomial-sample.c, multinomial-ratio.c, block-ratio.c, poisson-table.h): a stream
 * restarted on a 32-bit seed, 32-bit outputs and 53-bit doubles, with the TypeScript's bits.
 */
#ifndef CONTRAIL_XOSHIRO_H
#define CONTRAIL_XOSHIRO_H
#include <stdint.h>

typedef struct {
  uint32_t a, b, c, d;
} Xoshiro;

static inline uint32_t splitmix32(uint32_t x) {
  uint32_t z = x + 0x9e3779b9u;
  z = (z ^ (z >> 16)) * 0x85ebca6bu;
  z = (z ^ (z >> 13)) * 0xc2b2ae35u;
  return z ^ (z >> 16);
}

/* the stream of `seed` (XoshiroState.reseed: seedState's splitmix32 chain) */
static inline void xoshiroReseed(Xoshiro *s, uint32_t seed) {
  const uint32_t a = splitmix32(seed), b = splitmix32(a), c = splitmix32(b), d = splitmix32(c);
  s->a = a;
  s->b = b;
  s->c = c;
  s->d = (a | b | c | d) == 0 ? 1 : d;
}

static inline uint32_t xoshiroNext(Xoshiro *s) {
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

/* xoshiroBelow's reject for size >= 1: (2^32 - size) mod size */
static inline uint32_t xoshiroReject(uint32_t size) { return (uint32_t)((4294967296u - (uint64_t)size) % size); }

/*
 * a uniform integer in [0, size) by Lemire's multiply-and-reject (uniform-indices.ts), reject being
 * xoshiroReject(size): the draws whose low word u·size mod 2^32 falls below it are redrawn
 */
static inline uint32_t xoshiroBelow(Xoshiro *s, uint32_t size, uint32_t reject) {
  uint64_t m;
  do {
    m = (uint64_t)xoshiroNext(s) * size;
  } while ((uint32_t)m < reject);
  return (uint32_t)(m >> 32);
}

/* a double in [0, 1) from 53 bits of two outputs (XoshiroState.nextFloat) */
static inline double xoshiroFloat(Xoshiro *s) {
  const double hi = xoshiroNext(s) >> 5;
  const double lo = xoshiroNext(s) >> 6;
  return (hi * 67108864.0 + lo) / 9007199254740992.0;
}

#endif
