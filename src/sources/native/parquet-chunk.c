/*
 * Native decoding of Parquet column chunks into Arrow buffers, for the reader's fast path
 * (src/sources/native-parquet.ts decides which chunks come here; everything else is read by
 * parquet-wasm). A chunk is a flat column (max repetition level 0, max definition level 0 or 1) of
 * BOOLEAN, INT32, INT64, FLOAT, DOUBLE or BYTE_ARRAY values, UNCOMPRESSED or SNAPPY, in v1 or v2 data
 * pages that are PLAIN, dictionary (PLAIN_DICTIONARY / RLE_DICTIONARY) or, for booleans, RLE encoded.
 * Anything else in a page is reported as unsupported (the caller reads the rest with parquet-wasm);
 * malformed bytes are reported as corrupt. Every length read from the file is checked against the
 * buffer it indexes before it is used.
 *
 * Why native, measured (bench/RESULTS.md, fourteenth session): parquet-wasm read three columns of a
 * 10M-row table in 715-805 ms on one thread, plus ~0.75 CPU-s per process of V8 compiling its 4.9 MB
 * module; this decoder reads them in 388-410 ms, and linear_model_mean at 10M clients went from a
 * median of 4.39 to 3.54 s. Format: the Apache Parquet specification (parquet-format: Encodings.md,
 * parquet.thrift) and the Thrift compact protocol.
 *
 * decodeChunk(input: Uint8Array, physical, codec, maxDefinition, rows, values, validity, offsets,
 * bytes, utf8, dictionaryMost): decodes the chunk in `input` (its pages, from the dictionary page or
 * the first data page, `total_compressed_size` bytes) for `rows` rows. Fixed-width values go to
 * `values` (a Uint8Array of rows x width bytes; a bitmap of rows bits for BOOLEAN), one slot per row
 * (0 where null); the validity bitmap (maxDefinition 1) to `validity`; BYTE_ARRAY values as Arrow's
 * int32 `offsets` (rows + 1) and `bytes`, each checked to be UTF-8 when `utf8` is 1 (an Arrow Utf8
 * column). Returns
 * [nulls, byteLength, dictionary]: when byteLength > bytes.length, `bytes` holds only part of the
 * text and the call should be repeated with a buffer of at least byteLength bytes. With
 * `dictionaryMost` > 0, text whose dictionary page has at most that many entries (and no more than
 * `rows`) comes as int32 indices in `values` (rows x 4 bytes, 0 where null), and `offsets` and
 * `bytes` hold the dictionary's entries: `dictionary` is their count (-1: the values came as text;
 * -2: a PLAIN page followed the dictionary, decode the chunk again with dictionaryMost 0).
 * Throws an Error whose `code` is 'UNSUPPORTED' or 'CORRUPT'.
 */
#include <node_api.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "snappy.h"
#include "../../kernels/native/napi-helpers.h"

enum { BOOLEAN = 0, INT32 = 1, INT64 = 2, FLOAT = 4, DOUBLE = 5, BYTE_ARRAY = 6 };
enum { UNCOMPRESSED = 0, SNAPPY = 1 };
enum { PLAIN = 0, PLAIN_DICTIONARY = 2, RLE = 3, RLE_DICTIONARY = 8 };
enum { DATA_PAGE = 0, DICTIONARY_PAGE = 2, DATA_PAGE_V2 = 3 };
enum { OK = 0, UNSUPPORTED = 1, CORRUPT = 2, AS_TEXT = 3 /* a dictionary chunk with PLAIN pages: decode it again as text */ };

/* A growable buffer kept per thread (the addon's instance data), reused by every chunk. */
typedef struct {
  uint8_t *data;
  size_t capacity;
} Buffer;

typedef struct {
  Buffer page;       /* a decompressed page */
  Buffer dictionary; /* the chunk's decompressed dictionary page */
  Buffer entries;    /* a BYTE_ARRAY dictionary's entry offsets into `dictionary` (uint32, count + 1) */
  Buffer levels;     /* a page's definition levels (uint32 per value) */
  Buffer indices;    /* a page's dictionary indices (uint32 per non-null value) */
} Scratch;

/* The outcome of a step: OK, or a kind and a message. */
typedef struct {
  int kind;
  char message[200];
} Status;

static int fail(Status *status, int kind, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vsnprintf(status->message, sizeof status->message, format, args);
  va_end(args);
  status->kind = kind;
  return kind;
}

static uint8_t *reserve(Buffer *buffer, size_t bytes) {
  if (bytes <= buffer->capacity) return buffer->data;
  size_t capacity = buffer->capacity < 4096 ? 4096 : buffer->capacity;
  while (capacity < bytes) capacity += capacity / 2;
  uint8_t *data = realloc(buffer->data, capacity);
  if (data == NULL) return NULL;
  buffer->data = data;
  buffer->capacity = capacity;
  return data;
}

static uint32_t le32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* ---- Thrift compact protocol: just enough for PageHeader ---------------------------------------- */

typedef struct {
  const uint8_t *p, *end;
  int bad;
} Thrift;

static uint64_t thriftVarint(Thrift *t) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64 && t->p < t->end; shift += 7) {
    const uint8_t byte = *t->p++;
    value |= (uint64_t)(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  t->bad = 1;
  return 0;
}

static int64_t thriftZigzag(Thrift *t) {
  const uint64_t value = thriftVarint(t);
  return (int64_t)(value >> 1) ^ -(int64_t)(value & 1);
}

/* The next field's compact type (0: the struct's end) and its id in *id. */
static int thriftField(Thrift *t, int *id) {
  if (t->p >= t->end) {
    t->bad = 1;
    return 0;
  }
  const uint8_t byte = *t->p++;
  const int type = byte & 15;
  if (type == 0) return 0;
  if (byte >> 4) *id += byte >> 4;
  else *id = (int)thriftZigzag(t);
  return type;
}

static void thriftSkip(Thrift *t, int type, int depth);

static void thriftSkipStruct(Thrift *t, int depth) {
  int id = 0;
  for (int type; !t->bad && (type = thriftField(t, &id)) != 0;) thriftSkip(t, type, depth + 1);
}

/* Skips a value of compact type `type` (a field's; booleans are in the field header). */
static void thriftSkip(Thrift *t, int type, int depth) {
  if (depth > 32) {
    t->bad = 1;
    return;
  }
  switch (type) {
    case 1: case 2: return; /* boolean true / false */
    case 3: if (t->p < t->end) t->p++; else t->bad = 1; return;
    case 4: case 5: case 6: thriftVarint(t); return;
    case 7: if (t->end - t->p >= 8) t->p += 8; else t->bad = 1; return;
    case 8: {
      const uint64_t length = thriftVarint(t);
      if (length <= (uint64_t)(t->end - t->p)) t->p += length;
      else t->bad = 1;
      return;
    }
    case 9: case 10: { /* list, set */
      if (t->p >= t->end) { t->bad = 1; return; }
      const uint8_t header = *t->p++;
      uint64_t size = header >> 4;
      if (size == 15) size = thriftVarint(t);
      const int element = header & 15;
      for (uint64_t i = 0; i < size && !t->bad; i++) {
        if (element == 1 || element == 2) thriftSkip(t, 3, depth + 1); /* a listed boolean is a byte */
        else thriftSkip(t, element, depth + 1);
      }
      return;
    }
    case 11: { /* map */
      const uint64_t size = thriftVarint(t);
      if (size == 0) return;
      if (t->p >= t->end) { t->bad = 1; return; }
      const uint8_t types = *t->p++;
      for (uint64_t i = 0; i < size && !t->bad; i++) {
        thriftSkip(t, (types >> 4) == 1 || (types >> 4) == 2 ? 3 : types >> 4, depth + 1);
        thriftSkip(t, (types & 15) == 1 || (types & 15) == 2 ? 3 : types & 15, depth + 1);
      }
      return;
    }
    case 12: thriftSkipStruct(t, depth); return;
    default: t->bad = 1; return;
  }
}

typedef struct {
  int type;
  int64_t uncompressed, compressed;
  int64_t values;   /* num_values: rows of a flat column, nulls included */
  int encoding;
  int definitionEncoding; /* v1 */
  int64_t definitionBytes, repetitionBytes; /* v2 */
  int compressedValues;                     /* v2 is_compressed, default true */
} PageHeader;

/* DataPageHeader (5), DictionaryPageHeader (7), DataPageHeaderV2 (8): the fields used; others skipped. */
static void readPageParts(Thrift *t, PageHeader *page, int which) {
  int id = 0;
  for (int type; !t->bad && (type = thriftField(t, &id)) != 0;) {
    if (id == 1 && type == 5) page->values = thriftZigzag(t);
    else if (which == 5 && id == 2 && type == 5) page->encoding = (int)thriftZigzag(t);
    else if (which == 5 && id == 3 && type == 5) page->definitionEncoding = (int)thriftZigzag(t);
    else if (which == 7 && id == 2 && type == 5) page->encoding = (int)thriftZigzag(t);
    else if (which == 8 && id == 4 && type == 5) page->encoding = (int)thriftZigzag(t);
    else if (which == 8 && id == 5 && type == 5) page->definitionBytes = thriftZigzag(t);
    else if (which == 8 && id == 6 && type == 5) page->repetitionBytes = thriftZigzag(t);
    else if (which == 8 && id == 7 && (type == 1 || type == 2)) page->compressedValues = type == 1;
    else thriftSkip(t, type, 1);
  }
}

static void readPageHeader(Thrift *t, PageHeader *page) {
  memset(page, 0, sizeof *page);
  page->type = -1;
  page->encoding = -1;
  page->definitionEncoding = RLE;
  page->compressedValues = 1;
  int id = 0;
  for (int type; !t->bad && (type = thriftField(t, &id)) != 0;) {
    if (id == 1 && type == 5) page->type = (int)thriftZigzag(t);
    else if (id == 2 && type == 5) page->uncompressed = thriftZigzag(t);
    else if (id == 3 && type == 5) page->compressed = thriftZigzag(t);
    else if ((id == 5 || id == 7 || id == 8) && type == 12) readPageParts(t, page, id);
    else thriftSkip(t, type, 1);
  }
}

/* ---- RLE / bit-packed hybrid ----------------------------------------------------------------------- */

/* `count` values of `width` bits (0-32) from the hybrid encoding in [p, end) into out. */
static int decodeHybrid(const uint8_t *p, const uint8_t *end, int width, uint32_t *out, size_t count, Status *status) {
  if (width == 0) {
    memset(out, 0, count * sizeof *out);
    return OK;
  }
  if (width > 32) return fail(status, CORRUPT, "a bit width of %d (at most 32)", width);
  const uint64_t mask = width == 32 ? 0xffffffffu : (1u << width) - 1;
  const size_t valueBytes = (size_t)(width + 7) / 8;
  size_t done = 0;
  while (done < count) {
    Thrift t = {p, end, 0};
    const uint64_t header = thriftVarint(&t);
    if (t.bad) return fail(status, CORRUPT, "RLE/bit-packed values end after %zu of %zu", done, count);
    p = t.p;
    if (header & 1) {
      const uint64_t groups = header >> 1;
      const size_t take = groups * 8 < count - done ? (size_t)(groups * 8) : count - done;
      const size_t need = (take * (size_t)width + 7) / 8;
      if ((size_t)(end - p) < need) return fail(status, CORRUPT, "bit-packed values end after %zu of %zu", done, count);
      size_t i = 0;
      /* whole 8-byte loads while they stay inside the buffer (width <= 32: a value spans at most 5 bytes) */
      const size_t safe = (size_t)(end - p) >= 8 ? ((size_t)(end - p) - 8) * 8 / (size_t)width : 0;
      for (const size_t fast = take < safe ? take : safe; i < fast; i++) {
        const size_t bit = i * (size_t)width;
        uint64_t word;
        memcpy(&word, p + (bit >> 3), 8);
        out[done + i] = (uint32_t)((word >> (bit & 7)) & mask);
      }
      for (; i < take; i++) {
        const size_t bit = i * (size_t)width;
        uint64_t word = 0;
        for (size_t b = 0; b < 5 && (bit >> 3) + b < need; b++) word |= (uint64_t)p[(bit >> 3) + b] << (8 * b);
        out[done + i] = (uint32_t)((word >> (bit & 7)) & mask);
      }
      const uint64_t groupBytes = groups * (uint64_t)width;
      p = groupBytes < (uint64_t)(end - p) ? p + groupBytes : end;
      done += take;
    } else {
      const uint64_t run = header >> 1;
      if ((size_t)(end - p) < valueBytes) return fail(status, CORRUPT, "an RLE run ends early after %zu of %zu values", done, count);
      uint32_t value = 0;
      for (size_t i = 0; i < valueBytes; i++) value |= (uint32_t)p[i] << (8 * i);
      p += valueBytes;
      const size_t take = run < count - done ? (size_t)run : count - done;
      for (size_t i = 0; i < take; i++) out[done + i] = value;
      done += take;
    }
  }
  return OK;
}

/* ---- a chunk ------------------------------------------------------------------------------------------ */

typedef struct {
  int physical, codec, maxDefinition;
  size_t rows, width;
  uint8_t *values, *validity;
  int32_t *offsets;
  size_t nulls;
  size_t stringBytes;       /* the text's bytes so far, also those past `capacity` (not written) */
  uint8_t *text;            /* where the text goes: the caller's `bytes` */
  size_t capacity;          /* its length */
  int64_t dictionaryCount; /* -1: no dictionary page seen */
  size_t dictionaryMost;   /* text with a dictionary of at most this many entries comes as indices (0: never) */
  int asIndices;           /* this chunk's text comes as int32 indices into its dictionary, in `values` */
} Chunk;

static size_t widthOf(int physical) {
  return physical == INT32 || physical == FLOAT ? 4 : physical == INT64 || physical == DOUBLE ? 8 : 0;
}

/* A page's body [body, body + n), decompressed when the chunk's codec asks, as [*out, *out + *length). */
static int pageBody(Scratch *s, const Chunk *c, Buffer *into, const uint8_t *body, size_t n, int64_t uncompressed,
                    int compressed, const uint8_t **out, size_t *length, Status *status) {
  if (c->codec == UNCOMPRESSED || !compressed) {
    *out = body;
    *length = n;
    return OK;
  }
  (void)s;
  size_t declared;
  if (snappyLength(body, n, &declared) != 0 || (uncompressed >= 0 && declared != (uint64_t)uncompressed)) {
    return fail(status, CORRUPT, "a Snappy page whose length (%lld bytes) does not match its header", (long long)uncompressed);
  }
  uint8_t *data = reserve(into, declared + 1);
  if (data == NULL) return fail(status, CORRUPT, "out of memory for a page of %zu bytes", declared);
  if (snappyDecompress(body, n, data, declared) != 0) return fail(status, CORRUPT, "a Snappy page that does not decompress");
  *out = data;
  *length = declared;
  return OK;
}

static int readDictionary(Scratch *s, Chunk *c, const PageHeader *page, const uint8_t *body, size_t n, Status *status) {
  if (page->encoding != PLAIN && page->encoding != PLAIN_DICTIONARY) {
    return fail(status, UNSUPPORTED, "a dictionary page with encoding %d", page->encoding);
  }
  if (c->physical == BOOLEAN) return fail(status, UNSUPPORTED, "a dictionary page for booleans");
  const uint8_t *data;
  size_t length;
  if (pageBody(s, c, &s->dictionary, body, n, page->uncompressed, 1, &data, &length, status)) return status->kind;
  if (data == body) { /* keep the dictionary: the data pages are decompressed into `page` */
    uint8_t *copy = reserve(&s->dictionary, length + 1);
    if (copy == NULL) return fail(status, CORRUPT, "out of memory for a dictionary of %zu bytes", length);
    memcpy(copy, body, length);
  }
  const int64_t count = page->values;
  if (count < 0) return fail(status, CORRUPT, "a dictionary of %lld values", (long long)count);
  if (c->physical == BYTE_ARRAY) {
    uint32_t *entries = (uint32_t *)reserve(&s->entries, ((size_t)count + 1) * sizeof(uint32_t));
    if (entries == NULL) return fail(status, CORRUPT, "out of memory for a dictionary of %lld values", (long long)count);
    size_t at = 0;
    for (int64_t i = 0; i < count; i++) {
      if (length - at < 4) return fail(status, CORRUPT, "a dictionary page ends after %lld of %lld values", (long long)i, (long long)count);
      const uint32_t size = le32(s->dictionary.data + at);
      if (length - at - 4 < size) return fail(status, CORRUPT, "a dictionary page ends after %lld of %lld values", (long long)i, (long long)count);
      entries[i] = (uint32_t)(at + 4);
      at += 4 + (size_t)size;
      if (at > UINT32_MAX) return fail(status, UNSUPPORTED, "a dictionary page over 4 GiB");
    }
    /* entry i is [entries[i], entries[i] + its length): lengths sit 4 bytes before each entry */
    entries[count] = (uint32_t)at;
    c->asIndices = (uint64_t)count <= c->dictionaryMost && (size_t)count <= c->rows;
  } else if ((uint64_t)count * c->width > length) {
    return fail(status, CORRUPT, "a dictionary page of %zu bytes for %lld values", length, (long long)count);
  }
  c->dictionaryCount = count;
  return OK;
}

/*
 * Room for `size` more bytes of text: where they go in the caller's buffer, or NULL when it is too
 * short (they are then counted, not written, and the caller decodes again with a larger one).
 */
static uint8_t *textRoom(Chunk *c, size_t size, Status *status) {
  if (c->stringBytes + size > INT32_MAX) {
    fail(status, UNSUPPORTED, "a row group with over 2 GiB of text in one column");
    return NULL;
  }
  return c->stringBytes + size <= c->capacity ? c->text + c->stringBytes : NULL;
}

/*
 * The values of one data page's `present` non-null rows from [data, end) into rows [row, row + n),
 * where levels[i] = 1 marks the rows that hold one (levels NULL: all do).
 */
static int readValues(Scratch *s, Chunk *c, const PageHeader *page, const uint8_t *data, const uint8_t *end, size_t row,
                      size_t n, const uint32_t *levels, size_t present, Status *status) {
  const int encoding = page->encoding;
  const size_t w = c->width;
  if (encoding == PLAIN_DICTIONARY || encoding == RLE_DICTIONARY) {
    if (c->dictionaryCount < 0) return fail(status, CORRUPT, "a dictionary-encoded page without a dictionary page");
    if (data >= end) {
      if (present == 0) goto strings_offsets_only;
      return fail(status, CORRUPT, "a dictionary-encoded page without its bit width");
    }
    uint32_t *indices = (uint32_t *)reserve(&s->indices, (present + 1) * sizeof(uint32_t));
    if (indices == NULL) return fail(status, CORRUPT, "out of memory for %zu indices", present);
    if (decodeHybrid(data + 1, end, data[0], indices, present, status)) return status->kind;
    const uint32_t count = (uint32_t)c->dictionaryCount;
    uint32_t most = 0; /* the largest index, in a loop without exits (vectorized) */
    for (size_t k = 0; k < present; k++) most = indices[k] > most ? indices[k] : most;
    if (present > 0 && most >= count) {
      size_t k = 0;
      while (indices[k] < count) k++;
      return fail(status, CORRUPT, "a dictionary index %u past the dictionary's %u entries", indices[k], count);
    }
    const uint8_t *dictionary = s->dictionary.data;
    size_t k = 0;
    if (c->asIndices) {
      int32_t *out = (int32_t *)c->values + row;
      if (levels == NULL) memcpy(out, indices, n * sizeof *out);
      else for (size_t i = 0; i < n; i++) out[i] = levels[i] ? (int32_t)indices[k++] : 0;
    } else if (c->physical == BYTE_ARRAY) {
      const uint32_t *entries = (const uint32_t *)s->entries.data;
      /* the page's bytes first, so that the copies below need no checks */
      size_t total = 0;
      for (size_t j = 0; j < present; j++) total += le32(dictionary + entries[indices[j]] - 4);
      uint8_t *room = textRoom(c, total, status);
      if (status->kind) return status->kind;
      size_t at = c->stringBytes;
      for (size_t i = 0; i < n; i++) {
        if (levels == NULL || levels[i]) {
          const uint32_t from = entries[indices[k++]];
          const size_t size = le32(dictionary + from - 4);
          if (room != NULL) memcpy(c->text + at, dictionary + from, size);
          at += size;
        }
        c->offsets[row + i + 1] = (int32_t)at;
      }
      c->stringBytes = at;
    } else if (w == 8 && levels == NULL) {
      uint64_t *out = (uint64_t *)c->values + row;
      for (size_t i = 0; i < n; i++) memcpy(out + i, dictionary + (size_t)indices[i] * 8, 8);
    } else if (w == 8) {
      uint64_t *out = (uint64_t *)c->values + row;
      for (size_t i = 0; i < n; i++) {
        uint64_t value = 0;
        if (levels == NULL || levels[i]) memcpy(&value, dictionary + (size_t)indices[k++] * 8, 8);
        memcpy(out + i, &value, 8);
      }
    } else if (levels == NULL) {
      uint32_t *out = (uint32_t *)c->values + row;
      for (size_t i = 0; i < n; i++) memcpy(out + i, dictionary + (size_t)indices[i] * 4, 4);
    } else {
      uint32_t *out = (uint32_t *)c->values + row;
      for (size_t i = 0; i < n; i++) {
        uint32_t value = 0;
        if (levels == NULL || levels[i]) memcpy(&value, dictionary + (size_t)indices[k++] * 4, 4);
        memcpy(out + i, &value, 4);
      }
    }
    return OK;
  }
  if (c->physical == BOOLEAN && (encoding == PLAIN || encoding == RLE)) {
    const uint8_t *bits = data;
    uint32_t *decoded = NULL;
    if (encoding == RLE) {
      if (end - data < 4 || (size_t)(end - data - 4) < le32(data)) return fail(status, CORRUPT, "an RLE boolean page without its length");
      decoded = (uint32_t *)reserve(&s->indices, (present + 1) * sizeof(uint32_t));
      if (decoded == NULL) return fail(status, CORRUPT, "out of memory for %zu booleans", present);
      if (decodeHybrid(data + 4, data + 4 + le32(data), 1, decoded, present, status)) return status->kind;
    } else if ((size_t)(end - data) < (present + 7) / 8) {
      return fail(status, CORRUPT, "a boolean page of %zu bytes for %zu values", (size_t)(end - data), present);
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
      int bit = 0;
      if (levels == NULL || levels[i]) {
        bit = decoded != NULL ? (int)(decoded[k] & 1) : (bits[k >> 3] >> (k & 7)) & 1;
        k++;
      }
      const size_t j = row + i;
      if (bit) c->values[j >> 3] |= (uint8_t)(1u << (j & 7));
      else c->values[j >> 3] &= (uint8_t)~(1u << (j & 7));
    }
    return OK;
  }
  if (encoding != PLAIN) return fail(status, UNSUPPORTED, "a data page with encoding %d", encoding);
  if (c->asIndices) return fail(status, AS_TEXT, "a PLAIN page after a dictionary");
  if (c->physical == BYTE_ARRAY) {
    const uint8_t *p = data;
    for (size_t i = 0; i < n; i++) {
      if (levels == NULL || levels[i]) {
        if (end - p < 4 || (size_t)(end - p - 4) < le32(p)) return fail(status, CORRUPT, "a PLAIN text page ends early");
        const size_t size = le32(p);
        uint8_t *room = textRoom(c, size, status);
        if (status->kind) return status->kind;
        if (room != NULL) memcpy(room, p + 4, size);
        c->stringBytes += size;
        p += 4 + size;
      }
      c->offsets[row + i + 1] = (int32_t)c->stringBytes;
    }
    return OK;
  }
  if ((size_t)(end - data) < present * w) {
    return fail(status, CORRUPT, "a PLAIN page of %zu bytes for %zu values of %zu bytes", (size_t)(end - data), present, w);
  }
  uint8_t *out = c->values + row * w;
  if (levels == NULL || present == n) {
    memcpy(out, data, n * w);
    return OK;
  }
  size_t k = 0;
  for (size_t i = 0; i < n; i++) {
    if (levels[i]) memcpy(out + i * w, data + (k++) * w, w);
    else memset(out + i * w, 0, w);
  }
  return OK;
strings_offsets_only:
  if (c->asIndices) memset((int32_t *)c->values + row, 0, n * sizeof(int32_t));
  else for (size_t i = 0; i < n && c->physical == BYTE_ARRAY; i++) c->offsets[row + i + 1] = (int32_t)c->stringBytes;
  if (c->physical != BYTE_ARRAY && c->physical != BOOLEAN) memset(c->values + row * w, 0, n * w);
  if (c->physical == BOOLEAN) {
    for (size_t i = 0; i < n; i++) c->values[(row + i) >> 3] &= (uint8_t)~(1u << ((row + i) & 7));
  }
  return OK;
}

/* Bit j of `bits` set to `on` (0 or 1). */
static inline void setBit(uint8_t *bits, size_t j, uint32_t on) {
  bits[j >> 3] = (uint8_t)((bits[j >> 3] & ~(1u << (j & 7))) | (on << (j & 7)));
}

/*
 * The definition levels levels[0 .. count) (each 0 or 1; a larger one is corrupt) as validity bits
 * row .. row + count - 1 of `validity`, and the number of 1s into *present. Whole bytes are written
 * from eight levels where the bits start at a byte: one read-modify-write of a byte per level chained
 * each level's store to the next one's load (a fifth of the decoder's time at 10M rows, perf).
 */
static int levelsToValidity(const uint32_t *levels, size_t count, uint8_t *validity, size_t row, size_t *present, Status *status) {
  uint32_t any = 0;
  size_t ones = 0;
  for (size_t i = 0; i < count; i++) {
    any |= levels[i];
    ones += levels[i];
  }
  if (any > 1) {
    size_t i = 0;
    while (levels[i] <= 1) i++;
    return fail(status, CORRUPT, "a definition level %u in a column whose maximum is 1", levels[i]);
  }
  size_t i = 0, j = row;
  for (; i < count && (j & 7) != 0; i++, j++) setBit(validity, j, levels[i]);
  for (; i + 8 <= count; i += 8, j += 8) {
    const uint32_t *l = levels + i;
    validity[j >> 3] = (uint8_t)(l[0] | l[1] << 1 | l[2] << 2 | l[3] << 3 | l[4] << 4 | l[5] << 5 | l[6] << 6 | l[7] << 7);
  }
  for (; i < count; i++, j++) setBit(validity, j, levels[i]);
  *present = ones;
  return OK;
}

/* One data page (v1 or v2) of the chunk: rows [*row, *row + its values). */
static int readDataPage(Scratch *s, Chunk *c, const PageHeader *page, const uint8_t *body, size_t n, size_t *row, Status *status) {
  if (page->values < 0 || (uint64_t)page->values > c->rows - *row) {
    return fail(status, CORRUPT, "a page of %lld values past the row group's %zu rows", (long long)page->values, c->rows);
  }
  const size_t count = (size_t)page->values;
  const uint8_t *levelsStart = NULL, *levelsEnd = NULL, *data, *end;
  size_t length;
  if (page->type == DATA_PAGE) {
    if (pageBody(s, c, &s->page, body, n, page->uncompressed, 1, &data, &length, status)) return status->kind;
    end = data + length;
    if (c->maxDefinition == 1) {
      if (page->definitionEncoding != RLE) return fail(status, UNSUPPORTED, "definition levels with encoding %d", page->definitionEncoding);
      if (length < 4 || length - 4 < le32(data)) return fail(status, CORRUPT, "a data page's definition levels end early");
      levelsStart = data + 4;
      levelsEnd = levelsStart + le32(data);
      data = levelsEnd;
    }
  } else {
    if (page->repetitionBytes != 0) return fail(status, UNSUPPORTED, "repetition levels in a flat column");
    if (page->definitionBytes < 0 || (uint64_t)page->definitionBytes > n) return fail(status, CORRUPT, "a v2 page's levels are longer than the page");
    const size_t levelBytes = (size_t)page->definitionBytes;
    if (c->maxDefinition == 1) {
      levelsStart = body;
      levelsEnd = body + levelBytes;
    }
    if (pageBody(s, c, &s->page, body + levelBytes, n - levelBytes, page->uncompressed - (int64_t)levelBytes,
                 page->compressedValues, &data, &length, status)) {
      return status->kind;
    }
    end = data + length;
  }
  uint32_t *levels = NULL;
  size_t present = count;
  if (levelsStart != NULL) {
    levels = (uint32_t *)reserve(&s->levels, (count + 1) * sizeof(uint32_t));
    if (levels == NULL) return fail(status, CORRUPT, "out of memory for %zu levels", count);
    if (decodeHybrid(levelsStart, levelsEnd, 1, levels, count, status)) return status->kind;
    if (levelsToValidity(levels, count, c->validity, *row, &present, status)) return status->kind;
    c->nulls += count - present;
    if (present == count) levels = NULL;
  }
  if (readValues(s, c, page, data, end, *row, count, levels, present, status)) return status->kind;
  *row += count;
  return OK;
}

/* The dictionary of a chunk read as indices, as text: Arrow offsets (count + 1) and bytes. */
static int writeDictionary(Scratch *s, Chunk *c, Status *status) {
  const uint32_t *entries = (const uint32_t *)s->entries.data;
  const size_t count = (size_t)c->dictionaryCount;
  size_t total = 0;
  for (size_t j = 0; j < count; j++) total += le32(s->dictionary.data + entries[j] - 4);
  uint8_t *room = textRoom(c, total, status);
  if (status->kind) return status->kind;
  c->offsets[0] = 0;
  size_t at = 0;
  for (size_t j = 0; j < count; j++) {
    const size_t size = le32(s->dictionary.data + entries[j] - 4);
    if (room != NULL) memcpy(c->text + at, s->dictionary.data + entries[j], size);
    at += size;
    c->offsets[j + 1] = (int32_t)at;
  }
  c->stringBytes = at;
  return OK;
}

static int decode(Scratch *s, const uint8_t *input, size_t n, Chunk *c, Status *status) {
  const uint8_t *p = input, *const end = input + n;
  size_t row = 0;
  if (c->physical == BYTE_ARRAY) c->offsets[0] = 0;
  while (row < c->rows) {
    if (p >= end) return fail(status, CORRUPT, "the column chunk ends after %zu of its %zu rows", row, c->rows);
    Thrift t = {p, end, 0};
    PageHeader page;
    readPageHeader(&t, &page);
    if (t.bad) return fail(status, CORRUPT, "a page header at byte %zu of the chunk is truncated or malformed", (size_t)(p - input));
    if (page.compressed < 0 || (uint64_t)page.compressed > (uint64_t)(end - t.p)) {
      return fail(status, CORRUPT, "a page of %lld bytes at byte %zu past the chunk's end", (long long)page.compressed, (size_t)(p - input));
    }
    const uint8_t *body = t.p;
    p = t.p + page.compressed;
    if (page.type == DICTIONARY_PAGE) {
      /* a second dictionary page (the format has one per chunk): indices so far would point into the first */
      if (row > 0 && c->asIndices) return fail(status, AS_TEXT, "a dictionary page after data pages");
      if (readDictionary(s, c, &page, body, (size_t)page.compressed, status)) return status->kind;
      if (row > 0) c->asIndices = 0;
    } else if (page.type == DATA_PAGE || page.type == DATA_PAGE_V2) {
      if (readDataPage(s, c, &page, body, (size_t)page.compressed, &row, status)) return status->kind;
    } /* an index page, or a page type of a later format: skipped */
  }
  return c->asIndices ? writeDictionary(s, c, status) : OK;
}

/* ---- UTF-8 --------------------------------------------------------------------------------------------- */

/*
 * Whether [p, p + n) is well-formed UTF-8 as Unicode defines it (no overlong forms, surrogates or code
 * points past U+10FFFF: what Rust's str::from_utf8, behind parquet-wasm, accepts). ASCII is checked
 * 32 bytes, then 8, at a time.
 */
static int validUtf8(const uint8_t *p, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (i + 32 <= n) {
      uint64_t words[4];
      memcpy(words, p + i, 32);
      if (((words[0] | words[1] | words[2] | words[3]) & 0x8080808080808080ull) == 0) {
        i += 32;
        continue;
      }
    }
    if (i + 8 <= n) {
      uint64_t word;
      memcpy(&word, p + i, 8);
      if ((word & 0x8080808080808080ull) == 0) {
        i += 8;
        continue;
      }
    }
    const uint8_t b = p[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    size_t length;
    uint8_t low = 0x80, high = 0xbf; /* the second byte's range */
    if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b == 0xe0) low = 0xa0;
      if (b == 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b == 0xf0) low = 0x90;
      if (b == 0xf4) high = 0x8f;
    } else return 0;
    if (n - i < length || p[i + 1] < low || p[i + 1] > high) return 0;
    for (size_t k = 2; k < length; k++) {
      if (p[i + k] < 0x80 || p[i + k] > 0xbf) return 0;
    }
    i += length;
  }
  return 1;
}

/*
 * Whether every value of the chunk's text is well-formed UTF-8: the concatenation is, and no value
 * starts inside a character (then every boundary between values is one between characters).
 */
static int validText(const uint8_t *bytes, const int32_t *offsets, size_t rows) {
  if (!validUtf8(bytes, (size_t)offsets[rows])) return 0;
  for (size_t i = 0; i < rows; i++) {
    if (offsets[i + 1] > offsets[i] && (bytes[offsets[i]] & 0xc0) == 0x80) return 0;
  }
  return 1;
}

/* ---- Node-API ------------------------------------------------------------------------------------------ */

static void freeScratch(napi_env env, void *data, void *hint) {
  (void)env;
  (void)hint;
  Scratch *s = data;
  free(s->page.data);
  free(s->dictionary.data);
  free(s->entries.data);
  free(s->levels.data);
  free(s->indices.data);
  free(s);
}

static napi_value throwStatus(napi_env env, const Status *status) {
  napi_value message, code, error;
  napi_create_string_utf8(env, status->message, NAPI_AUTO_LENGTH, &message);
  napi_create_string_utf8(env, status->kind == UNSUPPORTED ? "UNSUPPORTED" : "CORRUPT", NAPI_AUTO_LENGTH, &code);
  napi_create_error(env, code, message, &error);
  napi_throw(env, error);
  return NULL;
}

/* The bytes of a typed array argument (any type), its byte length in *length; NULL for null/undefined. */
static uint8_t *bytesOf(napi_env env, napi_value value, size_t *length, int *bad) {
  napi_valuetype type;
  napi_typeof(env, value, &type);
  *length = 0;
  if (type == napi_null || type == napi_undefined) return NULL;
  bool is = false;
  napi_typedarray_type kind;
  size_t elements;
  void *data = NULL;
  napi_value buffer;
  size_t offset;
  if (napi_is_typedarray(env, value, &is) != napi_ok || !is ||
      napi_get_typedarray_info(env, value, &kind, &elements, &data, &buffer, &offset) != napi_ok) {
    *bad = 1;
    return NULL;
  }
  const size_t size = kind == napi_int8_array || kind == napi_uint8_array || kind == napi_uint8_clamped_array ? 1
                      : kind == napi_int16_array || kind == napi_uint16_array                                   ? 2
                      : kind == napi_float64_array || kind == napi_bigint64_array || kind == napi_biguint64_array ? 8
                                                                                                                  : 4;
  *length = elements * size;
  return data;
}

static napi_value decodeChunk(napi_env env, napi_callback_info info) {
  napi_value argv[11];
  if (!exactArguments(env, info, argv, 11, "decodeChunk")) return NULL;
  int bad = 0;
  size_t inputLength, valuesLength, validityLength, offsetsLength, bytesLength;
  const uint8_t *input = bytesOf(env, argv[0], &inputLength, &bad);
  int32_t physical, codec, maxDefinition, utf8 = 0, dictionaryMost = 0;
  int64_t rows;
  if (napi_get_value_int32(env, argv[1], &physical) != napi_ok || napi_get_value_int32(env, argv[2], &codec) != napi_ok ||
      napi_get_value_int32(env, argv[3], &maxDefinition) != napi_ok || napi_get_value_int64(env, argv[4], &rows) != napi_ok ||
      napi_get_value_int32(env, argv[9], &utf8) != napi_ok || napi_get_value_int32(env, argv[10], &dictionaryMost) != napi_ok ||
      dictionaryMost < 0) {
    bad = 1;
  }
  uint8_t *values = bytesOf(env, argv[5], &valuesLength, &bad);
  uint8_t *validity = bytesOf(env, argv[6], &validityLength, &bad);
  int32_t *offsets = (int32_t *)bytesOf(env, argv[7], &offsetsLength, &bad);
  uint8_t *bytes = bytesOf(env, argv[8], &bytesLength, &bad);
  if (physical != BYTE_ARRAY) dictionaryMost = 0;
  Chunk c = {physical, codec, maxDefinition, (size_t)(rows < 0 ? 0 : rows), widthOf(physical), values, validity, offsets,
             0, 0, bytes, bytesLength, -1, (size_t)dictionaryMost, 0};
  const int typeOk = physical == BOOLEAN || physical == BYTE_ARRAY || c.width > 0;
  const size_t valueBytes = physical == BOOLEAN ? (c.rows + 7) / 8 : c.rows * c.width;
  if (bad || input == NULL || rows < 0 || !typeOk || (codec != UNCOMPRESSED && codec != SNAPPY) || maxDefinition < 0 || maxDefinition > 1 ||
      (physical != BYTE_ARRAY && valuesLength < valueBytes) || (dictionaryMost > 0 && valuesLength < c.rows * 4) || (physical == BYTE_ARRAY && offsetsLength < (c.rows + 1) * 4) ||
      (maxDefinition == 1 && validityLength < (c.rows + 7) / 8)) {
    napi_throw_type_error(env, NULL, "decodeChunk: arguments of the wrong type or size");
    return NULL;
  }
  Scratch *s = NULL;
  napi_get_instance_data(env, (void **)&s);
  if (s == NULL) {
    s = calloc(1, sizeof *s);
    if (s == NULL || napi_set_instance_data(env, s, freeScratch, NULL) != napi_ok) {
      free(s);
      napi_throw_error(env, NULL, "decodeChunk: out of memory");
      return NULL;
    }
  }
  Status status = {OK, ""};
  if (decode(s, input, inputLength, &c, &status) != OK) {
    if (status.kind != AS_TEXT) return throwStatus(env, &status);
    c.dictionaryCount = -2;
    c.nulls = c.stringBytes = 0;
  }
  const size_t texts = c.dictionaryCount >= 0 && c.asIndices ? (size_t)c.dictionaryCount : c.rows;
  if (physical == BYTE_ARRAY && utf8 && c.dictionaryCount != -2 && c.stringBytes <= bytesLength && !validText(bytes, offsets, texts)) {
    fail(&status, CORRUPT, "a text value that is not valid UTF-8");
    return throwStatus(env, &status);
  }
  napi_value result, nulls, stringBytes, dictionary;
  napi_create_array_with_length(env, 3, &result);
  napi_create_double(env, (double)c.nulls, &nulls);
  napi_create_double(env, (double)c.stringBytes, &stringBytes);
  napi_create_double(env, c.asIndices || c.dictionaryCount == -2 ? (double)c.dictionaryCount : -1, &dictionary);
  napi_set_element(env, result, 0, nulls);
  napi_set_element(env, result, 1, stringBytes);
  napi_set_element(env, result, 2, dictionary);
  return result;
}

NAPI_MODULE_INIT() {
  exportFunction(env, exports, "decodeChunk", decodeChunk);
  exportAbi(env, exports, 1);
  return exports;
}
