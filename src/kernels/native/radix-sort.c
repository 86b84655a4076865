/*
 * The engine's two radix sorts in C (Node-API addon contrail_sorts), with the same results as their
 * TypeScript versions, which run where the addon is not built (src/kernels/native-sort.ts):
 *
 * sortFloat64(values: Float64Array): sorts in place into the order Float64Array.prototype.sort()
 * gives (ascending, -0 before +0, NaN last as the canonical NaN): an LSD radix sort of the IEEE-754
 * bits made unsigned keys, four 12-bit digits over the top 48 bits (a digit every key shares skipped),
 * then each run of keys equal in those bits but holding different values sorted by comparison. A
 * sorted array is unique, so this matches src/kernels/sort-float64.ts whatever the method.
 *
 * radixSortKeys(key: Float64Array, order: Uint32Array, key2: Float64Array, order2: Uint32Array):
 * src/engine/canonical-order.ts's sort of (key, order) as keysOf left them: a stable sort by the
 * 32-bit prefix floor(key * 2^-21) (as JavaScript's `>>> 0` takes it, NaN as 0), then the insertion
 * of runs of equal prefixes by the full key, as there. The TypeScript takes the prefix in two 16-bit
 * digits, floor(key * 2^-21) & 0xffff and floor(key * 2^-37) & 0xffff; these are its low and high
 * halves for every key (floor(floor(x / a) / b) = floor(x / ab), and the low bits of ToInt32 and
 * ToUint32 agree), so stable passes over its four bytes here order the entries as those two passes
 * do, and the permutation is the same. Four 8-bit passes (256 buckets, whose write positions stay
 * in the L1 cache) took 39 ms per 3.3M keys against 61 ms for the two 16-bit ones (65,536 buckets,
 * a cache miss per entry), both in C, pre-touched memory, best of 4 (bench/RESULTS.md, fifteenth
 * session).
 *
 * Why native, measured (bench/RESULTS.md, fourteenth session): the two sorts were ~0.4 CPU-s of each
 * 10M-row table's reader and ~0.3 s of linear_model_mean's pooled covariate order in JavaScript; in C
 * the canonical order's passes take 78 ms per 3.3M keys (119 ms) and sortFloat64 377 ms per 10M
 * values (578 ms). With them and the Parquet decoder, linear_model_mean at 10M clients took a median
 * of 2.67 s against 4.13 s for the session's start, alternating in one hour.
 */
#include <math.h>
#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "napi-helpers.h"
#include "binomial-sample.h"
#include "branch-moments.h"
#include "fdlibm.h"
#include "float64-scans.h"
#include "gather-rows.h"
#include "scatter-rows.h"
#include "shared-sums-plan.h"
#include "tally-branches.h"
#include "id-hashes.h"
#include "block-ratio.h"
#include "multinomial-ratio.h"
#include "order-statistics.h"
#include "pooled-scan.h"

/* ---- sortFloat64 ------------------------------------------------------------------------------------ */

enum { BUCKETS = 4096 };

static inline unsigned digitOf(int d, uint64_t key) {
  return (unsigned)(key >> (16 + 12 * d)) & (BUCKETS - 1);
}

static int compareDoubles(const void *a, const void *b) {
  const double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y ? 1 : 0;
}

/* Sorts a run of finite values or infinities (no NaN: NaN keys are all equal) by comparison. */
static void sortRun(double *values, size_t n) {
  if (n < 32) {
    for (size_t i = 1; i < n; i++) {
      const double v = values[i];
      size_t j = i;
      while (j > 0 && values[j - 1] > v) {
        values[j] = values[j - 1];
        j--;
      }
      values[j] = v;
    }
  } else {
    qsort(values, n, sizeof *values, compareDoubles);
  }
}

/* Digit counts into the first position of each digit's run (an exclusive prefix sum), in place. */
static void countsToStarts(uint32_t *at, int buckets) {
  uint32_t sum = 0;
  for (int d = 0; d < buckets; d++) {
    const uint32_t c = at[d];
    at[d] = sum;
    sum += c;
  }
}

/* Returns 0, or -1 when the scratch cannot be allocated. */
static int sortDoubles(double *values, size_t n) {
  uint64_t *keys = (uint64_t *)values;
  uint32_t *counts = calloc(4 * BUCKETS, sizeof *counts);
  if (counts == NULL) return -1;
  for (size_t i = 0; i < n; i++) {
    uint64_t bits;
    memcpy(&bits, values + i, 8);
    if (values[i] != values[i]) bits = UINT64_MAX;
    else if (bits >> 63) bits = ~bits;
    else bits |= (uint64_t)1 << 63;
    keys[i] = bits;
    for (int d = 0; d < 4; d++) counts[d * BUCKETS + digitOf(d, bits)]++;
  }
  uint64_t *spare = NULL;
  uint64_t *from = keys;
  for (int d = 0; d < 4; d++) {
    uint32_t *at = counts + d * BUCKETS;
    if (at[digitOf(d, from[0])] == n) continue;
    countsToStarts(at, BUCKETS);
    if (spare == NULL) {
      spare = malloc(n * sizeof *spare);
      if (spare == NULL) {
        free(counts);
        return -1;
      }
    }
    uint64_t *to = from == keys ? spare : keys;
    for (size_t i = 0; i < n; i++) {
      const uint64_t key = from[i];
      to[at[digitOf(d, key)]++] = key;
    }
    from = to;
  }
  /* back to values, in `values`; runs equal in the top 48 bits but not in all are sorted afterwards */
  size_t runStart = 0;
  int mixed = 0;
  uint64_t previous = from[0];
  for (size_t i = 0; i < n; i++) {
    const uint64_t key = from[i];
    if ((key >> 16) != (previous >> 16)) {
      if (mixed) sortRun(values + runStart, i - runStart);
      mixed = 0;
      runStart = i;
    } else if (key != previous) {
      mixed = 1;
    }
    previous = key;
    const uint64_t bits = key >> 63 ? key & ~((uint64_t)1 << 63) : ~key;
    if (key == UINT64_MAX) values[i] = NAN;
    else memcpy(values + i, &bits, 8);
  }
  if (mixed) sortRun(values + runStart, n - runStart);
  free(spare);
  free(counts);
  return 0;
}

/* ---- radixSortKeys ---------------------------------------------------------------------------------- */

/* JavaScript's `Math.floor(x / 2097152) >>> 0` (ToUint32), 0 for NaN and infinities. */
static inline uint32_t prefixOf(double x) {
  const double q = x * (1.0 / 2097152.0); /* exact: a power of two */
  if (q >= 0 && q < 4294967296.0) return (uint32_t)q;
  const double f = floor(q);
  if (!isfinite(f)) return 0;
  double m = fmod(f, 4294967296.0);
  if (m < 0) m += 4294967296.0;
  return (uint32_t)m;
}

/*
 * Stable counting-sort passes by the four bytes of each key's prefix, low byte first, from (key,
 * order) through (key2, order2) and back: the four histograms from one pass over the keys, a digit
 * every key shares skipped (its pass would move nothing). `counts`: 4 * 256 entries.
 */
static void prefixPasses(double *key, uint32_t *order, double *key2, uint32_t *order2, uint32_t *counts, size_t n) {
  memset(counts, 0, 4 * 256 * sizeof *counts);
  for (size_t i = 0; i < n; i++) {
    const uint32_t p = prefixOf(key[i]);
    counts[p & 0xff]++;
    counts[256 + ((p >> 8) & 0xff)]++;
    counts[512 + ((p >> 16) & 0xff)]++;
    counts[768 + (p >> 24)]++;
  }
  double *from = key, *to = key2;
  uint32_t *fromOrder = order, *toOrder = order2;
  for (int digit = 0; digit < 4; digit++) {
    uint32_t *at = counts + 256 * digit;
    const int shift = 8 * digit;
    if (n > 0 && at[(prefixOf(from[0]) >> shift) & 0xff] == n) continue;
    countsToStarts(at, 256);
    for (size_t i = 0; i < n; i++) {
      const double k = from[i];
      const uint32_t slot = at[(prefixOf(k) >> shift) & 0xff]++;
      to[slot] = k;
      toOrder[slot] = fromOrder[i];
    }
    double *t = from;
    from = to;
    to = t;
    uint32_t *u = fromOrder;
    fromOrder = toOrder;
    toOrder = u;
  }
  if (from != key) {
    memcpy(key, from, n * sizeof *key);
    memcpy(order, fromOrder, n * sizeof *order);
  }
}

static void insertTies(double *key, uint32_t *order, size_t n) {
  for (size_t i = 1; i < n; i++) {
    const uint32_t prefix = prefixOf(key[i]);
    if (prefix != prefixOf(key[i - 1])) continue;
    const uint32_t row = order[i];
    const double k = key[i];
    ptrdiff_t j = (ptrdiff_t)i - 1;
    while (j >= 0 && prefixOf(key[j]) == prefix && key[j] > k) {
      order[j + 1] = order[j];
      key[j + 1] = key[j];
      j--;
    }
    order[j + 1] = row;
    key[j + 1] = k;
  }
}

/* ---- canonicalSlots ---------------------------------------------------------------------------------- */

/*
 * Each counting-sort pass of entryPasses reads the entries as STREAMS streams, the array's quarters
 * (the last to its end), and gives stream s the part of every bucket after stream s - 1's: the order
 * of one stream, stable, with four independent bucket counters read and written per step instead
 * of one. On Zen 1 (x86 family 23) one stream's `to[at[k]++] = e` took ~6 ns per entry whatever
 * the number of buckets (4 to 2048; a sequential copy takes 1.25 ns), held up by the counters'
 * stores and the loads behind them; four streams took ~3.5 ns, and a 10M-row table's passes 300 ->
 * 205 ms (bench/RESULTS.md, twentieth session).
 */
enum { STREAMS = 4 };
typedef uint32_t StreamCounts[STREAMS][256];

/* the stream (0 .. STREAMS - 1) holding position `at` of an array whose streams are `quarter` long */
static inline unsigned streamOf(size_t at, size_t quarter) {
  return (at >= quarter) + (at >= 2 * quarter) + (at >= 3 * quarter);
}

/* counts[s][k]: the entries of stream s of from[0 .. n) whose byte at `shift` is k */
static void countStreams(const uint64_t *from, size_t n, int shift, StreamCounts counts) {
  memset(counts, 0, sizeof(StreamCounts));
  const size_t quarter = n / STREAMS;
  for (size_t i = 0; i < n; i++) counts[streamOf(i, quarter)][(from[i] >> shift) & 0xff]++;
}

/*
 * One pass: from's streams into `to` by the byte at `shift`, from the counts `at` (made starts here);
 * with `next`, the counts of the byte at shift + 8 of to's streams, taken as the entries land
 * (inlined twice, so that the last pass's loop has no counting in it).
 */
static inline __attribute__((always_inline)) void streamPass(const uint64_t *from, uint64_t *to, size_t n, int shift, StreamCounts at,
                                                              StreamCounts next) {
  uint32_t start = 0;
  for (int k = 0; k < 256; k++) {
    for (int s = 0; s < STREAMS; s++) {
      const uint32_t c = at[s][k];
      at[s][k] = start;
      start += c;
    }
  }
  if (next != NULL) memset(next, 0, sizeof(StreamCounts));
  const size_t quarter = n / STREAMS;
  const uint64_t *f0 = from, *f1 = from + quarter, *f2 = from + 2 * quarter, *f3 = from + 3 * quarter;
#define PLACE(e, s)                                                                             \
  do {                                                                                          \
    const uint32_t at_ = at[s][((e) >> shift) & 0xff]++;                                        \
    to[at_] = (e);                                                                              \
    if (next != NULL) next[streamOf(at_, quarter)][((e) >> (shift + 8)) & 0xff]++;            \
  } while (0)
  for (size_t i = 0; i < quarter; i++) {
    const uint64_t e0 = f0[i], e1 = f1[i], e2 = f2[i], e3 = f3[i];
    PLACE(e0, 0);
    PLACE(e1, 1);
    PLACE(e2, 2);
    PLACE(e3, 3);
  }
  for (size_t i = STREAMS * quarter; i < n; i++) PLACE(from[i], STREAMS - 1);
#undef PLACE
}

/*
 * One branch's entries (prefix << 32 | row, in row order) sorted stably by their prefix, through
 * `spare` and back: the passes of prefixPasses over the entries' high words (a byte every entry
 * shares skipped), each in streams.
 */
static void entryPasses(uint64_t *entries, uint64_t *spare, size_t n) {
  uint32_t totals[4][256];
  StreamCounts counts[2];
  memset(totals, 0, sizeof totals);
  memset(counts[0], 0, sizeof counts[0]);
  const size_t quarter = n / STREAMS;
  for (int s = 0; s < STREAMS; s++) {
    const size_t end = s == STREAMS - 1 ? n : quarter * (s + 1);
    for (size_t i = quarter * s; i < end; i++) {
      const uint32_t p = (uint32_t)(entries[i] >> 32);
      counts[0][s][p & 0xff]++;
      totals[0][p & 0xff]++;
      totals[1][(p >> 8) & 0xff]++;
      totals[2][(p >> 16) & 0xff]++;
      totals[3][p >> 24]++;
    }
  }
  uint64_t *from = entries, *to = spare;
  int current = 0, counted = 1; /* counted: counts[current] holds this byte's counts of from's streams */
  for (int digit = 0; digit < 4; digit++) {
    const int shift = 32 + 8 * digit;
    if (n == 0 || totals[digit][(from[0] >> shift) & 0xff] == n) {
      counted = 0;
      continue;
    }
    if (!counted) countStreams(from, n, shift, counts[current]);
    if (digit < 3) {
      streamPass(from, to, n, shift, counts[current], counts[current ^ 1]);
    } else {
      streamPass(from, to, n, shift, counts[current], NULL);
    }
    current ^= 1;
    counted = 1;
    uint64_t *t = from;
    from = to;
    to = t;
  }
  if (from != entries) memcpy(entries, from, n * sizeof *entries);
}

/* insertTies over entries, the full keys read from `hashes` by row: the same moves, so the same order. */
static void insertEntryTies(uint64_t *entries, const double *hashes, size_t n) {
  for (size_t i = 1; i < n; i++) {
    const uint64_t e = entries[i];
    const uint32_t prefix = (uint32_t)(e >> 32);
    if (prefix != (uint32_t)(entries[i - 1] >> 32)) continue;
    const double k = hashes[(uint32_t)e];
    ptrdiff_t j = (ptrdiff_t)i - 1;
    while (j >= 0 && (uint32_t)(entries[j] >> 32) == prefix && hashes[(uint32_t)entries[j]] > k) {
      entries[j + 1] = entries[j];
      j--;
    }
    entries[j + 1] = e;
  }
}

/* ---- Node-API ------------------------------------------------------------------------------------------ */

static void *arrayOf(napi_env env, napi_value value, napi_typedarray_type type, size_t *length, const char *what) {
  void *data = typedArrayData(env, value, type, length);
  if (data == NULL) napi_throw_type_error(env, NULL, what);
  return data;
}

static napi_value sortFloat64(napi_env env, napi_callback_info info) {
  napi_value argv[1];
  if (!exactArguments(env, info, argv, 1, "sortFloat64")) return NULL;
  size_t n;
  double *values = arrayOf(env, argv[0], napi_float64_array, &n, "sortFloat64: values must be a Float64Array");
  if (values == NULL) return NULL;
  if (n > UINT32_MAX) {
    napi_throw_range_error(env, NULL, "sortFloat64: at most 2^32 - 1 values (the counts are 32-bit)");
    return NULL;
  }
  if (n > 1 && sortDoubles(values, n) != 0) napi_throw_error(env, NULL, "sortFloat64: out of memory");
  return NULL;
}

static napi_value radixSortKeys(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!exactArguments(env, info, argv, 4, "radixSortKeys")) return NULL;
  size_t n, n2, n3, n4;
  double *key = arrayOf(env, argv[0], napi_float64_array, &n, "radixSortKeys: key must be a Float64Array");
  if (key == NULL) return NULL;
  uint32_t *order = arrayOf(env, argv[1], napi_uint32_array, &n2, "radixSortKeys: order must be a Uint32Array");
  if (order == NULL) return NULL;
  double *key2 = arrayOf(env, argv[2], napi_float64_array, &n3, "radixSortKeys: key2 must be a Float64Array");
  if (key2 == NULL) return NULL;
  uint32_t *order2 = arrayOf(env, argv[3], napi_uint32_array, &n4, "radixSortKeys: order2 must be a Uint32Array");
  if (order2 == NULL) return NULL;
  if (n2 != n || n3 != n || n4 != n || n > UINT32_MAX) {
    napi_throw_range_error(env, NULL, "radixSortKeys: key, order, key2 and order2 must have one length, below 2^32");
    return NULL;
  }
  uint32_t counts[4 * 256];
  prefixPasses(key, order, key2, order2, counts, n);
  insertTies(key, order, n);
  return NULL;
}

/*
 * canonicalSlots(hashes: Float64Array, slots: Int32Array, keys: Float64Array[], starts: Int32Array):
 * src/engine/partition-two-pass.ts's canonical order of a keyed table in one call. `slots` holds each
 * row's branch (-1: dropped) and is given each row's slot instead (starts[b] + its rank in branch b,
 * or -1); keys[b] (as long as branch b has rows) is given the branch's hashes in that order. The
 * entries prefix << 32 | row are sorted in keys[b]'s own memory, with the slots' memory as the
 * passes' scratch (the slots are written after every branch is sorted; when the largest branch
 * needs more than the slots' 4 bytes per row, scratch is allocated): the rows' lists and the
 * separate key and row arrays of canonical-order.ts's radixSortKeys are never allocated, 93 MB less
 * first-touched memory per 10M-row table of three branches. The order is radixSortKeys's: stable by
 * prefix, then the same insertion of equal prefixes by the full key.
 */
static napi_value canonicalSlots(napi_env env, napi_callback_info info) {
  napi_value argv[4];
  if (!exactArguments(env, info, argv, 4, "canonicalSlots")) return NULL;
  size_t rows, slotCount, branchCount;
  const double *hashes = arrayOf(env, argv[0], napi_float64_array, &rows, "canonicalSlots: hashes must be a Float64Array");
  if (hashes == NULL) return NULL;
  int32_t *slots = arrayOf(env, argv[1], napi_int32_array, &slotCount, "canonicalSlots: slots must be an Int32Array");
  if (slots == NULL) return NULL;
  const int32_t *starts = arrayOf(env, argv[3], napi_int32_array, &branchCount, "canonicalSlots: starts must be an Int32Array");
  if (starts == NULL) return NULL;
  uint32_t keyCount = 0;
  bool isArray = false;
  if (napi_is_array(env, argv[2], &isArray) != napi_ok || !isArray || napi_get_array_length(env, argv[2], &keyCount) != napi_ok || keyCount != branchCount) {
    napi_throw_type_error(env, NULL, "canonicalSlots: keys must be an array of Float64Arrays, one per start");
    return NULL;
  }
  if (slotCount != rows || rows > UINT32_MAX) {
    napi_throw_range_error(env, NULL, "canonicalSlots: slots must be as long as hashes, below 2^32");
    return NULL;
  }
  uint64_t **entries = calloc(branchCount + 1, sizeof *entries);
  size_t *lengths = calloc(branchCount + 1, sizeof *lengths);
  size_t *next = calloc(branchCount + 1, sizeof *next);
  if (entries == NULL || lengths == NULL || next == NULL) {
    free(entries);
    free(lengths);
    free(next);
    napi_throw_error(env, NULL, "canonicalSlots: out of memory");
    return NULL;
  }
  const char *problem = NULL;
  for (uint32_t b = 0; b < branchCount && problem == NULL; b++) {
    napi_value key;
    napi_get_element(env, argv[2], b, &key);
    entries[b] = typedArrayData(env, key, napi_float64_array, &lengths[b]);
    if (entries[b] == NULL) problem = "canonicalSlots: keys must be an array of Float64Arrays, one per start";
  }
  /* the entries of every branch in row order, checked against the branches' lengths */
  for (size_t i = 0; i < rows && problem == NULL; i++) {
    const int32_t b = slots[i];
    if (b < 0) continue;
    if ((uint32_t)b >= branchCount || next[b] == lengths[b]) {
      problem = "canonicalSlots: a row's branch has no start, or more rows than its keys hold";
      break;
    }
    entries[b][next[b]++] = (uint64_t)prefixOf(hashes[i]) << 32 | (uint32_t)i;
  }
  for (uint32_t b = 0; b < branchCount && problem == NULL; b++) {
    if (next[b] != lengths[b]) problem = "canonicalSlots: a branch has fewer rows than its keys hold";
  }
  /* the passes' scratch: the slots' memory (read no more: the entries hold the rows) if it is 8-byte
     aligned and holds the largest branch, else allocated */
  size_t largest = 0;
  for (uint32_t b = 0; b < branchCount; b++) largest = lengths[b] > largest ? lengths[b] : largest;
  uint64_t *spare = NULL;
  int allocated = 0;
  if (problem == NULL) {
    if (((uintptr_t)slots & 7) == 0 && 8 * largest <= rows * sizeof *slots) {
      spare = (uint64_t *)slots;
    } else {
      spare = malloc((largest > 0 ? largest : 1) * sizeof *spare);
      allocated = 1;
      if (spare == NULL) problem = "canonicalSlots: out of memory";
    }
  }
  if (problem == NULL) {
    for (uint32_t b = 0; b < branchCount; b++) {
      entryPasses(entries[b], spare, lengths[b]);
      insertEntryTies(entries[b], hashes, lengths[b]);
    }
    memset(slots, 0xff, rows * sizeof *slots); /* -1: dropped, until a branch places the row */
    for (uint32_t b = 0; b < branchCount; b++) {
      uint64_t *e = entries[b];
      const size_t n = lengths[b];
      double *keys = (double *)e;
      for (size_t j = 0; j < n; j++) {
        const uint32_t row = (uint32_t)e[j];
        slots[row] = starts[b] + (int32_t)j;
        keys[j] = hashes[row];
      }
    }
  }
  if (allocated) free(spare);
  free(entries);
  free(lengths);
  free(next);
  if (problem != NULL) napi_throw_range_error(env, NULL, problem);
  return NULL;
}

NAPI_MODULE_INIT() {
  exportFunction(env, exports, "sortFloat64", sortFloat64);
  exportFunction(env, exports, "radixSortKeys", radixSortKeys);
  exportFunction(env, exports, "sampleValid", sampleValid);
  exportFunction(env, exports, "gatherBracket", gatherBracket);
  exportFunction(env, exports, "branchMoments", branchMoments);
  exportFunction(env, exports, "canonicalSlots", canonicalSlots);
  exportFunction(env, exports, "idHashes", idHashes);
  exportFunction(env, exports, "keyHistogram", keyHistogram);
  exportFunction(env, exports, "selectRanks", selectRanks);
  exportFunction(env, exports, "multinomialRatios", multinomialRatios);
  exportFunction(env, exports, "blockRatios", blockRatios);
  exportFunction(env, exports, "fdlibm", fdlibm);
  exportFunction(env, exports, "binomialDraws", binomialDraws);
  exportFunction(env, exports, "gatherRows", gatherRows);
  exportFunction(env, exports, "scatterNumbers", scatterNumbers);
  exportFunction(env, exports, "scatterValues", scatterValues);
  exportFunction(env, exports, "scatterBytes", scatterBytes);
  exportFunction(env, exports, "sameFloat64", sameFloat64);
  exportFunction(env, exports, "hasNaN", hasNaN);
  exportFunction(env, exports, "tallyBranches", tallyBranches);
  exportFunction(env, exports, "planSharedSums", planSharedSums);
  napi_value fast;
  napi_get_boolean(env, idHashesFast() != 0, &fast);
  napi_set_named_property(env, exports, "idHashesFast", fast);
  exportAbi(env, exports, 18);
  return exports;
}
