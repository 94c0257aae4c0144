/* fuzz_form.c - libFuzzer target for the survey form's body parser
 * (src/http/form.c), which reads every POST a client sends to /survey/.
 *
 * Checks the contract of form.h on any bytes: failures explain themselves
 * with a position inside the body; on success at most max_fields fields,
 * names non-empty and at most FORM_MAX_NAME bytes, values at most
 * FORM_MAX_VALUE, both valid UTF-8 without NUL or control characters (tab,
 * CR and LF allowed in values), no name twice, each found by form_get, and
 * a body written back from the fields (every byte %-escaped) parses to the
 * same fields. Build and run with tests/fuzz/run.sh. */
#include "../../src/http/form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_form: invariant broken: %s\n", what);
	abort();
}

/* Valid UTF-8 (written independently of form.c: the reference). */
static int utf8_ok(const unsigned char *s)
{
	while (*s) {
		unsigned c = *s;
		int n = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
		if (n < 0)
			return 0;
		unsigned cp = n ? c & (0x7f >> (n + 1)) : c;
		for (int i = 1; i <= n; i++) {
			if ((s[i] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i] & 0x3f);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10ffff ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		s += n + 1;
	}
	return 1;
}

static void check_text(const char *s, int value)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p < 0x20 && !(value && (*p == '\t' || *p == '\r' || *p == '\n'))) || *p == 0x7f)
			fail("a control character got through");
	if (!utf8_ok((const unsigned char *)s))
		fail("not UTF-8 got through");
}

static void escape(char **w, const char *s)
{
	for (; *s; s++)
		*w += sprintf(*w, "%%%02X", (unsigned char)*s);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const int max_fields = 64;
	arena a;
	arena_init(&a);
	form f;
	lerr err;
	memset(&err, 0, sizeof err);
	int rc = form_parse(&a, (const char *)data, size, max_fields, &f, &err);
	if (rc != 0 && rc != LERR_PARSE)
		fail("unexpected return code");
	if (rc) {
		if (!err.msg[0])
			fail("a failure without a message");
		if (strstr(err.msg, "more than") == NULL && (err.column < 1 || (size_t)err.column > size))
			fail("a failure's position is outside the body");
		arena_release(&a);
		return 0;
	}
	if (f.n < 0 || f.n > max_fields)
		fail("field count out of range");
	size_t total = 0;
	for (int i = 0; i < f.n; i++) {
		const char *n = f.fields[i].name, *v = f.fields[i].value;
		if (!n || !v || !*n)
			fail("a field without a name or value");
		if (strlen(n) > FORM_MAX_NAME || strlen(v) > FORM_MAX_VALUE)
			fail("a name or value past its limit");
		check_text(n, 0);
		check_text(v, 1);
		for (int k = 0; k < i; k++)
			if (!strcmp(f.fields[k].name, n))
				fail("a name twice");
		if (form_get(&f, n) != v)
			fail("form_get does not find a field");
		total += 3 * (strlen(n) + strlen(v)) + 2;
	}
	/* written back, every byte escaped: the same fields again */
	char *body = malloc(total + 1), *w = body;
	*w = '\0';
	for (int i = 0; i < f.n; i++) {
		if (i)
			*w++ = '&';
		escape(&w, f.fields[i].name);
		*w++ = '=';
		escape(&w, f.fields[i].value);
		*w = '\0';
	}
	form g;
	if (form_parse(&a, body, (size_t)(w - body), max_fields, &g, &err) != 0 || g.n != f.n)
		fail("the fields written back do not parse the same");
	for (int i = 0; i < f.n; i++)
		if (strcmp(g.fields[i].name, f.fields[i].name) || strcmp(g.fields[i].value, f.fields[i].value))
			fail("the fields written back differ");
	free(body);
	arena_release(&a);
	return 0;
}
