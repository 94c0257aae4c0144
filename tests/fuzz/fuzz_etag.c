/* fuzz_etag.c - libFuzzer target for the If-None-Match comparison of
 * `ladder serve` (http_etag_matches, src/http/dispatch.c), which reads a
 * header every client may send.
 *
 * Input: HEADER, or HEADER '\n' PREFIX. Checks, beside memory safety: a
 * match needs "*" or the ETag itself in the header (nothing else matches);
 * "*" alone, the ETag alone, with W/, or after a list of unquoted tags
 * (PREFIX without '"', then ',') always matches; NULL never does. The ETag
 * is the server's shape, "g<generation>-<16 hex digits>". Build and run
 * with tests/fuzz/run.sh. */
#include "../../src/http/http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char etag[] = "\"g42-00000000deadbeef\"";

static void fail(const char *what, const char *h)
{
	fprintf(stderr, "fuzz_etag: invariant broken: %s (header \"%s\")\n", what, h);
	abort();
}

static void must_match(const char *h, const char *what)
{
	if (!http_etag_matches(h, etag))
		fail(what, h);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	if (size > 4096)
		return 0;
	char *h = malloc(size + 1);
	memcpy(h, data, size);
	h[size] = '\0';
	char *prefix = strchr(h, '\n');
	if (prefix)
		*prefix++ = '\0';

	int m = http_etag_matches(h, etag);
	if (m && !strchr(h, '*') && !strstr(h, etag))
		fail("matched a header that holds neither '*' nor the ETag", h);
	if (http_etag_matches(NULL, etag) || http_etag_matches(h, NULL))
		fail("a missing header or ETag matched", h);
	must_match("*", "\"*\" did not match");
	must_match(etag, "the ETag itself did not match");

	if (prefix && !strchr(prefix, '"')) {
		size_t n = strlen(prefix) + sizeof etag + 8;
		char *list = malloc(n);
		snprintf(list, n, "%s,%s", prefix, etag);
		must_match(list, "a list of unquoted tags, then the ETag, did not match");
		snprintf(list, n, "%s, W/%s", prefix, etag);
		must_match(list, "a list of unquoted tags, then W/ETag, did not match");
		free(list);
	}
	free(h);
	return 0;
}
