/* dispatch.c - what a request goes through between the socket and a
 * handler, without the socket: the route table, parsing the target,
 * If-None-Match. Kept apart from server.c so that tests/fuzz/fuzz_route.c
 * and fuzz_etag.c can drive it. */
#include "http.h"
#include "../base/vocab.h"

#include <string.h>

const http_route http_routes[] = {
#define ROUTE(path, prefix, fn, doc) {path, prefix, fn, VOCAB_PAIR(doc)},
#include "routes.def"
#undef ROUTE
};
const int http_n_routes = sizeof http_routes / sizeof http_routes[0];

/* If-None-Match (RFC 9110 13.1.2): "*" or a list of entity tags, compared
 * weakly (a W/ prefix does not matter). */
int http_etag_matches(const char *header, const char *etag)
{
	if (!header || !etag)
		return 0;
	const char *p = header;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == ',')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		const char *start = p;
		if (*p == '"') {
			const char *end = strchr(p + 1, '"');
			if (!end)
				return 0;
			p = end + 1;
		} else {
			while (*p && *p != ',')
				p++;
		}
		size_t n = (size_t)(p - start);
		if (n == strlen(etag) && strncmp(start, etag, n) == 0)
			return 1;
		while (*p && *p != ',')
			p++;
	}
	return 0;
}

static const http_route *route_for(const char *path)
{
	const http_route *best = NULL;
	for (int i = 0; i < http_n_routes; i++) {
		const http_route *rt = &http_routes[i];
		if (rt->prefix ? strncmp(path, rt->path, strlen(rt->path)) == 0 : strcmp(path, rt->path) == 0) {
			if (!best || strlen(rt->path) > strlen(best->path))
				best = rt;
		}
	}
	return best;
}

void http_error(http_req *r, http_resp *out, int status, const char *msg)
{
	if (strncmp(r->raw, "/api/", 5) == 0)
		http_json_error(out, status, "%s", msg);
	else
		http_html_error(r, out, status, "%s", msg);
}

const http_route *http_prepare(http_req *r, http_resp *out)
{
	lerr e;
	if (url_parse(&r->mem, r->raw, &r->url, &e) < 0) {
		http_error(r, out, 400, e.msg);
		return NULL;
	}
	const char *lang = url_param_get(&r->url, "lang");
	if (lang && strcmp(lang, "nl") && strcmp(lang, "en")) {
		http_error(r, out, 400, V(0, api_bad_lang)); /* no language asked for: the default's */
		return NULL;
	}
	r->english = lang && strcmp(lang, "en") == 0;
	const http_route *rt = route_for(r->url.path);
	if (!rt) {
		http_error(r, out, 404, V(r->english, server_no_such_page));
		return NULL;
	}
	out->status = 200;
	out->type = "application/json; charset=utf-8";
	return rt;
}
