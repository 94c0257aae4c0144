/* csrf.h - the hidden field `csrf` of a survey form: proof that a POST
 * comes from a form this server rendered for this invite, once. Prefix:
 * csrf_.
 *
 * A token is 16 random bytes (the nonce), the time it expires and an
 * HMAC-SHA256 (nettle) over the invite it was rendered for, the nonce and
 * that time, under a key drawn from the operating system when the server
 * starts; hex, CSRF_LEN characters. It is checked in constant time, and
 * spent: the nonce is remembered until the token expires, so the same
 * POST sent again (a replay, a double click, the browser's "resend") is
 * refused. Nothing is stored: a restart draws a new key, which ends every
 * token of before (the page then asks to submit again, values kept).
 *
 * Thread-safe: one mutex around the spent list. The caller owns the csrf
 * memory (csrf_init / csrf_destroy).
 */
#ifndef LADDER_CSRF_H
#define LADDER_CSRF_H

#include <pthread.h>
#include <time.h>

#define CSRF_LEN 80          /* hex of nonce 16 + expiry 8 + mac 16 */
#define CSRF_SPENT_MAX 65536 /* spent nonces remembered at once */

typedef struct csrf_spent {
	unsigned char nonce[16];
	time_t expires;
} csrf_spent;

typedef struct csrf {
	unsigned char key[32];
	double lifetime_s;
	pthread_mutex_t lock;
	csrf_spent *spent;
	int n_spent;
} csrf;

enum csrf_verdict {
	CSRF_OK = 0,
	CSRF_MISSING,  /* no token */
	CSRF_BAD,      /* malformed, or not made here for this invite */
	CSRF_EXPIRED,  /* made here, but too long ago (or before a restart) */
	CSRF_REPLAYED, /* spent already */
	CSRF_FULL      /* too many spent tokens alive to remember one more */
};

/* key: 32 bytes from the operating system (the caller draws them). */
void csrf_init(csrf *c, const unsigned char key[32], double lifetime_s);
void csrf_destroy(csrf *c);
/* A fresh token for the invite, valid from now; nonce: 16 random bytes. */
void csrf_issue(csrf *c, long long invite, const unsigned char nonce[16], time_t now, char out[CSRF_LEN + 1]);
/* Checks token (NULL: missing) for the invite and, when it is good,
 * spends it. */
enum csrf_verdict csrf_spend(csrf *c, long long invite, const char *token, time_t now);

#endif
