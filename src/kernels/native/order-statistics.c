/*
 * Order statistics of pooled columns without sorting them (addon contrail_sorts): the values at a
 * few thousand ranks of up to billions, found by counting. src/kernels/order-statistics.ts pools and
 * sorts instead where the addon is not built; an order statistic is one value whatever the method,
 * so both give the same bits.
 *
 * keyHistogram(columns: Float64Array[], keep: Float64Array[] | null, counts: Uint32Array): m, the
 * values kept (neither NaN nor aligned with a NaN keep value), counted into counts[65536] by the top
 * 16 bits of their sort key (sortFloat64's: the IEEE-754 bits, the sign bit flipped for positives
 * and every bit for negatives, so that keys order as the numbers do, -0 before +0).
 *
 * selectRanks(columns, keep, counts, ranks: Float64Array, out: Float64Array): out[i] = the
 * ranks[i]-th smallest kept value (0-based), for ranks in ascending order within [0, m); counts is
 * keyHistogram's, of the same columns.
 *
 * How: the kept values whose keys share a prefix form a cell, of a known count and first rank. Cells
 * that hold no wanted rank are dropped; each pass over the values splits the others by the keys'
 * next digit (up to 16 bits, fewer when many cells are split, so that the counters stay within
 * COUNTER_BUDGET), and a cell whose values are all one key (its least and greatest key agree, as
 * for a metric's zeros) is answered at once. When the cells left hold few enough values, one more
 * pass gathers their keys and each cell is sorted alone. On 10M engagement values (4.4M distinct,
 * a fifth zeros) and linear_model_mean's ~20,000 ranks, that is three passes (the histogram, one
 * split into ~8,300 cells, the gather) and ~410k keys sorted.
 *
 * Why: linear_model_mean's covariate grid reads 20,000 order statistics of the pooled covariate.
 * Pooling and sorting 10M values for them took 266-279 ms (and 144 MB of new memory: a copy and the
 * radix sort's scratch), this 115-139 ms and a few MB (bench/order-statistics-cost.ts; bench/RESULTS.md,
 * sixteenth session).
 */
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "napi-helpers.h"
#include "order-statistics.h"
#include "pooled-scan.h"

enum {
  TOP_DIGIT = 16,
  /* counters of one pass at most (1 MiB, within a core's L2 cache) */
  COUNTER_BUDGET = 1 << 18,
  /* the cells left are gathered when they hold at most this many values together, and each at most CELL_MAX */
  GATHER_MAX = 1 << 20,
  CELL_MAX = 1 << 16,
  /* passes at most: 16 bits, then at least one more per pass */
  LEVELS_MAX = 64,
};

static inline uint64_t keyOf(double v) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  return bits >> 63 ? ~bits : bits | (uint64_t)1 << 63;
}

static inline double valueOf(uint64_t key) {
  const uint64_t bits = key >> 63 ? key & ~((uint64_t)1 << 63) : ~key;
  double v;
  memcpy(&v, &bits, 8);
  return v;
}

/* Runs BODY with `key` for each kept value of the Pooled *p. */
#define FOR_KEPT_KEYS(p, key, BODY)                                                  \
  for (size_t b_ = 0; b_ < (p)->count; b_++) {                                       \
    const double *c_ = (p)->values[b_];                                              \
    const double *k_ = (p)->keep != NULL ? (p)->keep[b_] : NULL;                     \
    for (size_t i_ = 0, n_ = (p)->lengths[b_]; i_ < n_; i_++) {                      \
      const double v_ = c_[i_];                                                      \
      if (v_ != v_ || (k_ != NULL && k_[i_] != k_[i_])) continue;                    \
      const uint64_t key = keyOf(v_);                                                \
      BODY                                                                           \
    }                                                                                \
  }

/*
 * A pass's split: table[parent << digits | digit] = the cell of that parent and next digit, or -1;
 * bit i of `live` set where table[i] is a cell. Later passes test the bit first: most values are in
 * no cell, and the bits stay in the L1 cache where the table would not.
 */
typedef struct {
  int32_t *table;
  uint64_t *live;
  int digits;
} Level;

/* The kept values whose keys begin with `prefix` (its top `bits` bits): ranks [first, first + count). */
typedef struct {
  uint64_t prefix;
  uint64_t first;
  uint64_t count;
  /* the wanted ranks in it: ranks[from, to) */
  size_t from, to;
} Cell;

/* The cell of `key` after `depth` splits, or -1 where it was dropped. */
static inline int32_t cellOf(const Level *levels, int depth, uint64_t key) {
  int32_t cell = 0;
  int shift = 64;
  for (int l = 0; l < depth; l++) {
    shift -= levels[l].digits;
    const uint64_t digit = (key >> shift) & (((uint64_t)1 << levels[l].digits) - 1);
    const uint64_t at = ((uint64_t)cell << levels[l].digits) | digit;
    if (!((levels[l].live[at >> 6] >> (at & 63)) & 1)) return -1;
    cell = levels[l].table[at];
  }
  return cell;
}

/*
 * Splits each of `n` parent cells (prefix of `bits` bits) by the next `digits` bits, whose counts
 * are at table[parent << digits | digit]: the children holding wanted ranks go to `children` (their
 * count returned), the table's entries becoming their indices, or -1.
 */
static size_t splitCells(const Cell *parents, size_t n, int bits, int digits, int32_t *table, const double *ranks, Cell *children) {
  size_t made = 0;
  const size_t width = (size_t)1 << digits;
  for (size_t a = 0; a < n; a++) {
    const Cell *p = parents + a;
    int32_t *row = table + a * width;
    uint64_t first = p->first;
    size_t r = p->from;
    for (size_t d = 0; d < width; d++) {
      const uint64_t count = (uint32_t)row[d];
      const size_t from = r;
      while (r < p->to && (uint64_t)ranks[r] < first + count) r++;
      if (r > from) {
        children[made] = (Cell){p->prefix | (uint64_t)d << (64 - bits - digits), first, count, from, r};
        row[d] = (int32_t)made++;
      } else {
        row[d] = -1;
      }
      first += count;
    }
  }
  return made;
}

/* The live bits of a table of `size` entries (freed by the caller), or NULL when out of memory. */
static uint64_t *liveBits(const int32_t *table, size_t size) {
  uint64_t *live = calloc((size + 63) / 64, sizeof *live);
  if (live == NULL) return NULL;
  for (size_t i = 0; i < size; i++) live[i >> 6] |= (uint64_t)(table[i] >= 0) << (i & 63);
  return live;
}

/*
 * keys[0 .. n) ascending: quicksort (median of three, the smaller side first, the larger in the loop)
 * down to runs of 16, then insertion. The gathered cells hold ~60 keys each at 10M values (up to
 * CELL_MAX); qsort's call per comparison made their sorts ~25 ms of the grid's ~300 (perf). A sorted
 * array is unique, so the order statistics are those of any sort.
 */
static void sortKeys(uint64_t *keys, size_t n) {
  while (n > 16) {
    const size_t mid = n / 2;
    uint64_t a = keys[0], b = keys[mid], c = keys[n - 1];
    const uint64_t pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    size_t i = 0, j = n - 1;
    for (;;) {
      while (keys[i] < pivot) i++;
      while (keys[j] > pivot) j--;
      if (i >= j) break;
      const uint64_t t = keys[i];
      keys[i++] = keys[j];
      keys[j--] = t;
    }
    /* [0, j] <= pivot <= [j + 1, n) */
    const size_t left = j + 1;
    if (left < n - left) {
      sortKeys(keys, left);
      keys += left;
      n -= left;
    } else {
      sortKeys(keys + left, n - left);
      n = left;
    }
  }
  for (size_t i = 1; i < n; i++) {
    const uint64_t k = keys[i];
    size_t j = i;
    for (; j > 0 && keys[j - 1] > k; j--) keys[j] = keys[j - 1];
    keys[j] = k;
  }
}

/* Answers every wanted rank of `cells` from their gathered keys: 0, or -1 when out of memory. */
static int gatherCells(const Pooled *p, const Level *levels, int depth, const Cell *cells, size_t n, uint64_t total, const double *ranks, double *out) {
  uint64_t *keys = malloc((total > 0 ? total : 1) * sizeof *keys);
  uint64_t *next = malloc((n > 0 ? n : 1) * sizeof *next);
  if (keys == NULL || next == NULL) {
    free(keys);
    free(next);
    return -1;
  }
  uint64_t at = 0;
  for (size_t a = 0; a < n; a++) {
    next[a] = at;
    at += cells[a].count;
  }
  FOR_KEPT_KEYS(p, key, {
    const int32_t cell = cellOf(levels, depth, key);
    if (cell >= 0) keys[next[cell]++] = key;
  })
  at = 0;
  for (size_t a = 0; a < n; a++) {
    const Cell *c = cells + a;
    sortKeys(keys + at, c->count);
    for (size_t r = c->from; r < c->to; r++) out[r] = valueOf(keys[at + ((uint64_t)ranks[r] - c->first)]);
    at += c->count;
  }
  free(keys);
  free(next);
  return 0;
}

/* The order statistics (selectRanks); NULL, or the problem's message. */
static const char *selectCells(const Pooled *p, const uint32_t *counts, const double *ranks, size_t wanted, double *out) {
  Level levels[LEVELS_MAX];
  int depth = 0;
  const char *problem = NULL;
  Cell *cells = malloc((wanted > 0 ? wanted : 1) * sizeof *cells);
  Cell *children = malloc((wanted > 0 ? wanted : 1) * sizeof *children);
  uint64_t *least = malloc((wanted > 0 ? wanted : 1) * sizeof *least);
  uint64_t *greatest = malloc((wanted > 0 ? wanted : 1) * sizeof *greatest);
  int32_t *top = malloc(((size_t)1 << TOP_DIGIT) * sizeof *top);
  if (cells == NULL || children == NULL || least == NULL || greatest == NULL || top == NULL) {
    problem = "selectRanks: out of memory";
    goto done;
  }
  /* the top digit's cells, from the histogram: a cell per wanted rank at most */
  for (size_t d = 0; d < (size_t)1 << TOP_DIGIT; d++) top[d] = (int32_t)counts[d];
  const Cell all = {0, 0, 0, 0, wanted};
  size_t n = splitCells(&all, 1, 0, TOP_DIGIT, top, ranks, cells);
  levels[depth] = (Level){top, liveBits(top, (size_t)1 << TOP_DIGIT), TOP_DIGIT};
  if (levels[depth++].live == NULL) {
    problem = "selectRanks: out of memory";
    goto done;
  }
  int bits = TOP_DIGIT;
  for (;;) {
    uint64_t total = 0, largest = 0;
    for (size_t a = 0; a < n; a++) {
      total += cells[a].count;
      if (cells[a].count > largest) largest = cells[a].count;
    }
    if (n == 0) break;
    if (bits == 64) {
      /* each cell is one key */
      for (size_t a = 0; a < n; a++)
        for (size_t r = cells[a].from; r < cells[a].to; r++) out[r] = valueOf(cells[a].prefix);
      break;
    }
    if (total <= GATHER_MAX && largest <= CELL_MAX) {
      if (gatherCells(p, levels, depth, cells, n, total, ranks, out) != 0) problem = "selectRanks: out of memory";
      break;
    }
    int digits = 64 - bits < 16 ? 64 - bits : 16;
    while (digits > 1 && (n << digits) > COUNTER_BUDGET) digits--;
    if (depth == LEVELS_MAX) {
      problem = "selectRanks: too many passes"; /* cannot happen: each pass takes one bit or more of 48 */
      break;
    }
    int32_t *table = calloc(n << digits, sizeof *table);
    if (table == NULL) {
      problem = "selectRanks: out of memory";
      break;
    }
    for (size_t a = 0; a < n; a++) {
      least[a] = UINT64_MAX;
      greatest[a] = 0;
    }
    const int shift = 64 - bits - digits;
    const uint64_t mask = ((uint64_t)1 << digits) - 1;
    uint32_t *counters = (uint32_t *)table; /* counts until splitCells makes them cells */
    FOR_KEPT_KEYS(p, key, {
      const int32_t cell = cellOf(levels, depth, key);
      if (cell >= 0) {
        counters[((size_t)cell << digits) | ((key >> shift) & mask)]++;
        if (key < least[cell]) least[cell] = key;
        if (key > greatest[cell]) greatest[cell] = key;
      }
    })
    /* a cell of one key is answered now, and its digits' entries made empty so that nothing is split further */
    for (size_t a = 0; a < n; a++) {
      if (least[a] != greatest[a]) continue;
      for (size_t r = cells[a].from; r < cells[a].to; r++) out[r] = valueOf(least[a]);
      memset(table + (a << digits), 0, sizeof *table << digits);
      cells[a].to = cells[a].from;
    }
    const size_t parents = n;
    n = splitCells(cells, parents, bits, digits, table, ranks, children);
    levels[depth] = (Level){table, liveBits(table, parents << digits), digits};
    if (levels[depth++].live == NULL) {
      problem = "selectRanks: out of memory";
      break;
    }
    bits += digits;
    Cell *swap = cells;
    cells = children;
    children = swap;
  }
done:
  for (int l = 0; l < depth; l++) {
    if (l > 0) free(levels[l].table);
    free(levels[l].live);
  }
  free(top);
  free(cells);
  free(children);
  free(least);
  free(greatest);
  return problem;
}

napi_value keyHistogram(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!exactArguments(env, info, argv, 3, "keyHistogram")) return NULL;
  size_t length;
  uint32_t *counts = typedArrayData(env, argv[2], napi_uint32_array, &length);
  if (counts == NULL || length != (size_t)1 << TOP_DIGIT) {
    napi_throw_type_error(env, NULL, "keyHistogram: counts must be a Uint32Array of 65536 counters");
    return NULL;
  }
  Pooled p;
  if (readPooled(env, argv[0], argv[1], &p, "keyHistogram") != 0) return NULL;
  uint64_t m = 0;
  memset(counts, 0, length * sizeof *counts);
  FOR_KEPT_KEYS(&p, key, {
    counts[key >> (64 - TOP_DIGIT)]++;
    m++;
  })
  freePooled(&p);
  if (m > UINT32_MAX) {
    napi_throw_range_error(env, NULL, "keyHistogram: at most 2^32 - 1 values (the counts are 32-bit)");
    return NULL;
  }
  napi_value result;
  napi_create_double(env, (double)m, &result);
  return result;
}

napi_value selectRanks(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  if (!exactArguments(env, info, argv, 5, "selectRanks")) return NULL;
  size_t length, wanted, outLength;
  const uint32_t *counts = typedArrayData(env, argv[2], napi_uint32_array, &length);
  const double *ranks = typedArrayData(env, argv[3], napi_float64_array, &wanted);
  double *out = typedArrayData(env, argv[4], napi_float64_array, &outLength);
  if (counts == NULL || length != (size_t)1 << TOP_DIGIT || ranks == NULL || out == NULL || outLength != wanted) {
    napi_throw_type_error(env, NULL, "selectRanks: counts must be keyHistogram's Uint32Array, ranks a Float64Array and out a Float64Array as long");
    return NULL;
  }
  uint64_t m = 0;
  for (size_t d = 0; d < length; d++) m += counts[d];
  for (size_t r = 0; r < wanted; r++) {
    const double rank = ranks[r];
    if (!(rank >= 0 && rank < (double)m && rank == (double)(uint64_t)rank) || (r > 0 && rank < ranks[r - 1])) {
      char message[200];
      snprintf(message, sizeof message, "selectRanks: ranks must be ascending integers in [0, %llu), got %.17g at %zu", (unsigned long long)m, rank, r);
      napi_throw_range_error(env, NULL, message);
      return NULL;
    }
  }
  Pooled p;
  if (readPooled(env, argv[0], argv[1], &p, "selectRanks") != 0) return NULL;
  const char *problem = selectCells(&p, counts, ranks, wanted, out);
  freePooled(&p);
  if (problem != NULL) napi_throw_error(env, NULL, problem);
  return NULL;
}
