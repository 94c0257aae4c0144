/* url.c - request-target parsing. See url.h. */
#include "url.h"

#include <ctype.h>
#include <string.h>

/* Decodes s[0..n) into a new arena string; plus_space turns '+' into ' '.
 * NULL on a bad escape or a decoded control character. */
static char *decode(arena *a, const char *s, size_t n, int plus_space)
{
	char *out = arena_alloc(a, n + 1);
	size_t w = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			int h = str_hex_digit(s[i + 1]), l = str_hex_digit(s[i + 2]);
			if (h < 0 || l < 0)
				return NULL;
			c = (unsigned char)(h * 16 + l);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c < 0x20 || c == 0x7f)
			return NULL;
		out[w++] = (char)c;
	}
	out[w] = '\0';
	return out;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '.' && *s != '-')
			return 0;
	return 1;
}

static int parse_path(arena *a, const char *s, size_t n, url_target *t, lerr *err)
{
	if (n == 0 || s[0] != '/')
		return lerr_set(err, LERR_PARSE, "the path must start with '/'");
	if (n > URL_MAX_PATH)
		return lerr_set(err, LERR_PARSE, "the path is longer than %d bytes", URL_MAX_PATH);
	char *path = decode(a, s, n, 0);
	if (!path)
		return lerr_set(err, LERR_PARSE, "the path has a bad %%-escape or a control character");
	if (strchr(path, '\\'))
		return lerr_set(err, LERR_PARSE, "the path may not contain '\\'");
	t->path = path;
	t->n_segments = 0;
	char *copy = arena_strdup(a, path + 1);
	if (!*copy)
		return 0; /* "/" */
	char *p = copy;
	for (;;) {
		char *slash = strchr(p, '/');
		if (slash)
			*slash = '\0';
		if (!*p && slash)
			return lerr_set(err, LERR_PARSE, "the path has an empty segment");
		if (strcmp(p, "..") == 0 || strcmp(p, ".") == 0)
			return lerr_set(err, LERR_PARSE, "the path may not contain '.' or '..' segments");
		if (*p) {
			if (t->n_segments >= 16)
				return lerr_set(err, LERR_PARSE, "the path has too many segments");
			t->segments[t->n_segments++] = p;
		}
		if (!slash)
			break;
		p = slash + 1;
	}
	return 0;
}

/* Pieces of a query: its '&'s plus one, empty and repeated ones included. */
static size_t count_pieces(const char *s, size_t n)
{
	size_t k = 1;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '&';
	return k;
}

static int parse_query(arena *a, const char *s, size_t n, url_target *t, lerr *err)
{
	t->n_params = 0;
	if (count_pieces(s, n) > URL_MAX_PIECES)
		return lerr_set(err, LERR_PARSE, "the query has more than %d parts", URL_MAX_PIECES);
	size_t i = 0;
	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		if (j > i) {
			const char *eq = memchr(s + i, '=', j - i);
			size_t klen = eq ? (size_t)(eq - (s + i)) : j - i;
			char *name = decode(a, s + i, klen, 1);
			char *value = eq ? decode(a, eq + 1, (size_t)(s + j - eq - 1), 1) : arena_strdup(a, "");
			if (!name || !value)
				return lerr_set(err, LERR_PARSE, "a query parameter has a bad %%-escape or a control character");
			if (!valid_name(name))
				return lerr_set(err, LERR_PARSE, "query parameter names are letters, digits, '_', '.' or '-'");
			if (!url_param_get(t, name)) {
				if (t->n_params >= URL_MAX_PARAMS)
					return lerr_set(err, LERR_PARSE, "more than %d query parameters", URL_MAX_PARAMS);
				t->params[t->n_params++] = (url_param){name, value};
			}
		}
		i = j + 1;
	}
	return 0;
}

/* Where the query of a target is: after the first '?', up to a later '#';
 * NULL without a '?'. */
static const char *query_of(const char *target, size_t *qlen)
{
	const char *q = strchr(target, '?');
	if (!q)
		return NULL;
	const char *hash = strchr(target, '#');
	*qlen = hash && hash > q ? (size_t)(hash - q - 1) : strlen(q + 1);
	return q + 1;
}

int url_parse(arena *a, const char *target, url_target *out, lerr *err)
{
	memset(out, 0, sizeof *out);
	size_t len = strlen(target);
	if (len > URL_MAX_TARGET)
		return lerr_set(err, LERR_PARSE, "the request target is longer than %d bytes", URL_MAX_TARGET);
	size_t qlen = 0;
	const char *query = query_of(target, &qlen);
	const char *hash = strchr(target, '#');
	size_t plen = query ? (size_t)(query - 1 - target) : hash ? (size_t)(hash - target) : len;
	if (parse_path(a, target, plen, out, err) < 0)
		return LERR_PARSE;
	return query ? parse_query(a, query, qlen, out, err) : 0;
}

int url_check_size(const char *target)
{
	if (strlen(target) > URL_MAX_TARGET)
		return 414;
	size_t qlen = 0;
	const char *query = query_of(target, &qlen);
	return query && count_pieces(query, qlen) > URL_MAX_PIECES ? 400 : 0;
}

int url_lang_en(const char *target)
{
	size_t n = 0;
	const char *s = query_of(target, &n);
	if (!s)
		return 0;
	arena a;
	arena_init(&a);
	int en = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		const char *eq = memchr(s + i, '=', j - i);
		size_t klen = eq ? (size_t)(eq - (s + i)) : j - i;
		const char *name = decode(&a, s + i, klen, 1);
		if (name && strcmp(name, "lang") == 0) {
			const char *value = eq ? decode(&a, eq + 1, (size_t)(s + j - eq - 1), 1) : "";
			en = value && strcmp(value, "en") == 0;
			break;
		}
		i = j + 1;
	}
	arena_release(&a);
	return en;
}

int url_query_all(arena *a, const char *target, url_param *out, int cap)
{
	size_t n = 0;
	const char *s = query_of(target, &n);
	int k = 0;
	for (size_t i = 0; s && i < n && k < cap;) {
		size_t j = i;
		while (j < n && s[j] != '&')
			j++;
		const char *eq = memchr(s + i, '=', j - i);
		size_t klen = eq ? (size_t)(eq - (s + i)) : j - i;
		char *name = j > i ? decode(a, s + i, klen, 1) : NULL;
		char *value = name ? (eq ? decode(a, eq + 1, (size_t)(s + j - eq - 1), 1) : arena_strdup(a, "")) : NULL;
		if (name && value && valid_name(name))
			out[k++] = (url_param){name, value};
		i = j + 1;
	}
	return k;
}

const char *url_param_get(const url_target *t, const char *name)
{
	for (int i = 0; i < t->n_params; i++)
		if (strcmp(t->params[i].name, name) == 0)
			return t->params[i].value;
	return NULL;
}
