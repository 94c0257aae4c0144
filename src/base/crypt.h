/* crypt.h - hashing and the survey's secrets: SHA-256 (whole or fed in
 * pieces: the fingerprint of an imported file), random tokens and a
 * constant-time comparison. Prefix: crypt_.
 *
 * No cryptography is written here: the random bytes come from the operating
 * system (getrandom(2)), the hash and the comparison from nettle
 * (Debian's libnettle), which a security team keeps.
 *
 * A token is CRYPT_TOKEN_BYTES random bytes (256 bits) written in the
 * URL-safe base64 alphabet without padding (RFC 4648 section 5), so it can
 * stand in a path (/survey/<token>) unescaped. Only its hash is stored.
 */
#ifndef LADDER_CRYPT_H
#define LADDER_CRYPT_H

#include "base.h"

#include <nettle/sha2.h>
#include <stddef.h>

#define CRYPT_TOKEN_BYTES 32
#define CRYPT_TOKEN_LEN 43   /* characters of a token: ceil(32 * 8 / 6) */
#define CRYPT_HASH_BYTES 32  /* SHA-256 */

/* A new token into out (CRYPT_TOKEN_LEN characters and a NUL). LERR_IO when
 * the system has no random bytes to give (never a weaker source). */
int crypt_token(char out[CRYPT_TOKEN_LEN + 1], lerr *err) LADDER_WARN_UNUSED;

/* n random bytes from the operating system into dest (the server's csrf
 * key and nonces, sform.c). LERR_IO when it has none to give. */
int crypt_random(void *dest, size_t n, lerr *err) LADDER_WARN_UNUSED;

/* 1 when s has the shape of a token (length and alphabet): lets a caller
 * refuse a malformed one before any lookup. */
int crypt_token_shape(const char *s);

/* The SHA-256 of n bytes. */
void crypt_sha256(const void *data, size_t n, unsigned char out[CRYPT_HASH_BYTES]);

/* The SHA-256 of n bytes as 64 lowercase hex digits and a NUL. */
void crypt_sha256_hex(const void *data, size_t n, char hex[2 * CRYPT_HASH_BYTES + 1]);

/* A SHA-256 fed in pieces, as a file streams in (import batches are
 * recognised by it). A plain value: a copy can be finished while the
 * original goes on (csv.c). */
typedef struct crypt_hash {
	struct sha256_ctx c;
} crypt_hash;

void crypt_hash_init(crypt_hash *h);
void crypt_hash_add(crypt_hash *h, const void *data, size_t n);
/* Finishes h into hex (64 digits and a NUL); h must be initialised again
 * before more is added. */
void crypt_hash_hex(crypt_hash *h, char hex[2 * CRYPT_HASH_BYTES + 1]);

/* 1 when the n bytes of a and b are equal, in time that does not depend on
 * where they differ. */
int crypt_equal(const void *a, const void *b, size_t n);

/* hex: 2 * n + 1 bytes, lowercase, NUL-terminated. */
void crypt_hex(const unsigned char *bytes, size_t n, char *hex);

#endif
