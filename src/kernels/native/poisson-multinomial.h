/* poisson-multinomial.c: src/kernels/poisson-multinomial.ts's multinomials from Poisson counts in C, the same bits. */
#ifndef CONTRAIL_POISSON_MULTINOMIAL_H
#define CONTRAIL_POISSON_MULTINOMIAL_H
#include <stdint.h>
#include "poisson-table.h"
#include "xoshiro.h"

/* Multinomial(n, rows / n)'s categories: category k's rows [start[k], start[k + 1]) of n = start[count]. */
typedef struct {
  int32_t count;
  double *start;
  PoissonTable *tables;
  int32_t tableCount;
  int32_t *tableOf; /* category k's table (categories of one number of rows in a row share one) */
  int32_t slots;
  int32_t *guide; /* guide[b] (b <= slots): the first category with a row r of floor(r slots / n) >= b */
} MultinomialPlan;

/* The plan of Multinomial(n, rows / n), rows[k] >= 1 integers summing to n < 2^31 (the caller's check): 0, or -1 when out of memory. */
int multinomialPlanBuild(MultinomialPlan *plan, const double *rows, int32_t count);
void multinomialPlanFree(MultinomialPlan *plan);

/* drawn[0 .. count) = one Multinomial(n, rows / n) draw from the stream (drawMultinomial's steps). */
void multinomialDraw(const MultinomialPlan *plan, Xoshiro *rng, double *drawn);

#endif
