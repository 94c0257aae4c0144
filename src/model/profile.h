/* profile.h - source profiles: how one supplier's delivery (a spreadsheet
 * or CSV file in its own layout) maps onto ladder's figures. Prefix: prof_.
 *
 * The format is line based and diff-friendly (docs/sources.md): `key =
 * value` lines, `#` comments, "quoted strings", comma-separated lists, and
 * two label sections, [work_forms] and [areas]. prof_parse reads it and
 * checks what can be checked without a delivery (every key known, every
 * value of the right shape, each field of a figure given exactly once: by a
 * column, by the header of a wide layout or fixed; months only with a rule).
 * What needs the delivery or the model (a sheet, a header, a label) is the
 * importer's.
 *
 * Ownership: everything prof_parse returns lives in the caller's arena.
 */
#ifndef LADDER_PROFILE_H
#define LADDER_PROFILE_H

#include "../base/base.h"

#define PROF_FORMAT 1       /* the format version this build reads */
#define PROF_MAX_HEADER 8   /* header rows */
#define PROF_MAX_TEXT (256 * 1024)
#define PROF_MAX_SHEET 65535 /* sheet = #N */

/* The fields of a figure a profile can place. */
typedef enum prof_field {
	PF_AREA,
	PF_WORK_FORM,
	PF_YEAR,
	PF_MONTH,
	PF_EDITION,
	PF_INDICATOR,
	PF_VALUE, /* `persons` or `value`: the number */
	PF_N
} prof_field;

enum prof_layout { PROF_LONG = 1, PROF_WIDE };
enum prof_months { PROF_MONTHS_NONE = 0, PROF_MONTHS_DECEMBER, PROF_MONTHS_AVERAGE };
enum prof_numbers { PROF_NUMBERS_NL = 0, PROF_NUMBERS_PLAIN };
enum prof_end_kind { PROF_END_BLANK = 1, PROF_END_LABEL, PROF_END_PREFIX, PROF_END_ROW };

/* Where in the profile text something was said (errors about it later). */
typedef struct prof_pos {
	int line, column;
} prof_pos;

/* A column of the delivery: by its header text (after merging the header
 * rows, joined with " / ") or by its letters (letter > 0, A = 1). */
typedef struct prof_colref {
	const char *header; /* NULL when by letter */
	int letter;
	prof_pos at;
} prof_colref;

typedef struct prof_end {
	enum prof_end_kind kind;
	const char *text; /* label, prefix */
	long row;         /* row N: the table ends after row N */
} prof_end;

/* A supplier's label and the code it stands for ([work_forms], [areas]). */
typedef struct prof_label {
	const char *label, *folded, *code;
	prof_pos at;
} prof_label;

typedef struct prof_list {
	const char **s;
	int n;
} prof_list;

typedef struct prof {
	const char *name, *supplier;
	const char *sheet;   /* NULL: by number */
	int sheet_number;    /* sheet = #N: the N-th sheet, hidden ones counted (1, the first, by default) */
	int header_first, header_last; /* rows; 0 when the table has no header */
	long data;           /* first data row */
	prof_end *ends;
	int n_ends;
	enum prof_layout layout;
	const char *unit;    /* persons, places, trajectories or fte */
	enum prof_numbers numbers;
	prof_list missing, hidden;
	int has_column[PF_N];
	prof_colref column[PF_N];   /* long (and key columns of wide): column FIELD = ... */
	prof_field wide[PROF_MAX_HEADER]; /* columns = ...: the field of each header row */
	int n_wide;
	enum prof_months months;
	const char *fixed[PF_N];    /* fixed FIELD = ... (NULL: not fixed) */
	prof_pos fixed_at[PF_N];
	prof_list total_rows, total_columns;
	prof_colref *ignore;
	int n_ignore;
	prof_label *work_forms, *areas;
	int n_work_forms, n_areas;
} prof;

/* Parses text (len bytes; NUL bytes are refused). name: how errors name the
 * file. Returns 0 and *out, or LERR_PARSE with err's file, line and column
 * set and err->msg saying what was expected there (in English when en, else
 * Dutch). */
int prof_parse(arena *a, const char *name, const char *text, size_t len, int en, prof **out, lerr *err);

/* "area", "work_form", ... (PF_VALUE: "persons") */
const char *prof_field_name(prof_field f);
/* A label as labels compare: folded as model_fold folds (case, accents,
 * punctuation), then without spaces ("Lokale diensten-economie" is "Lokale
 * diensteneconomie"). */
void prof_fold(const char *label, char *out, size_t cap);
/* The label's code in a map (matched as prof_fold folds), or NULL. */
const char *prof_map(const prof_label *map, int n, const char *label);
/* The month a header or cell names: januari .. december, their first
 * letters (jan, maa) or mrt, English names, 1 .. 12, a date (2024-12-31),
 * a month with its year (jan 2024, 2024-01, 01/2024, 2024M01); 0 when
 * none. */
int prof_month(const char *s);
/* prof_month, and the year the label gives with it ("jan 2024", "2024-01",
 * "2024M01", a date), 0 when none */
int prof_month_year(const char *s, int *year);
/* Column letters (A = 1, ZZZ at most); 0 when s is not one. */
int prof_column_letters(const char *s);

#endif
