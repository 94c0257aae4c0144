/* fuzz_csv.c - libFuzzer target for the CSV reader (src/base/csv.c).
 *
 * Reads the input from memory to the end or the first error and checks what
 * every caller relies on: fields are NUL-terminated UTF-8 without CR, columns
 * and lines are sane, and errors carry a "name:line:col: " position.
 * Build and run with tests/fuzz/run.sh. */
#include "csv.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* keeps the compiler from dropping the loads that touch every field byte */
static volatile unsigned char sink;

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_csv: invariant broken: %s\n", what);
	abort();
}

/* 1 if s[0..n) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF) */
static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned c = s[i];
		size_t len;
		unsigned cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2, cp = c & 0x1F, min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3, cp = c & 0x0F, min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return 0;
		}
		if (n - i < len)
			return 0;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += len;
	}
	return 1;
}

static void check_error(const lerr *err)
{
	/* "fuzz:LINE:COL: message" */
	const char *p = err->msg;
	if (strncmp(p, "fuzz:", 5) != 0)
		fail("error message does not start with the reader's name");
	p += 5;
	for (int part = 0; part < 2; part++) {
		if (!isdigit((unsigned char)*p))
			fail("error message lacks line:col");
		while (isdigit((unsigned char)*p))
			p++;
		if (*p++ != ':')
			fail("error message lacks line:col");
	}
	if (*p != ' ' || !p[1])
		fail("error message has no text after the position");
	if (err->code != LERR_PARSE)
		fail("memory input failed with a code other than LERR_PARSE");
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	csv_reader *r = csv_open_mem("fuzz", (const char *)data, size);
	csv_row *row;
	lerr err = {0};
	long prev_line = 0;
	int rc;
	while ((rc = csv_next(r, &row, &err)) == 1) {
		if (row->n < 1 || row->n > CSV_MAX_FIELDS)
			fail("field count out of range");
		/* each row ends a line, so no two rows start on the same one */
		if (row->line <= prev_line)
			fail("row lines do not increase");
		prev_line = row->line;
		if (row->line < 1 || row->line > (long)size + 1)
			fail("row line out of range");
		for (int i = 0; i < row->n; i++) {
			const csv_field *f = &row->f[i];
			size_t n = strlen(f->s);
			if (f->len != n)
				fail("field len != strlen (embedded NUL or stale length)");
			if (f->col < 1 || (size_t)f->col > size + 1)
				fail("field column out of range");
			for (size_t k = 0; k < n; k++) {
				sink ^= (unsigned char)f->s[k];
				if (f->s[k] == '\r')
					fail("CR inside a field");
			}
			if (!valid_utf8((const unsigned char *)f->s, n))
				fail("field is not valid UTF-8");
			if (!f->quoted && (memchr(f->s, '\n', n) || memchr(f->s, '"', n)))
				fail("unquoted field holds a newline or quote");
			if (!f->quoted && csv_delimiter(r) && memchr(f->s, csv_delimiter(r), n))
				fail("unquoted field holds the delimiter");
		}
	}
	if (rc < 0)
		check_error(&err);
	if (csv_delimiter(r) != ',' && csv_delimiter(r) != ';')
		fail("delimiter is neither ',' nor ';'");
	if (csv_bytes(r) != (long)size)
		fail("csv_bytes differs from the input size");
	char hex[65];
	csv_sha256_hex(r, hex);
	if (strlen(hex) != 64)
		fail("sha256 hex is not 64 characters");
	sink ^= (unsigned char)hex[0];
	sink ^= (unsigned char)csv_encoding(r)[0];
	csv_free(r);
	return 0;
}
