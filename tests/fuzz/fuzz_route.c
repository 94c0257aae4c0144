/* fuzz_route.c - libFuzzer target for the request handling of `ladder
 * serve` without a socket: the target is parsed and routed (http_prepare,
 * src/http/dispatch.c) and its handler runs against the demo store, with
 * whatever path, query parameters (area, year, edition, from, to, level,
 * parent, q, format, lang, ...) and language the input says.
 *
 * Input: a request target as a client sends it ("/area/30000?year=2017").
 * The demo store is built once by tests/fuzz/run.sh (`ladder demo`) and
 * named by $LADDER_FUZZ_DB (fuzz_store.h); it is opened read-write because
 * reads fill caches. Checks, beside memory safety: every answer has a status the API
 * documents (200, 400, 404), a content type and a body; a JSON answer is
 * well-formed JSON, and an error is {"error": "..."}; in an HTML answer
 * every tag is one the pages write and a script is only the page's own
 * (nothing from the request is echoed as markup). Build and run with
 * tests/fuzz/run.sh. */
#include "../../src/http/http.h"
#include "fuzz_store.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static http_ctx ctx;

static void fail(const char *what, const char *target, const char *body)
{
	fprintf(stderr, "fuzz_route: invariant broken: %s\n  target: %s\n  body: %.600s\n", what, target, body ? body : "");
	abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_demo_store("fuzz_route", &ctx.s, &ctx.m);
	return 0;
}

/* ------------------------------------------------ a JSON well-formedness check */

static const char *json_value(const char *p, int depth);

static const char *ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static const char *json_string(const char *p)
{
	if (*p++ != '"')
		return NULL;
	for (;;) {
		unsigned char c = (unsigned char)*p++;
		if (c == '"')
			return p;
		if (c < 0x20)
			return NULL; /* end of input, or a raw control character */
		if (c == '\\') {
			c = (unsigned char)*p++;
			if (c == 'u') {
				for (int i = 0; i < 4; i++)
					if (!isxdigit((unsigned char)*p++))
						return NULL;
			} else if (!strchr("\"\\/bfnrt", c) || !c) {
				return NULL;
			}
		}
	}
}

static const char *json_number(const char *p)
{
	const char *s = p;
	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (isdigit((unsigned char)*p))
		while (isdigit((unsigned char)*p))
			p++;
	else
		return NULL;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p > s ? p : NULL;
}

static const char *json_list(const char *p, char close, int object, int depth)
{
	p = ws(p + 1);
	if (*p == close)
		return p + 1;
	for (;;) {
		if (object) {
			if (!(p = json_string(ws(p))) || *(p = ws(p)) != ':')
				return NULL;
			p++;
		}
		if (!(p = json_value(p, depth + 1)))
			return NULL;
		p = ws(p);
		if (*p == close)
			return p + 1;
		if (*p++ != ',')
			return NULL;
	}
}

static const char *json_value(const char *p, int depth)
{
	if (depth > 64)
		return NULL;
	p = ws(p);
	switch (*p) {
	case '{': return json_list(p, '}', 1, depth);
	case '[': return json_list(p, ']', 0, depth);
	case '"': return json_string(p);
	case 't': return strncmp(p, "true", 4) ? NULL : p + 4;
	case 'f': return strncmp(p, "false", 5) ? NULL : p + 5;
	case 'n': return strncmp(p, "null", 4) ? NULL : p + 4;
	default: return json_number(p);
	}
}

static int json_ok(const char *s)
{
	const char *end = json_value(s, 0);
	return end && !*ws(end);
}

/* -------------------------------------------------------- HTML markup check */

/* Every element the pages, the report blocks and the SVG charts write. */
static const char *const tags[] = {
	"a", "abbr", "body", "button", "caption", "circle", "code", "defs", "desc", "details", "div", "fieldset",
	"figcaption", "figure", "footer", "form", "g", "h1", "h2", "h3", "h4", "head", "header", "html", "input", "label",
	"legend", "li", "line", "link", "main", "meta", "nav", "ol", "optgroup", "option", "p", "path", "pattern",
	"polygon", "polyline", "rect", "script", "section", "select", "small", "span", "strong", "style", "summary", "svg",
	"table", "tbody", "td", "text", "tfoot", "th", "thead", "title", "tr", "tspan", "ul",
};

static void check_html(const char *body, const char *target)
{
	for (const char *p = strchr(body, '<'); p; p = strchr(p + 1, '<')) {
		const char *q = p + 1;
		if (*q == '/')
			q++;
		if (strncmp(p, "<!doctype html>", 15) == 0)
			continue;
		size_t n = 0;
		while (isalnum((unsigned char)q[n]))
			n++;
		int known = 0;
		for (size_t i = 0; i < sizeof tags / sizeof tags[0] && !known; i++)
			known = strlen(tags[i]) == n && strncmp(tags[i], q, n) == 0;
		if (!known || (q[n] != ' ' && q[n] != '>' && q[n] != '/' && q[n] != '\n'))
			fail("an HTML answer holds markup the pages never write", target, p);
		if (strncmp(p, "<script", 7) == 0 && strncmp(p, "<script src=\"/static/app.js\"></script>", 38) != 0)
			fail("a script other than the page's own", target, p);
	}
}

/* ------------------------------------------------------------------- the target */

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > URL_MAX_TARGET + 16)
		return 0;
	char *target = malloc(size + 1);
	memcpy(target, data, size);
	target[size] = '\0';

	http_req r = {0};
	arena_init(&r.mem);
	r.raw = target;
	http_resp out = {0};
	const http_route *rt = http_prepare(&r, &out);
	if (rt)
		rt->fn(&ctx, &r, &out);
	const char *body = buf_cstr(&out.body);
	if (out.status != 200 && out.status != 400 && out.status != 404) {
		char msg[64];
		snprintf(msg, sizeof msg, "status %d", out.status);
		fail(msg, target, body);
	}
	if (!out.type || !out.body.len)
		fail("an answer without a content type or a body", target, body);
	if (strlen(body) != out.body.len)
		fail("a NUL byte in the answer", target, body);
	if (strncmp(out.type, "application/json", 16) == 0) {
		if (!json_ok(body))
			fail("malformed JSON", target, body);
		if (out.status != 200 && strncmp(body, "{\"error\": \"", 11) != 0)
			fail("a JSON error that is not {\"error\": ...}", target, body);
	} else if (strncmp(out.type, "text/html", 9) == 0) {
		check_html(body, target);
	}
	buf_release(&out.body);
	arena_release(&r.mem);
	free(target);
	return 0;
}
