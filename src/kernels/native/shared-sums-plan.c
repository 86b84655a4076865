/*
 * planSharedSums(universe: number, positions: Int32Array[], values: Float64Array[]): the plan of
 * src/kernels/shared-sums-plan.ts (its header says what the plan is), step for step in the same
 * order, so the same plan: the clients some member holds ranked, the members grouped by value, the
 * atoms (group, mask) in order of first appearance, the rare ones as terms, the terms in client
 * order. Returns { draws, atomPositions, atomValues, gathers, atomsOf, termGather, termMember,
 * termValue, termWeight }. The caller checks the members (checkSharedMembers) first.
 *
 * Why C: the plan is cold code in each worker that runs it once per run: 211-260 ms per plan in
 * JavaScript (126 ms once compiled), three per demo run (bench/RESULTS.md, nineteenth and twentieth
 * sessions).
 */
#include "shared-sums-plan.h"
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "napi-helpers.h"

enum { MAX_GROUPED = 16, GROUP_MOST = 30 };
#define MAX_DISAGREEMENT 0.05

typedef struct {
  const int32_t *positions;
  const double *values;
  size_t length;
} Member;

/* A growable array of `size`-byte elements. */
typedef struct {
  void *data;
  size_t length, capacity, size;
} Growable;

static int grow(Growable *g) {
  if (g->length < g->capacity) return 0;
  const size_t capacity = g->capacity == 0 ? 1024 : 2 * g->capacity;
  void *data = realloc(g->data, capacity * g->size);
  if (data == NULL) return -1;
  g->data = data;
  g->capacity = capacity;
  return 0;
}

/*
 * The clients some member holds, ascending (with `rank`, those whose rank is not -1): present[0..n)
 * the members holding client p, cursors[m] one past p's entry in member m. forEachClient's loop.
 */
typedef struct {
  const Member *members;
  size_t count;
  int32_t universe;
  int32_t *next, *cursors, *present;
  int32_t p;
} Clients;

static void clientsStart(Clients *c) {
  for (size_t m = 0; m < c->count; m++) {
    c->cursors[m] = 0;
    c->next[m] = c->members[m].length > 0 ? c->members[m].positions[0] : c->universe;
  }
  c->p = -1;
}

/* The next client's members into present; their number, or -1 at the end. */
static int clientsNext(Clients *c, const int32_t *rank) {
  for (int32_t p = c->p + 1; p < c->universe; p++) {
    if (rank != NULL && rank[p] < 0) continue;
    int n = 0;
    for (size_t m = 0; m < c->count; m++) {
      if (c->next[m] != p) continue;
      c->present[n++] = (int32_t)m;
      const int32_t k = ++c->cursors[m];
      c->next[m] = (size_t)k < c->members[m].length ? c->members[m].positions[k] : c->universe;
    }
    if (n > 0) {
      c->p = p;
      return n;
    }
  }
  c->p = c->universe;
  return -1;
}

/* groupByValue: group[m], the lowest member of m's group. */
static void groupByValue(Clients *c, int32_t *group) {
  const size_t count = c->count;
  for (size_t m = 0; m < count; m++) group[m] = (int32_t)m;
  if (count < 2 || count > MAX_GROUPED) return;
  double overlap[MAX_GROUPED * MAX_GROUPED] = {0}, disagree[MAX_GROUPED * MAX_GROUPED] = {0};
  clientsStart(c);
  for (int n; (n = clientsNext(c, NULL)) >= 0;) {
    for (int i = 0; i < n; i++) {
      const int32_t a = c->present[i];
      const double va = c->members[a].values[c->cursors[a] - 1];
      for (int j = i + 1; j < n; j++) {
        const int32_t b = c->present[j];
        overlap[a * count + b]++;
        if (c->members[b].values[c->cursors[b] - 1] != va) disagree[a * count + b]++;
      }
    }
  }
  int32_t size[MAX_GROUPED];
  for (size_t m = 0; m < count; m++) size[m] = 1;
  for (size_t b = 1; b < count; b++) {
    for (size_t a = 0; a < b; a++) {
      const double o = overlap[a * count + b];
      if (o > 0 && disagree[a * count + b] <= MAX_DISAGREEMENT * o && size[group[a]] < GROUP_MOST) {
        group[b] = group[a];
        size[group[a]]++;
        size[b]--;
        break;
      }
    }
  }
}

/* The atoms (group, mask) by first appearance: an open-addressing table of keys group·2^31 + mask. */
typedef struct {
  uint64_t *keys; /* UINT64_MAX: empty */
  int32_t *ids;
  size_t capacity;
  Growable group, mask, size; /* per atom: int32 */
} Atoms;

static int atomsInit(Atoms *t) {
  t->capacity = 1024;
  t->keys = malloc(t->capacity * sizeof *t->keys);
  t->ids = malloc(t->capacity * sizeof *t->ids);
  t->group = (Growable){NULL, 0, 0, sizeof(int32_t)};
  t->mask = (Growable){NULL, 0, 0, sizeof(int32_t)};
  t->size = (Growable){NULL, 0, 0, sizeof(int32_t)};
  if (t->keys == NULL || t->ids == NULL) return -1;
  memset(t->keys, 0xff, t->capacity * sizeof *t->keys);
  return 0;
}

static void atomsFree(Atoms *t) {
  free(t->keys);
  free(t->ids);
  free(t->group.data);
  free(t->mask.data);
  free(t->size.data);
}

static size_t slotOf(const Atoms *t, uint64_t key) {
  size_t at = (size_t)((key * 0x9e3779b97f4a7c15ull) >> 20) & (t->capacity - 1);
  while (t->keys[at] != UINT64_MAX && t->keys[at] != key) at = (at + 1) & (t->capacity - 1);
  return at;
}

/* atomOfKey: the atom of (g, mask), added (size 0) at its first appearance; -1 when out of memory. */
static int32_t atomOf(Atoms *t, int32_t g, int32_t mask) {
  const uint64_t key = (uint64_t)g * 2147483648ull + (uint32_t)mask;
  size_t at = slotOf(t, key);
  if (t->keys[at] == key) return t->ids[at];
  if (2 * (t->group.length + 1) > t->capacity) {
    const size_t old = t->capacity;
    uint64_t *keys = t->keys;
    int32_t *ids = t->ids;
    t->capacity *= 2;
    t->keys = malloc(t->capacity * sizeof *t->keys);
    t->ids = malloc(t->capacity * sizeof *t->ids);
    if (t->keys == NULL || t->ids == NULL) {
      free(keys);
      free(ids);
      return -1;
    }
    memset(t->keys, 0xff, t->capacity * sizeof *t->keys);
    for (size_t i = 0; i < old; i++) {
      if (keys[i] == UINT64_MAX) continue;
      const size_t s = slotOf(t, keys[i]);
      t->keys[s] = keys[i];
      t->ids[s] = ids[i];
    }
    free(keys);
    free(ids);
    at = slotOf(t, key);
  }
  if (grow(&t->group) || grow(&t->mask) || grow(&t->size)) return -1;
  const int32_t id = (int32_t)t->group.length;
  ((int32_t *)t->group.data)[t->group.length++] = g;
  ((int32_t *)t->mask.data)[t->mask.length++] = mask;
  ((int32_t *)t->size.data)[t->size.length++] = 0;
  t->keys[at] = key;
  t->ids[at] = id;
  return id;
}

/* A JavaScript typed array of `length` elements of `type` (`bytes` each) and its data; NULL on failure. */
static void *newTypedArray(napi_env env, napi_typedarray_type type, size_t bytes, size_t length, napi_value *out) {
  napi_value buffer;
  void *data = NULL;
  if (napi_create_arraybuffer(env, length * bytes, &data, &buffer) != napi_ok) return NULL;
  if (napi_create_typedarray(env, type, length, buffer, 0, out) != napi_ok) return NULL;
  static double empty[1]; /* an empty buffer may have no data pointer */
  return data != NULL ? data : (void *)empty;
}

/* A typed array holding a copy of g's elements, set as obj[name]; 0, or -1 on failure. */
static int setCopy(napi_env env, napi_value obj, const char *name, napi_typedarray_type type, const Growable *g) {
  napi_value array;
  void *data = newTypedArray(env, type, g->size, g->length, &array);
  if (data == NULL) return -1;
  if (g->length > 0) memcpy(data, g->data, g->length * g->size);
  return napi_set_named_property(env, obj, name, array) == napi_ok ? 0 : -1;
}

/* The plan into `result`; NULL, or the problem's message. */
static const char *plan(napi_env env, const Member *members, size_t count, int32_t universe, napi_value result) {
  const char *problem = "planSharedSums: out of memory";
  int32_t *rank = malloc(((size_t)universe + 1) * sizeof *rank);
  int32_t *scratch = malloc((8 * count + 1) * sizeof *scratch); /* eight int32 per member, below */
  double *reference = malloc((count + 1) * sizeof *reference);
  int32_t *atomIndex = NULL, *filled = NULL;
  int32_t **atomPositions = NULL;
  double **atomValues = NULL;
  Atoms atoms = {0};
  Growable gathers = {NULL, 0, 0, sizeof(int32_t)}, termGather = {NULL, 0, 0, sizeof(int32_t)}, termMember = {NULL, 0, 0, sizeof(int32_t)};
  Growable termValue = {NULL, 0, 0, sizeof(double)}, termWeight = {NULL, 0, 0, sizeof(uint8_t)};
  if (rank == NULL || scratch == NULL || reference == NULL || atomsInit(&atoms) != 0) goto done;
  int32_t *group = scratch, *bit = scratch + count, *groupSize = scratch + 2 * count, *masks = scratch + 3 * count, *touched = scratch + 4 * count;
  int32_t *next = scratch + 5 * count, *cur = scratch + 6 * count, *present = scratch + 7 * count;
  Clients clients = {members, count, universe, next, cur, present, -1};

  /* ranks: the clients some member holds, in position order */
  for (int32_t p = 0; p < universe; p++) rank[p] = -1;
  for (size_t m = 0; m < count; m++)
    for (size_t k = 0; k < members[m].length; k++) rank[members[m].positions[k]] = 0;
  int32_t draws = 0;
  for (int32_t p = 0; p < universe; p++)
    if (rank[p] == 0) rank[p] = draws++;

  groupByValue(&clients, group);
  for (size_t m = 0; m < count; m++) groupSize[m] = 0;
  for (size_t m = 0; m < count; m++) bit[m] = (int32_t)(1u << groupSize[group[m]]++);
  for (size_t m = 0; m < count; m++) masks[m] = 0;

  /* pass 1: the atoms and their sizes */
  clientsStart(&clients);
  for (int n; (n = clientsNext(&clients, rank)) >= 0;) {
    int groups = 0;
    for (int i = 0; i < n; i++) {
      const int32_t m = present[i], g = group[m];
      if (masks[g] == 0) touched[groups++] = g;
      masks[g] |= bit[m];
    }
    for (int i = 0; i < groups; i++) {
      const int32_t g = touched[i];
      const int32_t a = atomOf(&atoms, g, masks[g]);
      if (a < 0) goto done;
      ((int32_t *)atoms.size.data)[a]++;
      masks[g] = 0;
    }
  }

  /* the kernel's atoms: those of at least rareAtomSize clients, as typed arrays filled below */
  const size_t atomCount = atoms.group.length;
  const int32_t *atomGroup = atoms.group.data, *atomMask = atoms.mask.data, *atomSize = atoms.size.data;
  const double minSize = fmax(32, ceil(draws / 256.0));
  atomIndex = malloc((atomCount + 1) * sizeof *atomIndex);
  filled = calloc(atomCount + 1, sizeof *filled);
  atomPositions = calloc(atomCount + 1, sizeof *atomPositions);
  atomValues = calloc(atomCount + 1, sizeof *atomValues);
  if (atomIndex == NULL || filled == NULL || atomPositions == NULL || atomValues == NULL) goto done;
  napi_value positionsList, valuesList, atomsOfList;
  napi_create_array(env, &positionsList);
  napi_create_array(env, &valuesList);
  napi_create_array(env, &atomsOfList);
  int32_t kernelAtoms = 0;
  problem = "planSharedSums: cannot create the plan's arrays";
  for (size_t a = 0; a < atomCount; a++) {
    atomIndex[a] = -1;
    if (atomSize[a] < minSize) continue;
    napi_value p, v;
    atomPositions[kernelAtoms] = newTypedArray(env, napi_int32_array, 4, (size_t)atomSize[a], &p);
    atomValues[kernelAtoms] = newTypedArray(env, napi_float64_array, 8, (size_t)atomSize[a], &v);
    if (atomPositions[kernelAtoms] == NULL || atomValues[kernelAtoms] == NULL) goto done;
    napi_set_element(env, positionsList, (uint32_t)kernelAtoms, p);
    napi_set_element(env, valuesList, (uint32_t)kernelAtoms, v);
    atomIndex[a] = kernelAtoms++;
  }
  for (size_t m = 0; m < count; m++) {
    int32_t listed = 0;
    for (size_t a = 0; a < atomCount; a++) listed += atomIndex[a] >= 0 && atomGroup[a] == group[m] && (atomMask[a] & bit[m]) != 0;
    napi_value list;
    int32_t *data = newTypedArray(env, napi_int32_array, 4, (size_t)listed, &list);
    if (data == NULL) goto done;
    int32_t k = 0;
    for (size_t a = 0; a < atomCount; a++)
      if (atomIndex[a] >= 0 && atomGroup[a] == group[m] && (atomMask[a] & bit[m]) != 0) data[k++] = atomIndex[a];
    napi_set_element(env, atomsOfList, (uint32_t)m, list);
  }

  /* pass 2: fill the atoms; terms for rare atoms and for values that differ from the reference */
  problem = "planSharedSums: out of memory";
  clientsStart(&clients);
  for (int n; (n = clientsNext(&clients, rank)) >= 0;) {
    const int32_t r = rank[clients.p];
    int groups = 0;
    for (int i = 0; i < n; i++) {
      const int32_t m = present[i], g = group[m];
      if (masks[g] == 0) {
        touched[groups++] = g;
        reference[g] = members[m].values[cur[m] - 1];
      }
      masks[g] |= bit[m];
    }
    for (int i = 0; i < groups; i++) {
      const int32_t g = touched[i];
      const int32_t a = atomOf(&atoms, g, masks[g]); /* pass 1 added it: found, never added */
      if (a < 0) goto done;
      const int32_t k = atomIndex[a];
      masks[g] = 0;
      if (k >= 0) {
        const int32_t at = filled[k]++;
        atomPositions[k][at] = r;
        atomValues[k][at] = reference[g];
      }
      for (int j = 0; j < n; j++) {
        const int32_t m = present[j];
        if (group[m] != g) continue;
        const double value = members[m].values[cur[m] - 1];
        if (k >= 0 && value == reference[g]) continue;
        if (gathers.length == 0 || ((int32_t *)gathers.data)[gathers.length - 1] != r) {
          if (grow(&gathers)) goto done;
          ((int32_t *)gathers.data)[gathers.length++] = r;
        }
        if (grow(&termGather) || grow(&termMember) || grow(&termValue) || grow(&termWeight)) goto done;
        ((int32_t *)termGather.data)[termGather.length++] = (int32_t)gathers.length - 1;
        ((int32_t *)termMember.data)[termMember.length++] = m;
        ((double *)termValue.data)[termValue.length++] = k < 0 ? value : value - reference[g];
        ((uint8_t *)termWeight.data)[termWeight.length++] = k < 0 ? 1 : 0;
      }
    }
  }

  napi_value drawsValue;
  napi_create_int32(env, draws, &drawsValue);
  problem = "planSharedSums: cannot create the plan's arrays";
  if (napi_set_named_property(env, result, "draws", drawsValue) != napi_ok || napi_set_named_property(env, result, "atomPositions", positionsList) != napi_ok ||
      napi_set_named_property(env, result, "atomValues", valuesList) != napi_ok || napi_set_named_property(env, result, "atomsOf", atomsOfList) != napi_ok ||
      setCopy(env, result, "gathers", napi_int32_array, &gathers) || setCopy(env, result, "termGather", napi_int32_array, &termGather) ||
      setCopy(env, result, "termMember", napi_int32_array, &termMember) || setCopy(env, result, "termValue", napi_float64_array, &termValue) ||
      setCopy(env, result, "termWeight", napi_uint8_array, &termWeight)) {
    goto done;
  }
  problem = NULL;
done:
  free(rank);
  free(scratch);
  free(reference);
  free(atomIndex);
  free(filled);
  free(atomPositions);
  free(atomValues);
  atomsFree(&atoms);
  free(gathers.data);
  free(termGather.data);
  free(termMember.data);
  free(termValue.data);
  free(termWeight.data);
  return problem;
}

napi_value planSharedSums(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  if (!exactArguments(env, info, argv, 3, "planSharedSums")) return NULL;
  int32_t universe = -1;
  napi_get_value_int32(env, argv[0], &universe);
  uint32_t count = 0, valueCount = 0;
  bool isArray = false, valuesArray = false;
  napi_is_array(env, argv[1], &isArray);
  napi_is_array(env, argv[2], &valuesArray);
  if (universe < 0 || !isArray || !valuesArray || napi_get_array_length(env, argv[1], &count) != napi_ok ||
      napi_get_array_length(env, argv[2], &valueCount) != napi_ok || count != valueCount) {
    napi_throw_type_error(env, NULL, "planSharedSums: universe must be a non-negative int32, positions an array of Int32Arrays and values one of Float64Arrays as long");
    return NULL;
  }
  Member *members = calloc(count + 1, sizeof *members);
  if (members == NULL) {
    napi_throw_error(env, NULL, "planSharedSums: out of memory");
    return NULL;
  }
  for (uint32_t m = 0; m < count; m++) {
    napi_value p, v;
    size_t np = 0, nv = 0;
    napi_get_element(env, argv[1], m, &p);
    napi_get_element(env, argv[2], m, &v);
    members[m].positions = typedArrayData(env, p, napi_int32_array, &np);
    members[m].values = typedArrayData(env, v, napi_float64_array, &nv);
    members[m].length = np;
    if (members[m].positions == NULL || members[m].values == NULL || np != nv) {
      free(members);
      napi_throw_type_error(env, NULL, "planSharedSums: each member needs an Int32Array of positions and a Float64Array of as many values");
      return NULL;
    }
  }
  napi_value result;
  napi_create_object(env, &result);
  const char *problem = plan(env, members, count, universe, result);
  free(members);
  if (problem != NULL) {
    napi_throw_error(env, NULL, problem);
    return NULL;
  }
  return result;
}
