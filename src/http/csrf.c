/* csrf.c - single-use form tokens bound to an invite. See csrf.h. */
#include "csrf.h"
#include "../base/base.h"

#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <stdlib.h>
#include <string.h>

void csrf_init(csrf *c, const unsigned char key[32], double lifetime_s)
{
	memset(c, 0, sizeof *c);
	memcpy(c->key, key, 32);
	c->lifetime_s = lifetime_s;
	pthread_mutex_init(&c->lock, NULL);
	c->spent = xcalloc(CSRF_SPENT_MAX, sizeof *c->spent);
}

void csrf_destroy(csrf *c)
{
	pthread_mutex_destroy(&c->lock);
	free(c->spent);
	memset(c, 0, sizeof *c);
}

static void put_be64(unsigned char *p, unsigned long long v)
{
	for (int i = 7; i >= 0; i--, v >>= 8)
		p[i] = (unsigned char)(v & 0xff);
}

static unsigned long long get_be64(const unsigned char *p)
{
	unsigned long long v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* The mac of (invite, nonce and expiry = body[0..24)). */
static void mac_of(const csrf *c, long long invite, const unsigned char body[24], unsigned char mac[16])
{
	struct hmac_sha256_ctx h;
	unsigned char scope[8 + 5], full[SHA256_DIGEST_SIZE];
	memcpy(scope, "csrf:", 5); /* a key of this server signs nothing else, but say what */
	put_be64(scope + 5, (unsigned long long)invite);
	hmac_sha256_set_key(&h, sizeof c->key, c->key);
	hmac_sha256_update(&h, sizeof scope, scope);
	hmac_sha256_update(&h, 24, body);
	hmac_sha256_digest(&h, sizeof full, full);
	memcpy(mac, full, 16);
}

static const char hexdigits[] = "0123456789abcdef";

void csrf_issue(csrf *c, long long invite, const unsigned char nonce[16], time_t now, char out[CSRF_LEN + 1])
{
	unsigned char raw[40];
	memcpy(raw, nonce, 16);
	put_be64(raw + 16, (unsigned long long)(now + (time_t)c->lifetime_s));
	mac_of(c, invite, raw, raw + 24);
	for (int i = 0; i < 40; i++) {
		out[2 * i] = hexdigits[raw[i] >> 4];
		out[2 * i + 1] = hexdigits[raw[i] & 15];
	}
	out[CSRF_LEN] = '\0';
}

static int unhex(const char *s, unsigned char raw[40])
{
	if (strlen(s) != CSRF_LEN)
		return -1;
	for (int i = 0; i < CSRF_LEN; i++) {
		const char *d = strchr(hexdigits, s[i]);
		if (!s[i] || !d)
			return -1;
		int v = (int)(d - hexdigits);
		raw[i / 2] = (unsigned char)(i % 2 ? raw[i / 2] << 4 | v : v);
	}
	return 0;
}

enum csrf_verdict csrf_spend(csrf *c, long long invite, const char *token, time_t now)
{
	if (!token || !*token)
		return CSRF_MISSING;
	unsigned char raw[40], mac[16];
	if (unhex(token, raw) < 0)
		return CSRF_BAD;
	mac_of(c, invite, raw, mac);
	if (!memeql_sec(mac, raw + 24, 16))
		return CSRF_BAD;
	time_t expires = (time_t)get_be64(raw + 16);
	if (expires < now || expires > now + (time_t)c->lifetime_s + 60)
		return CSRF_EXPIRED;
	enum csrf_verdict v = CSRF_OK;
	pthread_mutex_lock(&c->lock);
	/* one pass: forget what has expired, look for this nonce */
	int w = 0;
	for (int i = 0; i < c->n_spent; i++) {
		if (c->spent[i].expires < now)
			continue;
		if (memcmp(c->spent[i].nonce, raw, 16) == 0)
			v = CSRF_REPLAYED;
		c->spent[w++] = c->spent[i];
	}
	c->n_spent = w;
	if (v == CSRF_OK && c->n_spent >= CSRF_SPENT_MAX)
		v = CSRF_FULL;
	if (v == CSRF_OK) {
		memcpy(c->spent[c->n_spent].nonce, raw, 16);
		c->spent[c->n_spent].expires = expires;
		c->n_spent++;
	}
	pthread_mutex_unlock(&c->lock);
	return v;
}
