/* sform.h - the providers' survey form (issue 17) under /survey/<token>:
 * the one part of `ladder serve` that writes, served only with --survey.
 * Prefix: sform_.
 *
 *   GET  /survey/<token>        the form: the provider's sites and work
 *                               forms, last year's figures beside the fields
 *   POST /survey/<token>        submit=draft keeps a draft, submit=final
 *                               answers; either saves a new version
 *   GET  /survey/<token>/copy   the current answer, to print
 *
 * A token opens only its own provider's form, and only while its round is
 * open; failed token attempts are counted per client address (limiter.h);
 * every POST carries a single-use csrf field bound to the invite (csrf.h);
 * an answer is acknowledged only after its transaction committed. Nothing
 * of it is cached (rcache.h) and every answer is no-store.
 *
 * Ownership: sform_start sets up the process-wide limiter and csrf key,
 * sform_stop releases them after the daemon stopped.
 */
#ifndef LADDER_SFORM_H
#define LADDER_SFORM_H

#include "http.h"

#define SFORM_MAX_BODY (128 * 1024) /* bytes of a POST body */
#define SFORM_MAX_FIELDS 2048       /* fields of a POST body */
/* A client refused for too many wrong links gets one attempt back every
 * this many seconds; its 429 answers say so in Retry-After. */
#define SFORM_RETRY_AFTER_S 30

typedef struct sform_in {
	const char *method;       /* GET, HEAD or POST */
	const char *content_type; /* of a POST, or NULL */
	const char *fetch_site;   /* Sec-Fetch-Site, or NULL */
	unsigned char client[16]; /* the client's address as the limiter keys it (lim_key) */
	const char *body;         /* a POST's body (not NUL-terminated) */
	size_t body_len;
} sform_in;

int sform_start(lerr *err);
void sform_stop(void);
/* Is the raw request target under /survey/? */
int sform_target(const char *raw);
/* Has the client (lim_key) failed too often? Then it is answered 429
 * before anything else is looked at (sform_refuse), not even the store,
 * and the refusal counts as one more failed attempt. */
int sform_blocked(const unsigned char client[16]);
int sform_refuse(http_req *r, http_resp *out);
/* Answers a request under /survey/ into out (status, type, body; always
 * no_store). Returns the status. */
int sform_answer(http_ctx *c, http_req *r, const sform_in *in, http_resp *out);

#endif
