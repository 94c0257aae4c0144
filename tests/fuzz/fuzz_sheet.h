/* fuzz_sheet.h - what fuzz_xlsx.c and fuzz_ods.c share: the fuzz input put
 * into an in-memory zip (libzip) beside fixed parts, opened with
 * sheet_open_mem, every row read, and the invariants every caller relies
 * on checked: fields NUL-terminated, columns rising from 1, rows rising,
 * errors naming the file. */
#ifndef FUZZ_SHEET_H
#define FUZZ_SHEET_H

#include "sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

static volatile unsigned char sink;

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_sheet: invariant broken: %s\n", what);
	abort();
}

typedef struct part {
	const char *name;
	const void *data;
	size_t len;
} part;

/* The parts as the bytes of a zip (stored, not deflated: fast). Caller frees. */
static unsigned char *make_zip(const part *parts, int n, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!z)
		fail("cannot make an in-memory zip");
	zip_source_keep(src);
	for (int i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, parts[i].data, parts[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(z, parts[i].name, s, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0)
			fail("cannot add a zip part");
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	if (zip_close(z) < 0 || zip_source_open(src) < 0)
		fail("cannot close the in-memory zip");
	zip_source_seek(src, 0, SEEK_END);
	*len = (size_t)zip_source_tell(src);
	zip_source_seek(src, 0, SEEK_SET);
	unsigned char *out = malloc(*len ? *len : 1);
	if (zip_source_read(src, out, *len) != (zip_int64_t)*len)
		fail("cannot read the in-memory zip back");
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	return out;
}

static void check_error(const lerr *e)
{
	if (strncmp(e->msg, "fuzz.", 5) != 0)
		fail("an error that does not name the file");
}

/* sheet_merges_ahead (the scan of an .xlsx part) finds exactly what
 * reading every row found, or gives up; the rows read after it add none. */
static void check_merges_ahead(sheet_book *b, const sheet_range *m, int n, long total)
{
	sheet_range *full = malloc(sizeof *full * (size_t)(n ? n : 1));
	memcpy(full, m, sizeof *full * (size_t)n);
	lerr e;
	if (sheet_select(b, NULL, &e) < 0)
		fail("the sheet could not be selected again");
	int rc = sheet_merges_ahead(b, &e);
	if (rc < 0)
		fail("the merges scan failed on a sheet that reads");
	for (int pass = 0; rc > 0 && pass < 2; pass++) {
		int n2;
		long total2;
		const sheet_range *m2 = sheet_merges(b, &n2, &total2);
		if (n2 != n || total2 != total || (n && memcmp(m2, full, sizeof *full * (size_t)n) != 0))
			fail(pass ? "the rows after the merges scan changed its merges" : "the merges scan differs from reading the rows");
		csv_row *r;
		while (pass == 0 && sheet_next(b, &r, &e) > 0)
			;
	}
	free(full);
}

/* What reading the first sheet gives: every row's cells, the error, the
 * merges and hidden rows and columns, as text (NULL when it cannot open). */
static char *digest(const char *format, const unsigned char *data, size_t len, int scanner)
{
	lerr e;
	sheet_book *b = sheet_open_mem("fuzz.xlsx", format, data, len, 1, &e);
	if (!b)
		return NULL;
	sheet_use_scanner(b, scanner);
	buf d = BUF_INIT;
	csv_row *r;
	int rc = sheet_select(b, NULL, &e);
	while (rc == 0 && (rc = sheet_next(b, &r, &e)) > 0) {
		rc = 0;
		buf_printf(&d, "%ld:", r->line);
		for (int i = 0; i < r->n; i++)
			buf_printf(&d, "%d%c%zu=%s|", r->f[i].col, r->f[i].typed ? 'n' : 's', r->f[i].len, r->f[i].s);
		buf_addc(&d, '\n');
	}
	if (rc < 0)
		buf_printf(&d, "error %d %s\n", rc, e.msg);
	int n;
	long total;
	const sheet_range *m = sheet_merges(b, &n, &total);
	for (int i = 0; i < n; i++)
		buf_printf(&d, "merge %ld %d %ld %d\n", m[i].row1, m[i].col1, m[i].row2, m[i].col2);
	const long *hr = sheet_hidden_rows(b, &n, &total);
	for (int i = 0; i < n; i++)
		buf_printf(&d, "hidden row %ld\n", hr[i]);
	const int *hc = sheet_hidden_cols(b, &n, &total);
	for (int i = 0; i < n; i++)
		buf_printf(&d, "hidden col %d\n", hc[i]);
	buf_printf(&d, "%s %ld\n", sheet_other_hidden(b), total);
	sheet_free(b);
	char *out = strdup(buf_cstr(&d));
	buf_release(&d);
	return out;
}

/* An .xlsx sheet read through its row scanner and through expat alone gives
 * the same rows, the same error at the same place, the same reports. */
static void check_scanner(const unsigned char *data, size_t len)
{
	char *a = digest("xlsx", data, len, 1), *b = digest("xlsx", data, len, 0);
	if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0)) {
		fprintf(stderr, "--- with the scanner:\n%s--- expat alone:\n%s", a ? a : "(none)\n", b ? b : "(none)\n");
		fail("the row scanner and expat read the sheet differently");
	}
	free(a);
	free(b);
}

/* Reads every row of the first sheet of the workbook in data. */
static void read_all(const char *format, const unsigned char *data, size_t len)
{
	lerr e;
	char name[16];
	snprintf(name, sizeof name, "fuzz.%s", format);
	if (strcmp(format, "xlsx") == 0)
		check_scanner(data, len);
	/* Dutch here, English in digest: the messages of both languages */
	sheet_book *b = sheet_open_mem(name, format, data, len, 0, &e);
	if (!b) {
		check_error(&e);
		return;
	}
	if (sheet_select(b, NULL, &e) < 0) {
		check_error(&e);
		sheet_free(b);
		return;
	}
	csv_row *r;
	long last = 0;
	int rc;
	while ((rc = sheet_next(b, &r, &e)) > 0) {
		if (r->line <= last || r->n < 1 || r->n > SHEET_MAX_COLS)
			fail("rows must rise and hold 1..SHEET_MAX_COLS fields");
		last = r->line;
		sheet_pad(r, 8);
		for (int i = 0; i < r->n; i++) {
			const csv_field *f = &r->f[i];
			if (f->col != i + 1 || f->line != r->line || strlen(f->s) != f->len || f->len > SHEET_MAX_CELL)
				fail("field position or length");
			for (size_t k = 0; k < f->len; k++)
				sink ^= (unsigned char)f->s[k];
		}
		char where[256];
		sheet_where(b, where, sizeof where, r->n, r->line);
		sink ^= (unsigned char)where[0];
	}
	if (rc < 0)
		check_error(&e);
	int n;
	long total;
	const sheet_range *m = sheet_merges(b, &n, &total);
	for (int i = 0; i < n; i++)
		sink ^= (unsigned char)(m[i].row1 + m[i].col2);
	if (rc == 0)
		check_merges_ahead(b, m, n, total);
	sheet_hidden_rows(b, &n, &total);
	sheet_hidden_cols(b, &n, &total);
	sink ^= (unsigned char)sheet_other_hidden(b)[0];
	sheet_free(b);
}

#endif
