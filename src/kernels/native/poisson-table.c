/*
 * Poisson(λ) tables as src/kernels/poisson-table.ts builds them, every step an IEEE multiplication,
 * division or addition in its order (-ffp-contract=off), so the tables and their draws have the
 * TypeScript's bits (test/kernels/native-block-ratio.test.ts, native-multinomial-ratio.test.ts): the
 * pmf's ratios from the mode w(k + 1) = w(k) λ / (k + 1) while >= 1e-20, normalized by their sum
 * into a distribution function, and a guide table (Chen and Asau, 1974) for inversion.
 */
#include "poisson-table.h"
#include <math.h>
#include <stdlib.h>

#define NEGLIGIBLE 1e-20

int poissonTableBuild(PoissonTable *t, double lambda) {
  const int32_t mode = (int32_t)floor(lambda);
  int32_t lo = mode, hi = mode;
  for (double w = 1; lo > 0; lo--) {
    w = (w * lo) / lambda;
    if (w < NEGLIGIBLE) break;
  }
  for (double w = 1;; hi++) {
    w = (w * lambda) / (hi + 1);
    if (w < NEGLIGIBLE) break;
  }
  const int32_t size = hi - lo + 1;
  t->lo = lo;
  t->size = size;
  t->cdf = malloc(sizeof(double) * (size_t)size);
  t->guide = malloc(sizeof(int32_t) * ((size_t)size + 1));
  if (t->cdf == NULL || t->guide == NULL) {
    poissonTableFree(t);
    return -1;
  }
  double *cdf = t->cdf;
  cdf[mode - lo] = 1;
  for (int32_t k = mode; k > lo; k--) cdf[k - 1 - lo] = (cdf[k - lo] * k) / lambda;
  for (int32_t k = mode; k < hi; k++) cdf[k + 1 - lo] = (cdf[k - lo] * lambda) / (k + 1);
  for (int32_t j = 1; j < size; j++) cdf[j] += cdf[j - 1];
  const double total = cdf[size - 1];
  for (int32_t j = 0; j < size; j++) cdf[j] /= total;
  cdf[size - 1] = 1;
  for (int32_t g = 0, j = 0; g <= size; g++) {
    while (j < size - 1 && floor(cdf[j] * size) < g) j++;
    t->guide[g] = j;
  }
  return 0;
}

void poissonTableFree(PoissonTable *t) {
  free(t->cdf);
  free(t->guide);
  t->cdf = NULL;
  t->guide = NULL;
}
