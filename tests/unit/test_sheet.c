/* test_sheet.c - suite sheet: what the spreadsheet readers make of cell
 * values and positions (src/base/sheet*.c): date serials in both date
 * systems (with the 1900 system's 29 February that never was), numbers as
 * Excel shows them, cell names and references, which files are
 * spreadsheets. Whole workbooks are tested end to end by t1500/t1510. */
#include "harness.h"
#include "base/sheet_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static void serial(double v, int date1904, int kind, const char *want)
{
	char out[64] = "";
	int rc = sheet_fmt_serial(out, sizeof out, v, date1904, kind);
	if (want) {
		CHECK_EQ_INT(rc, 0);
		CHECK_EQ_STR(out, want);
	} else {
		CHECK(rc < 0);
	}
}

static void test_dates(void)
{
	serial(1, 0, 1, "1900-01-01");
	serial(59, 0, 1, "1900-02-28");
	serial(60, 0, 1, NULL); /* Lotus's 29 February 1900 */
	serial(61, 0, 1, "1900-03-01");
	serial(25569, 0, 1, "1970-01-01");
	serial(45322, 0, 1, "2024-01-31");
	serial(45322.5, 0, 1, "2024-01-31T12:00:00");
	serial(43647.520833333336, 0, 1, "2019-07-01T12:30:00");
	serial(0, 1, 1, "1904-01-01");
	serial(45322 - 1462, 1, 1, "2024-01-31"); /* the same day in the 1904 system */
	serial(0.75, 0, 2, "18:00:00");
	serial(-1, 0, 1, NULL);
	serial(3e6, 0, 1, NULL);
}

static void number(double v, const char *want)
{
	char out[64];
	sheet_fmt_number(out, sizeof out, v);
	CHECK_EQ_STR(out, want);
}

static void test_numbers(void)
{
	number(1234, "1234");
	number(12.5, "12.5");
	number(1233.9999999999998, "1234"); /* what Excel shows: 15 digits */
	number(0.1 + 0.2, "0.3");
	number(-0.0, "0");
	number(1.309, "1.309");
}

/* A plain integer's text is kept as it is (the .xlsx and .ods readers'
 * fast path): it must be exactly what sheet_fmt_number writes of it. */
static void test_plain_integers(void)
{
	const char *plain[] = {"0", "7", "-12", "2017", "123456789012345", "-999999999999999"};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		char out[64];
		CHECK(sheet_plain_integer(plain[i]));
		sheet_fmt_number(out, sizeof out, strtod(plain[i], NULL));
		CHECK_EQ_STR(out, plain[i]);
	}
	const char *other[] = {"", "-", "-0", "007", "00", "+5", " 7", "7 ", "1.0", "1e3", "1234567890123456", "0x10", "inf"};
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++)
		CHECK(!sheet_plain_integer(other[i]));
	/* an element's local name: after the namespace URI's '|', or a prefix's ':' */
	CHECK_EQ_STR(sheet_local("urn:oasis:names:tc:opendocument:xmlns:table:1.0|table-cell"), "table-cell");
	CHECK_EQ_STR(sheet_local("table:table-cell"), "table-cell");
	CHECK_EQ_STR(sheet_local("row"), "row");
	CHECK_EQ_STR(sheet_local("uri|a:b"), "b");
}

static void test_cells(void)
{
	char out[24];
	sheet_cell_name(out, sizeof out, 1, 1);
	CHECK_EQ_STR(out, "A1");
	sheet_cell_name(out, sizeof out, 26, 17);
	CHECK_EQ_STR(out, "Z17");
	sheet_cell_name(out, sizeof out, 27, 2);
	CHECK_EQ_STR(out, "AA2");
	sheet_cell_name(out, sizeof out, 16384, 1048576);
	CHECK_EQ_STR(out, "XFD1048576");
	int col;
	long row;
	CHECK_EQ_INT(sheet_parse_ref("XFD1048576", &col, &row), 0);
	CHECK_EQ_INT(col, 16384);
	CHECK(row == 1048576);
	CHECK_EQ_INT(sheet_parse_ref("$C$17", &col, &row), 0);
	CHECK(col == 3 && row == 17);
	CHECK(sheet_parse_ref("XFE1", &col, &row) < 0);
	CHECK(sheet_parse_ref("A1048577", &col, &row) < 0);
	CHECK(sheet_parse_ref("1A", &col, &row) < 0);
	CHECK(sheet_parse_ref("a1", &col, &row) < 0);
}

static void test_names(void)
{
	CHECK(sheet_is_spreadsheet("a/b/Levering 2024.XLSX"));
	CHECK(sheet_is_spreadsheet("x.xlsm") && sheet_is_spreadsheet("x.ods") && sheet_is_spreadsheet("x.xls"));
	CHECK(!sheet_is_spreadsheet("x.csv") && !sheet_is_spreadsheet("xlsx") && !sheet_is_spreadsheet("a.xlsx/b"));
}

/* A workbook whose sheet's XML inflates past 1 MiB: ROWS_AHEAD rows of
 * ten numbers, a merged range at the end. */
#define ROWS_AHEAD 4000
static void big_workbook(const char *path)
{
	lxw_workbook *wb = workbook_new(path);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Blad1");
	for (int r = 0; r < ROWS_AHEAD; r++)
		for (int c = 0; c < 10; c++)
			worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, r * 10.0 + c + 0.125, NULL);
	worksheet_merge_range(ws, ROWS_AHEAD, 0, ROWS_AHEAD + 1, 2, "samen", NULL);
	CHECK_EQ_INT(workbook_close(wb), LXW_NO_ERROR);
}

/* Reads the sheet; after `pause_at` rows asks for its merges (-1: never),
 * after `stop_at` rows frees the book (-1: reads to the end). Every row is
 * checked against what was written; returns how many were read. */
static long read_big(const char *path, long pause_at, long stop_at, int *merges)
{
	lerr e;
	sheet_book *b = sheet_open(path, NULL, 1, &e);
	CHECK(b != NULL);
	if (!b)
		return -1;
	CHECK_EQ_INT(sheet_select(b, NULL, &e), 0);
	csv_row *row;
	long n = 0;
	int rc, bad = 0;
	while ((rc = sheet_next(b, &row, &e)) > 0) {
		char want[32];
		snprintf(want, sizeof want, "%.3f", n * 10.0 + 9 + 0.125);
		if (n < ROWS_AHEAD && (row->line != n + 1 || row->n != 10 || strcmp(row->f[9].s, want) != 0 || row->f[9].col != 10))
			bad++;
		n++;
		if (n == 1)
			CHECK(b->rows_ahead != NULL); /* the thread reads ahead */
		if (n == pause_at) {
			int k;
			long total;
			sheet_merges(b, &k, &total);
		}
		if (n == stop_at)
			break;
	}
	CHECK_EQ_INT(bad, 0);
	CHECK(rc >= 0);
	long total;
	sheet_merges(b, merges, &total);
	sheet_free(b);
	return n;
}

/* A large sheet's rows are read on a thread ahead of their reader
 * (sheet_rows.c): the same rows in the same order, also when the merges
 * are asked for halfway (the thread pauses, the rest is read in line) or
 * the book is freed halfway (the thread stops, nothing hangs). */
static void test_rows_ahead(void)
{
	char dir[] = "/tmp/ladder-unit-sheet-XXXXXX", path[64];
	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof path, "%s/big.xlsx", dir);
	big_workbook(path);
	int merges = -1;
	CHECK_EQ_INT((int)read_big(path, -1, -1, &merges), ROWS_AHEAD + 1);
	CHECK_EQ_INT(merges, 1);
	merges = -1;
	CHECK_EQ_INT((int)read_big(path, 7, -1, &merges), ROWS_AHEAD + 1);
	CHECK_EQ_INT(merges, 1);
	CHECK_EQ_INT((int)read_big(path, -1, 5, &merges), 5);
	CHECK_EQ_INT((int)read_big(path, 3000, 3001, &merges), 3001);
	unlink(path);
	/* rows larger than the ring holds (forty inline strings of 30 000
	 * bytes, Excel's most being 32 767): a chunk each, held one at a time,
	 * freed once read */
	snprintf(path, sizeof path, "%s/wide.xlsx", dir);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb = workbook_new_opt(path, &opt);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Blad1");
	char *cell = xmalloc(30001);
	for (int r = 0; r < 12; r++)
		for (int c = 0; c < 40; c++) {
			memset(cell, 'a' + (r + c) % 26, 30000);
			cell[30000] = '\0';
			worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, cell, NULL);
		}
	CHECK_EQ_INT(workbook_close(wb), LXW_NO_ERROR);
	free(cell);
	lerr e;
	sheet_book *b = sheet_open(path, NULL, 1, &e);
	CHECK(b != NULL && sheet_select(b, NULL, &e) == 0);
	csv_row *row;
	int rows = 0, bad = 0, rc;
	while (b && (rc = sheet_next(b, &row, &e)) > 0) {
		CHECK(b->rows_ahead != NULL);
		for (int c = 0; c < 40; c++)
			bad += row->n != 40 || row->f[c].len != 30000 || row->f[c].s[29999] != 'a' + (rows + c) % 26;
		rows++;
	}
	CHECK_EQ_INT(rows, 12);
	CHECK_EQ_INT(bad, 0);
	sheet_free(b);
	unlink(path);
	rmdir(dir);
}

void suite_sheet(void)
{
	RUN(test_dates);
	RUN(test_numbers);
	RUN(test_plain_integers);
	RUN(test_cells);
	RUN(test_names);
	RUN(test_rows_ahead);
}
