/*
 * Multinomial(n, rows / n) as src/kernels/poisson-multinomial.ts draws it: independent Poisson(t x
 * rows) counts from poisson-table.c's tables, drawn again while their total exceeds n, then the
 * rows left each a uniform row of all n (Lemire's bounded integer, xoshiroBelow) counted in its
 * category through a guide; every step in the TypeScript's order (-ffp-contract=off), so the draws
 * have its bits (test/kernels/native-multinomial-ratio.test.ts, native-block-ratio.test.ts).
 */
#include "poisson-multinomial.h"
#include <math.h>
#include <stdlib.h>

#define GUIDE_SLOTS 16 /* poisson-multinomial.ts's */

void multinomialPlanFree(MultinomialPlan *plan) {
  for (int32_t k = 0; k < plan->tableCount; k++) poissonTableFree(&plan->tables[k]);
  free(plan->start);
  free(plan->tables);
  free(plan->tableOf);
  free(plan->guide);
  plan->start = NULL;
  plan->tables = NULL;
  plan->tableOf = NULL;
  plan->guide = NULL;
  plan->tableCount = 0;
}

int multinomialPlanBuild(MultinomialPlan *plan, const double *rows, int32_t count) {
  plan->count = count;
  plan->tableCount = 0;
  plan->start = malloc(sizeof(double) * ((size_t)count + 1));
  plan->tables = calloc((size_t)count + 1, sizeof(PoissonTable));
  plan->tableOf = malloc(sizeof(int32_t) * ((size_t)count + 1));
  plan->guide = NULL;
  if (plan->start == NULL || plan->tables == NULL || plan->tableOf == NULL) {
    multinomialPlanFree(plan);
    return -1;
  }
  plan->start[0] = 0;
  for (int32_t k = 0; k < count; k++) plan->start[k + 1] = plan->start[k] + rows[k];
  const double n = plan->start[count];
  const double scale = fmax(0, n - sqrt(n)) / n; /* poissonScale */
  for (int32_t k = 0; k < count; k++) {
    if (k == 0 || rows[k] != rows[k - 1]) {
      if (poissonTableBuild(&plan->tables[plan->tableCount], scale * rows[k]) != 0) {
        multinomialPlanFree(plan);
        return -1;
      }
      plan->tableCount++;
    }
    plan->tableOf[k] = plan->tableCount - 1;
  }
  plan->slots = (int32_t)fmin((double)GUIDE_SLOTS * count, n);
  plan->guide = malloc(sizeof(int32_t) * ((size_t)plan->slots + 1));
  if (plan->guide == NULL) {
    multinomialPlanFree(plan);
    return -1;
  }
  for (int32_t b = 0, k = 0; b <= plan->slots; b++) {
    while (k < count - 1 && floor(((plan->start[k + 1] - 1) * plan->slots) / n) < b) k++;
    plan->guide[b] = k;
  }
  return 0;
}

void multinomialDraw(const MultinomialPlan *plan, Xoshiro *rng, double *drawn) {
  const double n = plan->start[plan->count];
  /* the stream on a local copy: through `rng` GCC stored the four words back at every draw */
  Xoshiro local = *rng;
  double total = n + 1;
  while (total > n) {
    total = 0;
    for (int32_t k = 0; k < plan->count; k++) {
      drawn[k] = poissonDraw(&plan->tables[plan->tableOf[k]], &local);
      total += drawn[k];
    }
  }
  const uint32_t size = (uint32_t)n, reject = xoshiroReject(size);
  for (double left = n - total; left > 0; left--) {
    const uint32_t row = xoshiroBelow(&local, size, reject);
    int32_t k = plan->guide[(int32_t)floor(((double)row * plan->slots) / n)];
    while (row >= plan->start[k + 1]) k++;
    drawn[k]++;
  }
  *rng = local;
}
