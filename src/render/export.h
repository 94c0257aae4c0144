/* export.h - open data and the Excel annex: any slice of the figures as CSV
 * (that `ladder import` reads back), JSON with metadata, JSON-stat 2.0, and
 * the xlsx annex (libxlsxwriter). Prefix: exp_.
 *
 * A slice is areas x years x work-form nodes x editions. By default each year
 * comes from the latest edition holding it (as `show` does); values are the
 * engine's resolved cells (reported, else summed from sub-areas or parts),
 * so that an arrondissement that only its municipalities report still has
 * its figures. With reported_only, only stored figures are written: the CSV
 * then re-imports to exactly the same rows.
 *
 * A value flagged confidential is never written: its cell is empty (null)
 * with the flag. Unknown values are left out of CSV and JSON rows and are
 * null in JSON-stat (the cube is dense).
 *
 * Ownership: exp_collect returns a result freed with exp_free; it borrows
 * the model. Writers append to a caller's buf or write a file.
 */
#ifndef LADDER_EXPORT_H
#define LADDER_EXPORT_H

#include "render.h"

typedef struct exp_slice {
	const int *areas;    /* model indexes; NULL/0: every area with a value */
	int n_areas;
	int year_from, year_to; /* 0: open */
	const int *nodes;    /* work-form nodes; NULL/0: every node with a value */
	int n_nodes;
	const char *const *editions; /* codes; NULL/0: the latest edition per year; "all": every edition */
	int n_editions;
	int reported_only;
	int english;
} exp_slice;

typedef struct exp_row {
	int edition;      /* index into exp_data.edition_codes */
	int year, area, node;
	double v;
	unsigned flags;   /* CALC_*; CALC_ROLLED_UP when summed, not reported */
	int has_value;    /* 0: missing or confidential: no number is written */
	const char *note; /* stored note of a reported figure ("" if none) */
	int carried;      /* a reported figure carried forward from another edition (editions new) */
} exp_row;

typedef struct exp_data {
	arena mem;
	const model *m;
	exp_row *rows;    /* ordered by edition, year, area order, node order */
	int n_rows, cap_rows;
	char **edition_codes;
	int n_editions;
	store_edition_meta *edition_meta; /* per edition code: its metadata */
	int *years;       /* distinct years in rows, ascending */
	int n_years;
	char updated[32]; /* latest import time of the data (ISO 8601) */
	int english;
} exp_data;

exp_data *exp_collect(store *s, const model *m, const exp_slice *sl, lerr *err);
void exp_free(exp_data *d);
/* Adds (or sets) rung 6 of every area and year of d: the wage employees
 * minus rung 5, as the ladder shows it (calc_rung6_year). For the annex,
 * which shows the ladder; not for the re-importable CSV, where rung 6 is no
 * figure. The rows added come after the others, out of their order. */
int exp_add_rung6(store *s, exp_data *d, lerr *err);

/* CSV of kind "figures": year,area,work_form,persons,edition,flag,note. */
void exp_csv(buf *out, const exp_data *d);
/* CSVW metadata (JSON) describing that CSV file (csv_name). */
void exp_csv_metadata(buf *out, const exp_data *d, const char *csv_name);
/* JSON: {"meta": {...}, "data": [...]} */
void exp_json(buf *out, const exp_data *d);
/* JSON-stat 2.0 dataset: dimensions edition, year, area, work_form. */
void exp_jsonstat(buf *out, const exp_data *d);
/* The "category" of a JSON-stat dimension: {"index": ..., "label": ...}
 * of n ids in order, without the closing brace (a unit may follow). */
void exp_jsonstat_category(buf *out, const char *const *ids, const char *const *labels, int n);
/* After a category of areas (areas) or work forms: ", \"child\": {...}",
 * each parent in the model's tree (on its map) with its children, as far
 * as both are in the category (pos[model index] >= 0); groupings, which
 * overlap the tree, are left out. Nothing when no parent is there. */
void exp_jsonstat_child(buf *out, const model *m, int areas, const int *pos);
/* A table for people as a workbook of one sheet: its title, the legend
 * (may be NULL), the header and the rows (counts and percentages as
 * numbers, a hidden value as "x", an unknown one as "."), filtered and
 * frozen. */
int exp_xlsx_table(const rnd_table *t, const char *legend, int english, const char *path, lerr *err);

/* The Excel annex: a sheet per rung (work form x area x year), a sheet of
 * context figures and one of sources and notes. Years year_from..year_to. */
int exp_xlsx(store *s, const model *m, int year_from, int year_to, int english, const char *path, lerr *err);

/* ---- the survey's spreadsheet (export_survey.c, issue 17) */

/* One field of a provider's form, as store_survey_rows gives it. */
typedef struct exp_survey_field {
	const char *site, *site_name, *area, *area_name, *form, *form_name;
	int site_open, has_last, has_year, has_ref;
	long long last, persons_year, persons_ref;
	const char *comment;
} exp_survey_field;
typedef struct exp_survey_form {
	const char *provider, *provider_name, *edition, *closes; /* closes "" when none */
	int year;
	const exp_survey_field *fields;
	int n;
	int english;
} exp_survey_form;
/* Writes the provider's template to path: a sheet whose first row is the
 * header `ladder survey import` reads (provider, site, work_form, the
 * reading aids, persons, persons_ref, comment), one row per field with
 * last year's number and the answer so far; only the answer cells can be
 * edited; and a sheet explaining what to fill in. */
int exp_survey_template(const char *path, const exp_survey_form *f, lerr *err);

#endif
