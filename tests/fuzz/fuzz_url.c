/* fuzz_url.c - libFuzzer target for the request-target parser
 * (src/http/url.c), which sees every URL a client sends to `ladder serve`.
 *
 * Feeds a NUL-terminated copy of the input (the server gets the target as a
 * C string from libmicrohttpd) to url_parse and checks the contract of
 * url.h: failures explain themselves; on success the path starts with '/',
 * is at most URL_MAX_PATH bytes, holds no "." or ".." segment, no empty
 * segment (a trailing '/' aside), no backslash, no control character and no
 * NUL (its length is the decoded length of the raw path: nothing cut short
 * by a decoded %00); the segments are the path split at '/'; at most
 * URL_MAX_PARAMS parameters, with unique names of [A-Za-z0-9_.-] and values
 * without control characters, each found by url_param_get; a second parse
 * gives the same result; url_check_size refuses nothing url_parse accepts,
 * and url_lang_en agrees with the parsed lang parameter. Build and run
 * with tests/fuzz/run.sh. */
#include "../../src/http/url.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what, const char *s)
{
	fprintf(stderr, "fuzz_url: invariant broken: %s (input \"%s\")\n", what, s);
	abort();
}

static int hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Length of s[0..n) once percent-decoded, or -1 if an escape is bad or
 * decodes to a control character (NUL included): written independently of
 * url.c, as the reference. */
static long decoded_len(const char *s, size_t n)
{
	long len = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return -1;
			int h = hex(s[i + 1]), l = hex(s[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			c = (unsigned char)(h * 16 + l);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return -1;
		len++;
	}
	return len;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s == 0x7f)
			return 1;
	return 0;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' ||
		      c == '-'))
			return 0;
	}
	return 1;
}

static void check_path(const url_target *t, const char *s, size_t raw_path_len)
{
	const char *p = t->path;
	if (!p)
		fail("success without a path", s);
	if (p[0] != '/')
		fail("path does not start with '/'", s);
	size_t len = strlen(p);
	if (len > URL_MAX_PATH)
		fail("path longer than URL_MAX_PATH", s);
	long want = decoded_len(s, raw_path_len);
	if (want < 0)
		fail("accepted a path with a bad escape or a control character (NUL included)", s);
	if ((long)len != want)
		fail("decoded path length differs from the reference: a NUL or lost bytes", s);
	if (strchr(p, '\\'))
		fail("path contains a backslash", s);
	if (has_control(p))
		fail("path contains a control character", s);

	/* split the path ourselves and compare with the segments */
	int n = 0;
	const char *seg = p + 1;
	while (*seg) {
		const char *end = strchr(seg, '/');
		size_t sl = end ? (size_t)(end - seg) : strlen(seg);
		if (sl == 0)
			fail("path has an empty segment", s);
		if ((sl == 1 && seg[0] == '.') || (sl == 2 && seg[0] == '.' && seg[1] == '.'))
			fail("path has a '.' or '..' segment", s);
		if (n >= 16)
			fail("more than 16 segments", s);
		if (n >= t->n_segments || strlen(t->segments[n]) != sl || memcmp(t->segments[n], seg, sl) != 0)
			fail("segments differ from the path split at '/'", s);
		n++;
		if (!end)
			break;
		seg = end + 1; /* a trailing '/' ends the loop with *seg == 0 */
	}
	if (n != t->n_segments)
		fail("segment count differs from the path", s);
	if (strstr(p, "/../") || strstr(p, "/./") || strstr(p, "//"))
		fail("path has a dot or empty segment", s);
	size_t pl = strlen(p);
	if ((pl >= 3 && strcmp(p + pl - 3, "/..") == 0) || (pl >= 2 && strcmp(p + pl - 2, "/.") == 0))
		fail("path ends in a dot segment", s);
}

static void check_params(const url_target *t, const char *s)
{
	if (t->n_params < 0 || t->n_params > URL_MAX_PARAMS)
		fail("n_params out of range", s);
	for (int i = 0; i < t->n_params; i++) {
		const url_param *pa = &t->params[i];
		if (!pa->name || !pa->value)
			fail("parameter without name or value", s);
		if (!valid_name(pa->name))
			fail("parameter name outside [A-Za-z0-9_.-]", s);
		if (has_control(pa->value))
			fail("parameter value with a control character", s);
		for (int k = 0; k < i; k++)
			if (strcmp(t->params[k].name, pa->name) == 0)
				fail("repeated parameter name kept twice", s);
		if (url_param_get(t, pa->name) != pa->value)
			fail("url_param_get does not find a parameter", s);
	}
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > URL_MAX_TARGET + 64)
		return 0;
	char *s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	size_t len = strlen(s);

	arena a;
	arena_init(&a);
	url_target t;
	lerr err;
	memset(&err, 0, sizeof err);
	int rc = url_parse(&a, s, &t, &err);
	if (rc != 0 && rc != LERR_PARSE)
		fail("url_parse returned an unexpected code", s);
	if (rc == LERR_PARSE && !err.msg[0])
		fail("url_parse failed without a message", s);
	/* the server's look before parsing refuses nothing url_parse accepts */
	int size_status = url_check_size(s);
	if (size_status != 0 && size_status != 400 && size_status != 414)
		fail("url_check_size returned an unexpected status", s);
	if (size_status && rc == 0)
		fail("url_check_size refuses a target url_parse accepts", s);
	if (rc == 0) {
		if (len > URL_MAX_TARGET)
			fail("accepted a target longer than URL_MAX_TARGET", s);
		/* where url.c says the path ends: at '?', else at '#', else the end */
		const char *q = strchr(s, '?'), *hash = strchr(s, '#');
		size_t plen = q ? (size_t)(q - s) : hash ? (size_t)(hash - s) : len;
		check_path(&t, s, plen);
		check_params(&t, s);
		if (!q && t.n_params)
			fail("parameters without a '?'", s);
		const char *lang = url_param_get(&t, "lang");
		if (url_lang_en(s) != (lang && strcmp(lang, "en") == 0))
			fail("url_lang_en differs from the parsed lang parameter", s);

		/* the same input parses the same way again */
		arena b;
		arena_init(&b);
		url_target t2;
		lerr err2;
		if (url_parse(&b, s, &t2, &err2) != 0)
			fail("a second parse fails", s);
		if (strcmp(t.path, t2.path) != 0 || t.n_segments != t2.n_segments || t.n_params != t2.n_params)
			fail("a second parse differs", s);
		for (int i = 0; i < t.n_params; i++)
			if (strcmp(t.params[i].name, t2.params[i].name) || strcmp(t.params[i].value, t2.params[i].value))
				fail("a second parse differs in its parameters", s);
		arena_release(&b);
	}
	arena_release(&a);
	free(s);
	return 0;
}
