/* fuzz_survey.c - libFuzzer target for the survey's answers sheets
 * (src/model/survey.c): a CSV read from memory, its header mapped, every
 * row split into the answer's columns and each number parsed and checked
 * as `ladder survey import` does. Invariants: a header that is accepted has
 * every required column once; a parsed number is whole, 0 or more and at
 * most SURVEY_MAX_PERSONS, and reads back as the digits it came from.
 * Build and run with tests/fuzz/run.sh. */
#include "csv.h"
#include "../../src/model/survey.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void fail(const char *what)
{
	fprintf(stderr, "fuzz_survey: invariant broken: %s\n", what);
	abort();
}

static void check_number(const char *text, const char *comment)
{
	int given;
	long long v;
	enum survey_problem p = survey_parse_persons(text, &given, &v);
	if (p != SURVEY_OK)
		return;
	if (given && (v < 0 || v > SURVEY_MAX_PERSONS))
		fail("a parsed number out of range");
	if (given) { /* the digits, without blanks and leading zeros, are the number */
		char back[32], digits[64];
		size_t n = 0;
		for (const char *s = text; *s && n + 1 < sizeof digits; s++)
			if (*s >= '0' && *s <= '9' && (n || *s != '0'))
				digits[n++] = *s;
		digits[n] = '\0';
		snprintf(back, sizeof back, "%lld", v);
		if (strcmp(v ? digits : "0", back) != 0)
			fail("a parsed number does not read back");
	}
	for (int open = 0; open < 2; open++)
		for (int final = 0; final < 2; final++) {
			enum survey_problem c = survey_check(open, given, v, 1, v / 3, comment, final);
			if (c == SURVEY_NOT_WHOLE || c == SURVEY_TOO_LARGE)
				fail("a check said what the parser says");
			if (!open && !given && c != SURVEY_OK)
				fail("an empty field of a closed site refused");
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv_reader *r = csv_open_mem("fuzz.csv", (const char *)data, size);
	csv_row *row;
	lerr e;
	survey_sheet sh;
	int header = 0, at;
	while (csv_next(r, &row, &e) > 0) {
		if (!header) {
			if (survey_sheet_header(row, &sh, &at) != SURVEY_HEADER_OK)
				break;
			for (int c = 0; c < SURVEY_N_COLS; c++)
				for (int d = 0; d < c; d++)
					if (sh.col[c] >= 0 && sh.col[c] == sh.col[d])
						fail("two columns from one field");
			for (int c = 0; c <= SURVEY_COL_PERSONS; c++)
				if (sh.col[c] < 0 || sh.col[c] >= row->n)
					fail("an accepted header lacks a required column");
			header = 1;
			continue;
		}
		if (survey_row_blank(row))
			continue;
		survey_answer a;
		survey_sheet_row(&sh, row, &a);
		for (int c = 0; c < SURVEY_N_COLS; c++)
			if (!a.v[c] || (a.at[c] && a.v[c] != a.at[c]->s))
				fail("a column's value is not its field");
		check_number(a.v[SURVEY_COL_PERSONS], a.v[SURVEY_COL_COMMENT]);
		check_number(a.v[SURVEY_COL_REF], a.v[SURVEY_COL_COMMENT]);
	}
	csv_free(r);
	return 0;
}
