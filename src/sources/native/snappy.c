/*
 * Raw Snappy decompression: a stream of literals and back-references after a varint preamble of the
 * uncompressed length (github.com/google/snappy, format_description.txt). Every length and offset is
 * checked against both ranges before it is used, so corrupt input is an error, never a stray read.
 */
#include "snappy.h"
#include <string.h>

static int varint32(const uint8_t **p, const uint8_t *end, uint32_t *out) {
  uint32_t value = 0;
  for (int shift = 0; shift <= 28 && *p < end; shift += 7) {
    const uint8_t byte = *(*p)++;
    value |= (uint32_t)(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *out = value;
      return 0;
    }
  }
  return -1;
}

int snappyLength(const uint8_t *in, size_t n, size_t *length) {
  const uint8_t *p = in;
  uint32_t value;
  if (varint32(&p, in + n, &value) != 0) return -1;
  *length = value;
  return 0;
}

int snappyDecompress(const uint8_t *in, size_t n, uint8_t *out, size_t length) {
  const uint8_t *p = in, *const end = in + n;
  uint32_t declared;
  if (varint32(&p, end, &declared) != 0 || declared != length) return -1;
  uint8_t *o = out, *const oend = out + length;
  while (p < end) {
    const uint8_t tag = *p++;
    size_t len, offset;
    switch (tag & 3) {
      case 0: /* literal: length - 1 in the tag, or in the 1-4 bytes after it */
        len = tag >> 2;
        if (len >= 60) {
          const size_t bytes = len - 59;
          if ((size_t)(end - p) < bytes) return -1;
          len = 0;
          for (size_t i = 0; i < bytes; i++) len |= (size_t)p[i] << (8 * i);
          p += bytes;
        }
        len += 1;
        if ((size_t)(end - p) < len || (size_t)(oend - o) < len) return -1;
        memcpy(o, p, len);
        o += len;
        p += len;
        continue;
      case 1: /* copy of 4-11 bytes, 11-bit offset */
        if (p >= end) return -1;
        len = 4 + ((tag >> 2) & 7);
        offset = ((size_t)(tag >> 5) << 8) | *p++;
        break;
      case 2: /* copy of 1-64 bytes, 16-bit offset */
        if (end - p < 2) return -1;
        len = 1 + (tag >> 2);
        offset = (size_t)p[0] | ((size_t)p[1] << 8);
        p += 2;
        break;
      default: /* copy of 1-64 bytes, 32-bit offset */
        if (end - p < 4) return -1;
        len = 1 + (tag >> 2);
        offset = (size_t)p[0] | ((size_t)p[1] << 8) | ((size_t)p[2] << 16) | ((size_t)p[3] << 24);
        p += 4;
        break;
    }
    if (offset == 0 || offset > (size_t)(o - out) || (size_t)(oend - o) < len) return -1;
    const uint8_t *from = o - offset;
    if (offset >= len) {
      memcpy(o, from, len);
    } else {
      /* an overlapping copy repeats the last `offset` bytes */
      for (size_t i = 0; i < len; i++) o[i] = from[i];
    }
    o += len;
  }
  return o == oend ? 0 : -1;
}
