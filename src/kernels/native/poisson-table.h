/* poisson-table.c: src/kernels/poisson-table.ts's Poisson(λ) tables and draws in C, the same bits. */
#ifndef CONTRAIL_POISSON_TABLE_H
#define CONTRAIL_POISSON_TABLE_H
#include <stdint.h>
#include "xoshiro.h"

/* Poisson(λ): lo + j with probability cdf[j] - cdf[j - 1] (j < size); guide[g] (g <= size) the first j a uniform u with floor(u size) = g can take. */
typedef struct {
  int32_t lo, size;
  double *cdf;
  int32_t *guide;
} PoissonTable;

/* The table of Poisson(lambda), lambda in [0, 2^31): 0, or -1 when out of memory. */
int poissonTableBuild(PoissonTable *table, double lambda);
void poissonTableFree(PoissonTable *table);

/* One draw from the table, taking one 53-bit uniform (xoshiroFloat) of the stream. */
static inline int32_t poissonDraw(const PoissonTable *t, Xoshiro *rng) {
  const double u = xoshiroFloat(rng);
  int32_t j = t->guide[(int32_t)(u * t->size)];
  while (u >= t->cdf[j]) j++;
  return t->lo + j;
}

#endif
