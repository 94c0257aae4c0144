/* draft.h - drafting a source profile from a delivery (`ladder profiles
 * draft`): where the table is in a sheet, its layout and what its labels
 * are, as pure functions over a grid of cells. Prefix: draft_.
 *
 * A draft_grid holds a sheet's cells as text (row and column 1-based, as
 * the sheet numbers them; rows the reader skipped are blank) and its merged
 * ranges. draft_detect reads it against the model and fills a draft_result:
 *   - the table: the header row(s) above the first data row (titles and
 *     notes above them are rows of one cell), the first data row, and what
 *     ends the data (a blank row, a footnote such as "Bron: ..."), a
 *     "Totaal" row (checked, not imported);
 *   - the layout: long (one value column, the fields in key columns) or
 *     wide (the value columns' header rows give fields: years, work forms,
 *     areas, months), total and ignored columns;
 *   - the labels: areas (NIS codes, or names folded as model_fold does,
 *     "(stad)" suffixes aside, old names of merged municipalities with the
 *     years they stood for) and work forms (code, name, abbreviation);
 *   - numbers stored as text (Dutch or plain), the texts that mean missing
 *     or suppressed, the unit from header words (plaatsen, trajecten, VTE);
 *   - fields no column gives, from the title (a year, a work form).
 * What it cannot match or decide is a draft_issue with its cell, as data:
 * the command line words it (po/nl.po). draft_write writes the profile in
 * the format of docs/sources.md.
 *
 * Ownership: a grid and a result own their memory (arenas); free them with
 * draft_grid_free and draft_result_free. A result borrows the model.
 */
#ifndef LADDER_DRAFT_H
#define LADDER_DRAFT_H

#include "../base/base.h"
#include "../base/csv.h"
#include "../base/num.h"
#include "../base/sheet.h"
#include "../model/model.h"

typedef struct draft_row {
	const char **s;        /* [n], "" for an empty cell */
	unsigned char *typed;  /* [n], 1: a spreadsheet's number cell */
	int n;
} draft_row;

typedef struct draft_grid {
	arena mem;
	draft_row *rows; /* [n_rows]: row r is rows[r - 1] */
	long n_rows, cap_rows;
	int n_cols;
	sheet_range *merges;
	int n_merges, cap_merges;
} draft_grid;

void draft_grid_init(draft_grid *g);
void draft_grid_free(draft_grid *g);
/* Sets one cell (text copied); rows and columns grow as needed. */
void draft_grid_set(draft_grid *g, long row, int col, const char *s, int typed);
/* Adds a reader's row (its line is the row number). */
void draft_grid_add(draft_grid *g, const csv_row *r);
void draft_grid_merge(draft_grid *g, sheet_range r);
/* The cell's own text ("" when empty or outside the grid). */
const char *draft_cell(const draft_grid *g, long row, int col);
/* The cell's text, or that of the merged range it lies in. */
const char *draft_cell_merged(const draft_grid *g, long row, int col);

/* What a column, or a header row of a wide table, gives. */
enum draft_field {
	DRAFT_NONE,
	DRAFT_AREA,
	DRAFT_WORK_FORM,
	DRAFT_YEAR,
	DRAFT_MONTH,
	DRAFT_VALUE,  /* long: the figures */
	DRAFT_TOTAL,  /* a total column: checked, not imported */
	DRAFT_IGNORE, /* neither key nor value */
};

/* What could not be matched or decided (issue) or was decided in a way a
 * person should know (note). */
enum draft_what {
	DRAFT_NO_TABLE,        /* no header row over rows of figures */
	DRAFT_HEADER_UNCLEAR,  /* a header row of value columns gives no field (cell: its first value) */
	DRAFT_HEADER_EMPTY,    /* a value column without a cell in a header row that gives a field */
	DRAFT_MANY_VALUES,     /* long: more than one column of figures (cell: the header) */
	DRAFT_NO_AREA,         /* no column or header row gives the area */
	DRAFT_NO_WORK_FORM,    /* nor the work form (not in the title either) */
	DRAFT_NO_YEAR,         /* nor the year (not in the title either) */
	DRAFT_TWO_YEARS,       /* the title names more than one year */
	DRAFT_AREA_UNKNOWN,    /* a label is no area (text) */
	DRAFT_AREA_AMBIGUOUS,  /* more than one area has the name */
	DRAFT_AREA_MERGED,     /* note: an old name, for years before the merger (text: the code it went into) */
	DRAFT_AREA_AFTER_MERGER, /* an old name used for a year after its merger */
	DRAFT_FORM_UNKNOWN,    /* a label is no work form */
	DRAFT_FORM_AMBIGUOUS,  /* more than one work form has the label */
	DRAFT_CELL_TEXT,       /* a figure cell holds text that is neither a number nor a known marker */
	DRAFT_NUMBER_STYLE,    /* numbers as text in both styles (1.234,5 and 1234.5) */
	DRAFT_UNIT_MIXED,      /* headers name more than one unit */
	DRAFT_MONTH_RULE,      /* months: the rule (december or average) is the supplier's to say */
	DRAFT_MONTHS_TWO_YEARS, /* the header's months fall in more than one year (text: "2023, 2024") */
};

typedef struct draft_issue {
	enum draft_what what;
	long row; /* 0 when not about a cell */
	int col;
	const char *text;  /* the label or cell text, "" when none */
	const char *other; /* DRAFT_AREA_MERGED: the code it went into; else "" */
	int note;          /* 1: said, not undecided */
} draft_issue;

/* A supplier's label and what it was matched to (-1: nothing). */
typedef struct draft_label {
	const char *label;
	int index; /* model area or node index */
	long row;
	int col;
} draft_label;

typedef struct draft_result {
	arena mem;
	long header_first, header_last, data_first, data_last; /* 0: no table */
	int end_blank;          /* a blank row ends the data */
	const char *end_prefix; /* a footnote's first word ("Bron"), or NULL */
	const char **total_rows; /* the key labels of total rows ("Totaal", "Totaal arr. Brugge") */
	int n_total_rows;
	int wide;
	int n_cols;
	enum draft_field *col_field; /* [n_cols + 1], by column */
	enum draft_field *row_field; /* wide: by header row, [header_last - header_first + 1] */
	enum model_form_unit unit;
	num_style numbers; /* NUM_STYLE_UNKNOWN: no numbers stored as text */
	const char **missing, **hidden; /* marker texts seen */
	int n_missing, n_hidden;
	int fixed_year;  /* 0: a column gives it, or undecided */
	int fixed_form;  /* node index, -1 */
	int year_min, year_max; /* of the figures, when known (0) */
	draft_label *areas, *forms;
	int n_areas, n_forms;
	draft_issue *issues;
	int n_issues;
	const char *supplier; /* from "Bron: ...", or NULL */
	strmap memo_area, memo_form; /* private: labels matched so far, during draft_detect */
} draft_result;

/* Reads the grid's table. Returns 0; with r->data_first 0 (and a
 * DRAFT_NO_TABLE issue) when it finds none. */
int draft_detect(const draft_grid *g, const model *m, draft_result *r);
void draft_result_free(draft_result *r);
/* Issues that leave something undecided (notes aside). */
int draft_undecided(const draft_result *r);
/* The header text of column col: its header rows' cells (merged ranges
 * filled), the distinct ones joined with " / ". */
const char *draft_header_text(const draft_result *r, const draft_grid *g, int col);

/* The profile (docs/sources.md) into out: name (the profile's key) and
 * sheet (NULL for a CSV file). */
void draft_write(const draft_result *r, const draft_grid *g, const model *m, const char *name, const char *sheet,
		 buf *out);

/* Matching, exposed for the tests. Folds as model_fold does, spaces
 * dropped ("Sint-Niklaas" and "sint niklaas" are "sintniklaas"). */
void draft_fold(const char *s, char *out, size_t cap);
/* The area a label names (a NIS code; a name, level municipality first,
 * with "(stad)" and like suffixes aside), valid in year (0: any, the
 * latest first); -1 when none, -2 when more than one fit. */
int draft_match_area(const model *m, const char *label, int year);
/* The work form or total a label names (code, Dutch or English name, the
 * name without its parenthesis, abbreviation); -1 none, -2 more than one. */
int draft_match_form(const model *m, const char *label);
/* 1..12 for a header naming a month (prof_month: Dutch or English names,
 * full or abbreviated, with or without its year, a date), else 0; a bare
 * number is none. */
int draft_month(const char *label);
/* The year a cell holds (1990..2100), else 0. */
int draft_year(const char *s);
/* The first year (1990..2100) written in a text, else 0; *second: another
 * one, else 0. */
int draft_year_in_text(const char *text, int *second);
/* The one work form whose name or abbreviation a text holds as words;
 * -1 none, -2 more than one. */
int draft_form_in_text(const model *m, const char *text);

#endif
