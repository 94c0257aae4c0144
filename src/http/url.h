/* url.h - the request target of an HTTP request: path and query, decoded
 * and checked. Prefix: url_. Fuzzed by tests/fuzz/fuzz_url.c.
 *
 * The path is percent-decoded and must be absolute and clean: no "..", no
 * "." segments, no empty segments, no NUL, no backslash, at most URL_MAX_PATH
 * bytes. Query parameters ("a=1&b=x%20y", '+' is a space) are decoded; at
 * most URL_MAX_PARAMS, names of [A-Za-z0-9_.-], values without control
 * characters. A repeated name keeps its first value.
 *
 * Ownership: strings point into the caller's arena.
 */
#ifndef LADDER_URL_H
#define LADDER_URL_H

#include "../base/base.h"

#define URL_MAX_PATH 512
#define URL_MAX_PARAMS 16
#define URL_MAX_TARGET 2048
#define URL_MAX_PIECES 64 /* '&'-separated pieces of a query, empty and repeated ones included */

typedef struct url_param {
	const char *name, *value;
} url_param;

typedef struct url_target {
	const char *path;
	const char *segments[16]; /* path split at '/', without the empty first */
	int n_segments;
	url_param params[URL_MAX_PARAMS];
	int n_params;
} url_target;

/* 0, or LERR_PARSE with err saying what is wrong (for a 400 response). */
int url_parse(arena *a, const char *target, url_target *out, lerr *err);
/* A look at the raw target before anything splits it (the server library
 * would store every query piece in its small per-connection pool, and a
 * query of a thousand pieces exhausts it before the request reaches us):
 * 0 if it is at most URL_MAX_TARGET bytes and its query at most
 * URL_MAX_PIECES pieces, else the HTTP status to refuse it with, 414 (too
 * long) or 400 (too many pieces). url_parse accepts nothing this refuses. */
int url_check_size(const char *target);
/* Whether the raw target asks for English: the first "lang" parameter of
 * its query is "en", as url_parse would decode it; for the answers given
 * to targets that are not parsed (url_check_size), in the asker's language. */
int url_lang_en(const char *target);
/* Every parameter of target's query in order, repeated names included (a
 * form's multiple select sends area=a&area=b), decoded into a; at most cap;
 * pieces that do not decode are left out (url_parse refuses them). Returns
 * how many. */
int url_query_all(arena *a, const char *target, url_param *out, int cap);
/* The value of a parameter, or NULL. */
const char *url_param_get(const url_target *t, const char *name);

#endif
