/* survey.h - the checks of one survey answer, the same for the web form
 * and the spreadsheets (`ladder survey import`). Prefix: survey_.
 *
 * Answers are data: a check returns what is wrong as an enum survey_problem,
 * and the layer that shows it words it (po/nl.po, survey_problem_*).
 */
#ifndef LADDER_SURVEY_H
#define LADDER_SURVEY_H

#include "../base/csv.h"

enum survey_problem {
	SURVEY_OK = 0,
	SURVEY_NOT_WHOLE,     /* not a whole number of persons, 0 or more (digits only) */
	SURVEY_TOO_LARGE,     /* more than SURVEY_MAX_PERSONS */
	SURVEY_NEEDS_COMMENT, /* changed by more than half against last year, and no comment says why */
	SURVEY_SITE_CLOSED,   /* a number for a site that was closed all year */
	SURVEY_MISSING,       /* a final answer without this number */
};

#define SURVEY_MAX_PERSONS 1000000000LL

/* The text of one field: blanks around it are ignored; "" is not given
 * (*given = 0). Otherwise digits only: "12", not "12,0", "1.234" or "-3". */
enum survey_problem survey_parse_persons(const char *text, int *given, long long *out);

/* One field against last year and its site: a site closed all year takes
 * no number (0 is allowed: "nobody"); a change of more than half against
 * last year (|value - last| > last / 2; from 0, any value above it) needs a
 * comment; a final answer gives every open site's number. */
enum survey_problem survey_check(int site_open, int given, long long value, int has_last, long long last,
				 const char *comment, int final);

/* An answers sheet: a template of `ladder survey templates` filled in, or a
 * CSV with the same header (names case-insensitive, in any order).
 * Required: provider, site, work_form, persons; optional: persons_ref,
 * comment; the template's reading aids (site_name, municipality,
 * work_form_name, last_year) are read past. */
enum { SURVEY_COL_PROVIDER, SURVEY_COL_SITE, SURVEY_COL_FORM, SURVEY_COL_PERSONS, SURVEY_COL_REF, SURVEY_COL_COMMENT,
       SURVEY_N_COLS };
enum survey_header_problem { SURVEY_HEADER_OK, SURVEY_HEADER_UNKNOWN, SURVEY_HEADER_TWICE, SURVEY_HEADER_MISSING };

typedef struct survey_sheet {
	int col[SURVEY_N_COLS]; /* field index per column, -1 when absent */
} survey_sheet;

/* The header row. On a problem *at is the field index (unknown, twice) or
 * the missing column (SURVEY_COL_*). */
enum survey_header_problem survey_sheet_header(const csv_row *h, survey_sheet *sh, int *at);
/* The name of a column (SURVEY_COL_*) as in the header. */
const char *survey_sheet_col_name(int c);

/* One row's fields by column: "" (and at NULL) when the row lacks it. */
typedef struct survey_answer {
	const char *v[SURVEY_N_COLS];
	const csv_field *at[SURVEY_N_COLS];
} survey_answer;
void survey_sheet_row(const survey_sheet *sh, const csv_row *r, survey_answer *a);
/* 1 when every field of the row is blank (skipped, as spreadsheets pad). */
int survey_row_blank(const csv_row *r);

#endif
