/* sha256.h - SHA-256 (FIPS 180-4), streaming. Used to fingerprint import
 * batches so the same file is recognised when imported again. */
#ifndef LADDER_SHA256_H
#define LADDER_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct sha256_ctx {
	uint32_t h[8];
	uint64_t total;
	uint8_t block[64];
	size_t fill;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, uint8_t out[32]);
/* hex: 65 bytes, NUL-terminated lowercase hex digest */
void sha256_hex(const uint8_t digest[32], char hex[65]);
/* The hex digest of one buffer held whole in memory. */
void sha256_hex_of(const void *data, size_t n, char hex[65]);

#endif
