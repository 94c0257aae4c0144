/* test_sheet.c - suite sheet: what the spreadsheet readers make of cell
 * values and positions (src/base/sheet*.c): date serials in both date
 * systems (with the 1900 system's 29 February that never was), numbers as
 * Excel shows them, cell names and references, which files are
 * spreadsheets. Whole workbooks are tested end to end by t1500/t1510. */
#include "harness.h"
#include "base/sheet_internal.h"

#include <string.h>

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

void suite_sheet(void)
{
	RUN(test_dates);
	RUN(test_numbers);
	RUN(test_cells);
	RUN(test_names);
}
