/* crypt.h - the survey's secrets: random tokens, their SHA-256 and a
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

#include <stddef.h>

#define CRYPT_TOKEN_BYTES 32
#define CRYPT_TOKEN_LEN 43   /* characters of a token: ceil(32 * 8 / 6) */
#define CRYPT_HASH_BYTES 32  /* SHA-256 */

/* A new token into out (CRYPT_TOKEN_LEN characters and a NUL). LERR_IO when
 * the system has no random bytes to give (never a weaker source). */
int crypt_token(char out[CRYPT_TOKEN_LEN + 1], lerr *err) LADDER_WARN_UNUSED;

/* 1 when s has the shape of a token (length and alphabet): lets a caller
 * refuse a malformed one before any lookup. */
int crypt_token_shape(const char *s);

/* The SHA-256 of n bytes. */
void crypt_sha256(const void *data, size_t n, unsigned char out[CRYPT_HASH_BYTES]);

/* 1 when the n bytes of a and b are equal, in time that does not depend on
 * where they differ. */
int crypt_equal(const void *a, const void *b, size_t n);

/* hex: 2 * n + 1 bytes, lowercase, NUL-terminated. */
void crypt_hex(const unsigned char *bytes, size_t n, char *hex);

#endif
