/* import_sheet.c - spreadsheets for the importer: the first sheet of an
 * .xlsx, .xlsm, .ods or .xls file read as the rows of a CSV file (sheet.h),
 * errors at "file:Sheet!C17". Linked only into ladder-full (see
 * imp_enable_spreadsheets in import.h). */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int rows_next(imp *I, csv_row **row, lerr *err)
{
	int rc = sheet_next(I->book, row, err);
	if (rc > 0) /* a row ends at its last value; the table is as wide as its header */
		sheet_pad(*row, I->header_cols);
	return rc;
}

static void rows_where(imp *I, char *out, size_t cap, long line, int col)
{
	sheet_where(I->book, out, cap, col, line);
}

/* "A", "AB": a column's letters */
static void column_letters(char *out, size_t cap, int col)
{
	sheet_cell_name(out, cap, col, 1);
	out[strcspn(out, "1")] = '\0';
}

/* Merged cells would have spread one value over cells that read as empty,
 * so a table with its header in row 1 refuses them. What the sheet hides
 * is read, and said. */
static void rows_after(imp *I)
{
	sheet_book *b = I->book;
	int n;
	long total;
	const sheet_range *m = sheet_merges(b, &n, &total);
	for (int i = 0; i < n && !I->stop; i++) {
		char z[24];
		sheet_cell_name(z, sizeof z, m[i].col2, m[i].row2);
		imp_error(I, V(I->en, import_merged_cells_table_with_its),
			  imp_where(I, m[i].row1, m[i].col1), z);
	}
	if (sheet_hidden(b))
		imp_note(I, V(I->en, import_sheet_hidden_its_rows_were), imp_where(I, 0, 0));
	if (*sheet_other_hidden(b))
		imp_note(I, V(I->en, import_hidden_sheets_not_read), I->file, sheet_other_hidden(b));
	buf list = BUF_INIT;
	const long *rows = sheet_hidden_rows(b, &n, &total);
	for (int i = 0; i < n && i < 10; i++)
		buf_printf(&list, " %ld", rows[i]);
	if (n)
		imp_note(I, V(I->en, import_hidden_row_read), imp_where(I, 0, 0), total, list.ptr, total > 10 ? " ..." : "");
	buf_reset(&list);
	const int *cols = sheet_hidden_cols(b, &n, &total);
	for (int i = 0; i < n && i < 10; i++) {
		char c[24];
		column_letters(c, sizeof c, cols[i]);
		buf_printf(&list, " %s", c);
	}
	if (n)
		imp_note(I, V(I->en, import_hidden_column_read), imp_where(I, 0, 0), total, list.ptr,
			 total > 10 ? " ..." : "");
	buf_release(&list);
}

static void table_describe(void *t, imp_file_report *fr);

static void rows_describe(imp *I, imp_file_report *fr)
{
	table_describe(I->book, fr);
}

static const imp_rows sheet_rows = {rows_next, rows_where, rows_after, rows_describe, 1};

/* A spreadsheet: its first sheet, which has the header in row 1. */
static void import_sheet(imp *I, const char *path)
{
	lerr e;
	sheet_book *b = sheet_open(path, NULL, I->en, &e);
	if (!b) {
		I->file = path;
		imp_error(I, "%s", e.msg);
		return;
	}
	I->book = b;
	if (sheet_select(b, NULL, &e) < 0) {
		I->file = path;
		imp_error(I, "%s", e.msg);
	} else {
		imp_import_rows(I, NULL, &sheet_rows, sheet_file(b));
	}
	I->rows = NULL;
	I->book = NULL;
	sheet_free(b);
}

/* A sheet as a delivery's table (import_profile.c). */
/* A sheet the workbook does not have, and those it has. */
static int no_such_sheet(sheet_book *b, const char *sheet, int number, int en, lerr *err)
{
	buf list = BUF_INIT;
	for (int i = 0; i < sheet_count(b) && i < 20; i++)
		buf_printf(&list, "%s'%s'", i ? ", " : "", sheet_name_at(b, i));
	if (sheet_count(b) > 20)
		buf_adds(&list, ", ...");
	if (sheet)
		lerr_set(err, LERR_NOTFOUND, V(en, import_no_sheet_named), sheet_file(b), sheet, buf_cstr(&list));
	else
		lerr_set(err, LERR_NOTFOUND, V(en, import_no_sheet_number), sheet_file(b), number, sheet_count(b),
			 buf_cstr(&list));
	buf_release(&list);
	return LERR_NOTFOUND;
}

static void *table_open(const char *path, const char *sheet, int number, int en, lerr *err)
{
	sheet_book *b = sheet_open(path, NULL, en, err);
	int rc = !b ? LERR_IO : sheet ? sheet_select(b, sheet, err) : sheet_select_number(b, number, err);
	if (rc == LERR_NOTFOUND)
		no_such_sheet(b, sheet, number, en, err);
	if (b && rc < 0) {
		sheet_free(b);
		return NULL;
	}
	return b;
}

static int table_rewind(void *t, lerr *err)
{
	sheet_book *b = t;
	char *name = xstrdup(sheet_name(b));
	int rc = sheet_select(b, name, err);
	free(name);
	return rc;
}

static int table_next(void *t, csv_row **row, lerr *err)
{
	return sheet_next(t, row, err);
}

static const sheet_range *table_merges(void *t, int *n)
{
	long total;
	return sheet_merges(t, n, &total);
}

static int table_merges_ahead(void *t, lerr *err)
{
	return sheet_merges_ahead(t, err);
}

static void table_where(void *t, char *out, size_t cap, int col, long row)
{
	sheet_where(t, out, cap, col, row);
}

static void table_describe(void *t, imp_file_report *fr)
{
	sheet_book *b = t;
	sheet_sha256_hex(b, fr->sha256);
	fr->encoding = sheet_format(b);
	fr->delimiter = '\0';
	snprintf(fr->sheet, sizeof fr->sheet, "%s", sheet_name(b));
}

static void table_close(void *t)
{
	sheet_free(t);
}

static const imp_table_ops sheet_table = {table_open, table_rewind, table_next, table_merges, table_merges_ahead, table_where, table_describe, table_close};

void imp_enable_spreadsheets(void)
{
	imp_sheet_import = import_sheet;
	imp_sheet_table = &sheet_table;
}
