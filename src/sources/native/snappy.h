/*
 * Raw Snappy decompression (the block format Parquet's SNAPPY codec stores; no framing), for the
 * native Parquet page decoder (parquet-chunk.c). Format: github.com/google/snappy, format_description.txt.
 */
#ifndef CONTRAIL_SNAPPY_H
#define CONTRAIL_SNAPPY_H
#include <stddef.h>
#include <stdint.h>

/* The uncompressed length a Snappy block declares in its preamble; 0 on success, -1 if it is malformed. */
int snappyLength(const uint8_t *in, size_t n, size_t *length);

/*
 * Decompresses the block in[0, n) into out[0, length), where length is what its preamble declares.
 * 0 on success; -1 for a malformed or truncated block or one that does not fill out exactly (nothing
 * is read or written outside the two ranges).
 */
int snappyDecompress(const uint8_t *in, size_t n, uint8_t *out, size_t length);

#endif
