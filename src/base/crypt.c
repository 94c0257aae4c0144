/* crypt.c - SHA-256, tokens and comparison through nettle and the OS. */
#define _DEFAULT_SOURCE /* getrandom(2) */
#include "crypt.h"

#include <errno.h>
#include <nettle/base64.h>
#include <nettle/memops.h>
#include <nettle/sha2.h>
#include <string.h>
#include <sys/random.h>

/* getrandom may return fewer bytes than asked (signals); it blocks only
 * until the kernel's pool is initialised, once after boot. */
int crypt_random(void *dest, size_t n, lerr *err)
{
	unsigned char *out = dest;
	size_t got = 0;
	while (got < n) {
		ssize_t k = getrandom(out + got, n - got, 0);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return lerr_set(err, LERR_IO, "getrandom: %s", k < 0 ? strerror(errno) : "no bytes");
		got += (size_t)k;
	}
	return 0;
}

int crypt_token(char out[CRYPT_TOKEN_LEN + 1], lerr *err)
{
	unsigned char raw[CRYPT_TOKEN_BYTES];
	if (crypt_random(raw, sizeof raw, err) < 0)
		return LERR_IO;
	char enc[BASE64_ENCODE_LENGTH(CRYPT_TOKEN_BYTES) + BASE64_ENCODE_FINAL_LENGTH];
	struct base64_encode_ctx ctx;
	base64url_encode_init(&ctx);
	size_t n = base64_encode_update(&ctx, enc, sizeof raw, raw);
	n += base64_encode_final(&ctx, enc + n);
	while (n && enc[n - 1] == '=')
		n--; /* the length is fixed: padding says nothing */
	memcpy(out, enc, n);
	out[n] = '\0';
	memset(raw, 0, sizeof raw);
	return n == CRYPT_TOKEN_LEN ? 0 : lerr_set(err, LERR_IO, "token encoding: %zu characters", n);
}

int crypt_token_shape(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++) {
		char c = s[n];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
		if (n > CRYPT_TOKEN_LEN)
			return 0;
	}
	return n == CRYPT_TOKEN_LEN;
}

void crypt_sha256(const void *data, size_t n, unsigned char out[CRYPT_HASH_BYTES])
{
	struct sha256_ctx c;
	sha256_init(&c);
	sha256_update(&c, n, data);
	sha256_digest(&c, CRYPT_HASH_BYTES, out);
}

void crypt_sha256_hex(const void *data, size_t n, char hex[2 * CRYPT_HASH_BYTES + 1])
{
	unsigned char d[CRYPT_HASH_BYTES];
	crypt_sha256(data, n, d);
	crypt_hex(d, sizeof d, hex);
}

void crypt_hash_init(crypt_hash *h)
{
	sha256_init(&h->c);
}

void crypt_hash_add(crypt_hash *h, const void *data, size_t n)
{
	sha256_update(&h->c, n, data);
}

void crypt_hash_hex(crypt_hash *h, char hex[2 * CRYPT_HASH_BYTES + 1])
{
	unsigned char d[CRYPT_HASH_BYTES];
	sha256_digest(&h->c, sizeof d, d);
	crypt_hex(d, sizeof d, hex);
}

int crypt_equal(const void *a, const void *b, size_t n)
{
	return memeql_sec(a, b, n) != 0;
}

void crypt_hex(const unsigned char *bytes, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		hex[2 * i] = digits[bytes[i] >> 4];
		hex[2 * i + 1] = digits[bytes[i] & 15];
	}
	hex[2 * n] = '\0';
}
