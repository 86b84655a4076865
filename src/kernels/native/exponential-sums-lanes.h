/*
 * The bootstrap kernels for W replicate lanes per vector (W / 4 of the WebAssembly kernel's groups of
 * four), in GCC/Clang vector extensions: src/kernels/native/exponential-sums.c includes this file once
 * per width (16: AVX-512, 8: AVX2, 4: SSE2 or NEON) with
 * - W: the lanes; NAME(x): x suffixed with the width; KERNEL: the target attribute of the width's code;
 * - MIN_PS, MAX_PS: the target's minps and maxps (x < y ? x : y, x > y ? x : y);
 * - LOW_PD, HIGH_PD: the target's conversions of a vector's low and high half to f64 (the vector
 *   extensions' __builtin_convertvector of a shuffled half took four instructions more per draw).
 * Every lane does the WebAssembly kernel's operations in its order (exponential-draws.as.ts,
 * exponential-sums.as.ts), so every width gives the same bits.
 */
#define GROUPS (W / 4)

typedef float NAME(VF) __attribute__((vector_size(4 * W)));
typedef int32_t NAME(VI) __attribute__((vector_size(4 * W)));
typedef uint32_t NAME(VU) __attribute__((vector_size(4 * W)));
typedef double NAME(VD) __attribute__((vector_size(4 * W)));

#define VF NAME(VF)
#define VI NAME(VI)
#define VU NAME(VU)
#define VD NAME(VD)

/* W lanes: the xoshiro128 words and the up to three carried vectors of draws */
typedef struct {
  VU a, b, c, d;
  VF carried[3];
  int carriedCount;
} NAME(Lanes);

/* the f64 sums of W lanes: lanes 0 .. W/2 - 1 (lo) and W/2 .. W - 1 (hi) */
typedef struct {
  VD sumLo, sumHi, weightedLo, weightedHi;
} NAME(Sums);

/* the shared kernel's sums of one member: its even- and its odd-indexed entries */
typedef struct {
  NAME(Sums) even, odd;
} NAME(MemberSums);

#define Lanes NAME(Lanes)
#define Sums NAME(Sums)
#define MemberSums NAME(MemberSums)

/* b < a ? b : a and a < b ? b : a, lane by lane (f32x4.pmin, f32x4.pmax): x86's min(b, a) and max(b,
 * a), one instruction each, where the blends of the vector extensions' compares took three (on the
 * spacings' uniforms, floats in [1, 2), any of these orders gives the same bits) */
KERNEL static inline VF NAME(pmin)(VF a, VF b) { return (VF)MIN_PS(b, a); }
KERNEL static inline VF NAME(pmax)(VF a, VF b) { return (VF)MAX_PS(b, a); }

/*
 * ln(u·2^-124) for the product u of four uniforms' numerators (exponential-draws.as.ts's logf): u·2^-124
 * = 2^k·z with z in [OFF, 2·OFF), OFF = 0x3f330000 (0.699), by integer steps; then ln z = ln c_j +
 * log1p((z - c_j)·r_j) for the eighth j of z's range (bits 20-22 of u·2^-124's bits less OFF's), a
 * degree-5 polynomial; the three tables (LOG_CENTRES, LOG_RECIPROCALS, LOG_CENTRE_LOGS) are looked up
 * by TABLE8 (bits 0-2 of each lane's index: the 8-lane table, or the 16-lane one that repeats it)
 */
KERNEL static inline VF NAME(logTable124)(VF u) {
  const VI ix = (VI)u - (124 << 23);
  const VI tmp = ix - 0x3f330000;
  const VI k = tmp >> 23;
  const VF z = (VF)(ix - (tmp & -0x800000));
  const VU j = (VU)tmp >> 20;
  const VF t = (z - TABLE8(LOG_CENTRES, j)) * TABLE8(LOG_RECIPROCALS, j);
  const VF t2 = t * t;
  const VF p = t + t2 * ((-4.999991953e-1f + t * 3.333325088e-1f) + t2 * (-2.507750690e-1f + t * 2.007120103e-1f));
  const VF fk = __builtin_convertvector(k, VF);
  return (fk * 0.693359375f + TABLE8(LOG_CENTRE_LOGS, j)) + (p + fk * -2.12194440e-4f);
}

/* one xoshiro128+ output (a + d) and the xoshiro128** state step, in every lane */
#define STEP(out)              \
  do {                         \
    out = a + d;               \
    const VU t_ = SHL9(b);     \
    c ^= a;                    \
    d ^= b;                    \
    b ^= c;                    \
    a ^= d;                    \
    c ^= t_;                   \
    d = (d << 11) | (d >> 21); \
  } while (0)

/* f32(r | 1) of r as a signed integer (its absolute value is taken of the product of four), and the f32 with bits (r >>> 9) | 0x3f800000 */
#define UNIFORM(r) __builtin_convertvector((VI)((r) | 1u), VF)
#define UNIT_INTERVAL(r) ((VF)(((r) >> 9) | 0x3f800000u))

/* draws[0 .. n): first the carried vectors, then new groups of four; those past n are carried */
KERNEL static void NAME(fill)(Lanes *s, VF *draws, int n) {
  for (int q = 0; q < s->carriedCount; q++) draws[q] = s->carried[q];
  VU a = s->a, b = s->b, c = s->c, d = s->d;
  int q = s->carriedCount;
  for (; q < n; q += 4) {
    VU r;
    STEP(r);
    const VF u1 = UNIFORM(r);
    STEP(r);
    const VF u2 = UNIFORM(r);
    STEP(r);
    const VF u3 = UNIFORM(r);
    STEP(r);
    const VF u4 = UNIFORM(r);
    STEP(r);
    VF s1 = UNIT_INTERVAL(r);
    STEP(r);
    VF s2 = UNIT_INTERVAL(r);
    STEP(r);
    VF s3 = UNIT_INTERVAL(r);
    /* G = -ln(...), the sign bit flipped as f32x4.neg does */
    const VF g = (VF)((VU)NAME(logTable124)((VF)((VU)((u1 * u2) * (u3 * u4)) & 0x7fffffffu)) ^ 0x80000000u);
    VF lo = NAME(pmin)(s1, s2);
    s2 = NAME(pmax)(s1, s2);
    s1 = lo;
    lo = NAME(pmin)(s2, s3);
    s3 = NAME(pmax)(s2, s3);
    s2 = lo;
    lo = NAME(pmin)(s1, s2);
    s2 = NAME(pmax)(s1, s2);
    s1 = lo;
    draws[q] = g * (s1 - 1.0f);
    draws[q + 1] = g * (s2 - s1);
    draws[q + 2] = g * (s3 - s2);
    draws[q + 3] = g * (2.0f - s3);
  }
  s->a = a;
  s->b = b;
  s->c = c;
  s->d = d;
  s->carriedCount = q - n;
  for (int k = 0; k < q - n; k++) s->carried[k] = draws[n + k];
}

#undef STEP
#undef UNIFORM
#undef UNIT_INTERVAL

/* lanes 0 .. W/2 - 1 and W/2 .. W - 1 of e in f64 (exact) */
KERNEL static inline VD NAME(lowHalf)(VF e) { return (VD)LOW_PD(e); }
KERNEL static inline VD NAME(highHalf)(VF e) { return (VD)HIGH_PD(e); }

KERNEL static inline Sums NAME(zeroSums)(void) {
  const Sums zero = {{0}, {0}, {0}, {0}};
  return zero;
}

/* f32 partial sums p (Σ w, Σ w·u of W lanes) added to the f64 sums: sum += f64(p.sum), weighted += f64(p.weighted), each half apart */
KERNEL static inline void NAME(addPartial)(VF sum, VF weighted, Sums *sums) {
  sums->sumLo += NAME(lowHalf)(sum);
  sums->sumHi += NAME(highHalf)(sum);
  sums->weightedLo += NAME(lowHalf)(weighted);
  sums->weightedHi += NAME(highHalf)(weighted);
}

/* draw e and its product with u added to one pair of f32 sums (inlined: the sums stay in registers) */
KERNEL static inline void NAME(addEntry)(VF e, float u, VF *sum, VF *weighted) {
  *sum += e;
  *weighted += e * u;
}

/*
 * one draw per value, in f32 in two interleaved sets per block (A: even-indexed values, B: odd),
 * each from 0; then A + B in f32 added to the f64 sums (addOnesPaired)
 */
KERNEL static void NAME(addOnesPaired)(const VF *draws, const float *values, int n, Sums *sums) {
  VF sumA = {0}, weightedA = {0}, sumB = {0}, weightedB = {0};
  int i = 0;
  for (; i + 1 < n; i += 2) {
    NAME(addEntry)(draws[i], values[i], &sumA, &weightedA);
    NAME(addEntry)(draws[i + 1], values[i + 1], &sumB, &weightedB);
  }
  if (i < n) NAME(addEntry)(draws[i], values[i], &sumA, &weightedA);
  NAME(addPartial)(sumA + sumB, weightedA + weightedB, sums);
}

/* value i takes the next counts[i] draws, summed in f32 from 0, into f32 sums from 0 added to the f64 sums at the end (addDraws) */
KERNEL static void NAME(addDraws)(const VF *draws, const float *values, const int32_t *counts, int n, Sums *sums) {
  VF sum = {0}, weighted = {0};
  const VF *next = draws;
  for (int i = 0; i < n; i++) {
    VF w = {0};
    for (int j = 0; j < counts[i]; j++) w += *next++;
    sum += w;
    weighted += w * values[i];
  }
  NAME(addPartial)(sum, weighted, sums);
}

/* exponentialSums of exponential-sums.as.ts, in the same blocks */
KERNEL static void NAME(sumsOf)(Lanes *s, VF *draws, const float *values, const int32_t *counts, int n, Sums *sums) {
  int from = 0;
  while (from < n) {
    int to = from, count = 0;
    if (counts == NULL) {
      to = n < from + BLOCK - 15 ? n : from + BLOCK - 15;
      count = to - from;
    } else {
      while (to < n && count <= BLOCK - 16) count += counts[to++];
    }
    NAME(fill)(s, draws, count);
    if (counts == NULL) {
      NAME(addOnesPaired)(draws, values + from, to - from, sums);
    } else {
      NAME(addDraws)(draws, values + from, counts + from, to - from, sums);
    }
    from = to;
  }
}

/* word w of the lanes of `groups` (1 .. GROUPS) records; the lanes past them repeat group 0 */
KERNEL static VU NAME(loadWords)(const int32_t *states, int groups, int w) {
  VU x;
  for (int g = 0; g < GROUPS; g++) memcpy((uint32_t *)&x + 4 * g, states + STATE_WORDS * (g < groups ? g : 0) + 4 * w, 16);
  return x;
}

KERNEL static void NAME(storeWords)(int32_t *states, int groups, int w, VU x) {
  for (int g = 0; g < groups; g++) memcpy(states + STATE_WORDS * g + 4 * w, (const uint32_t *)&x + 4 * g, 16);
}

/* the lanes of `groups` records; -1 when they carry different numbers of draws */
KERNEL static int NAME(loadLanes)(Lanes *s, const int32_t *states, int groups) {
  s->a = NAME(loadWords)(states, groups, 0);
  s->b = NAME(loadWords)(states, groups, 1);
  s->c = NAME(loadWords)(states, groups, 2);
  s->d = NAME(loadWords)(states, groups, 3);
  s->carriedCount = states[28];
  for (int g = 1; g < groups; g++) if (states[STATE_WORDS * g + 28] != s->carriedCount) return -1;
  for (int k = 0; k < s->carriedCount; k++) s->carried[k] = (VF)NAME(loadWords)(states, groups, 4 + k);
  return 0;
}

KERNEL static void NAME(storeLanes)(const Lanes *s, int32_t *states, int groups) {
  NAME(storeWords)(states, groups, 0, s->a);
  NAME(storeWords)(states, groups, 1, s->b);
  NAME(storeWords)(states, groups, 2, s->c);
  NAME(storeWords)(states, groups, 3, s->d);
  for (int k = 0; k < s->carriedCount; k++) NAME(storeWords)(states, groups, 4 + k, (VU)s->carried[k]);
  for (int g = 0; g < groups; g++) states[STATE_WORDS * g + 28] = s->carriedCount;
}

/* one set of sums into out: group g's Σ w of four lanes at out + g·stride, then its Σ w·v */
KERNEL static void NAME(storeSums)(const Sums *sums, double *out, size_t stride, int groups) {
  double lanes[2][W];
  memcpy(lanes[0], &sums->sumLo, sizeof sums->sumLo);
  memcpy(lanes[0] + W / 2, &sums->sumHi, sizeof sums->sumHi);
  memcpy(lanes[1], &sums->weightedLo, sizeof sums->weightedLo);
  memcpy(lanes[1] + W / 2, &sums->weightedHi, sizeof sums->weightedHi);
  for (int g = 0; g < groups; g++) {
    memcpy(out + g * stride, lanes[0] + 4 * g, 32);
    memcpy(out + g * stride + 4, lanes[1] + 4 * g, 32);
  }
}

/* exponentialSums for `groups` (1 .. GROUPS) groups: the count-1 values, then the small counts, their sums from 0 into out */
KERNEL static int NAME(run)(const float *ones, int onesCount, const float *small, const int32_t *counts, int smallCount,
                            int32_t *states, int groups, double *out) {
  Lanes s;
  if (NAME(loadLanes)(&s, states, groups) != 0) return -1;
  Sums sums = NAME(zeroSums)();
  VF draws[BLOCK + 8];
  if (onesCount > 0) NAME(sumsOf)(&s, draws, ones, NULL, onesCount, &sums);
  if (smallCount > 0) NAME(sumsOf)(&s, draws, small, counts, smallCount, &sums);
  NAME(storeLanes)(&s, states, groups);
  NAME(storeSums)(&sums, out, 8, groups);
  return 0;
}

/*
 * sharedSums of exponential-sums.as.ts, in the same blocks and the same pairs: member m's entries are
 * positions[offsets[m] .. offsets[m + 1]) with their f32 values; its two sets of f64 sums start at
 * zero, and take each block's f32 sums of its even- and its odd-indexed entries, each from 0;
 * gathered positions' draws go to gatherOut (group g's at gatherOut + 4·gatherCount·g).
 */
KERNEL static void NAME(sharedOf)(Lanes *s, VF *draws, int universe, const int32_t *positions, const float *values, const int32_t *offsets,
                                  int memberCount, int32_t *cursors, MemberSums *sums, const int32_t *gathers, int gatherCount,
                                  float *gatherOut, int groups) {
  for (int m = 0; m < memberCount; m++) {
    cursors[m] = 0;
    sums[m].even = NAME(zeroSums)();
    sums[m].odd = NAME(zeroSums)();
  }
  int gathered = 0;
  int from = 0;
  while (from < universe) {
    const int count = universe - from < BLOCK ? universe - from : BLOCK;
    NAME(fill)(s, draws, count);
    const int to = from + count;
    for (int m = 0; m < memberCount; m++) {
      const int32_t *pos = positions + offsets[m];
      const float *val = values + offsets[m];
      const int length = offsets[m + 1] - offsets[m];
      int k = cursors[m];
      VF sumA = {0}, weightedA = {0}, sumB = {0}, weightedB = {0};
      /* an odd entry first, so that the pairs below start at even entries */
      if ((k & 1) == 1 && k < length && pos[k] < to) {
        NAME(addEntry)(draws[pos[k] - from], val[k], &sumB, &weightedB);
        k++;
      }
      while (k + 1 < length) {
        const int pB = pos[k + 1];
        if (pB >= to) break;
        NAME(addEntry)(draws[pos[k] - from], val[k], &sumA, &weightedA);
        NAME(addEntry)(draws[pB - from], val[k + 1], &sumB, &weightedB);
        k += 2;
      }
      /* a last even entry whose odd partner lies past the block (or past the end) */
      if (k < length && pos[k] < to) {
        NAME(addEntry)(draws[pos[k] - from], val[k], &sumA, &weightedA);
        k++;
      }
      NAME(addPartial)(sumA, weightedA, &sums[m].even);
      NAME(addPartial)(sumB, weightedB, &sums[m].odd);
      cursors[m] = k;
    }
    for (; gathered < gatherCount; gathered++) {
      const int p = gathers[gathered];
      if (p >= to) break;
      for (int g = 0; g < groups; g++) memcpy(gatherOut + 4 * ((size_t)g * gatherCount + gathered), (const float *)&draws[p - from] + 4 * g, 16);
    }
    from = to;
  }
}

/* sharedOf for `groups` (1 .. GROUPS) groups; out holds per group memberCount x (even, odd) x (Σ w, Σ w·u) x 4 lanes */
KERNEL static int NAME(runShared)(int universe, const int32_t *positions, const float *values, const int32_t *offsets, int memberCount,
                                  int32_t *states, int groups, double *out, const int32_t *gathers, int gatherCount, float *gatherOut) {
  Lanes s;
  if (NAME(loadLanes)(&s, states, groups) != 0) return -1;
  MemberSums *sums = aligned_alloc(64, (sizeof(MemberSums) * (size_t)(memberCount > 0 ? memberCount : 1) + 63) / 64 * 64);
  int32_t *cursors = malloc(sizeof(int32_t) * (size_t)(memberCount > 0 ? memberCount : 1));
  if (sums == NULL || cursors == NULL) {
    free(sums);
    free(cursors);
    return -2;
  }
  VF draws[BLOCK + 8];
  NAME(sharedOf)(&s, draws, universe, positions, values, offsets, memberCount, cursors, sums, gathers, gatherCount, gatherOut, groups);
  NAME(storeLanes)(&s, states, groups);
  const size_t stride = (size_t)16 * memberCount;
  for (int m = 0; m < memberCount; m++) {
    NAME(storeSums)(&sums[m].even, out + 16 * (size_t)m, stride, groups);
    NAME(storeSums)(&sums[m].odd, out + 16 * (size_t)m + 8, stride, groups);
  }
  free(sums);
  free(cursors);
  return 0;
}

#undef GROUPS
#undef VF
#undef VI
#undef VU
#undef VD
#undef Lanes
#undef Sums
#undef MemberSums
