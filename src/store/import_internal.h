/* import_internal.h - what the parts of the importer share; private to
 * src/store/import*.c. Prefix: imp_ (as import.h).
 *
 * The parts: import.c (the driver: header -> kind, rows, batches, the run),
 * import_fields.c (errors with positions, field values, the checks every
 * kind uses), import_obs.c (figures and context: observations written in
 * chunks), import_ref.c (reference kinds: rungs, areas, groupings,
 * indicators, claims), import_catalog.c (the work-form catalogue and its
 * successors), import_lineage.c (the lineage of work forms), import_totals.c (the built-in total nodes),
 * import_edition.c (editions: their metadata).
 *
 * A kind is a kind_def: its columns as a col_spec table and a few handlers.
 * The driver matches the header against the required columns, checks every
 * value's text (control characters, tabs and line breaks in one-line
 * columns), copies the trimmed values into I->v (indexed like the kind's
 * col_spec table), fills the optional columns the file lacks from what is
 * stored when the spec says so, and calls the row handler. Adding a kind is
 * a col_spec table, a kind_def and its handlers, and a row in kinds[]
 * (import.c).
 *
 * Ownership: everything hangs off the imp of one run (arena mem for what
 * lives as long as the run; I->v is valid until the next row).
 */
#ifndef LADDER_IMPORT_INTERNAL_H
#define LADDER_IMPORT_INTERNAL_H

#include "import.h"
#include "store_impl.h"
#include "../base/csv.h"
#include "../base/sheet.h"
#include "../base/num.h"
#include "../base/vocab.h"

#define MAX_COLS 20
#define YEAR_MIN 1990
#define YEAR_MAX 2100
#define OBS_CHUNK 128 /* observations per multi-row INSERT */

typedef struct imp imp;

/* col_spec.flags */
enum {
	COL_REQUIRED = 1,  /* the header must have it (and it decides the kind) */
	COL_FREE_TEXT = 2, /* may hold tabs and line breaks */
	COL_KEEP = 4,      /* absent from the file: keep the stored value (target) */
};

/* One column of a kind. cap: the value is cut to cap - 1 bytes (as the
 * handlers' buffers always did). target: the stored column (or an SQL
 * expression over the kind's table) that COL_KEEP reads; NULL if none. */
typedef struct col_spec {
	const char *name;
	unsigned flags;
	unsigned cap;
	const char *target;
} col_spec;

typedef struct kind_def {
	const char *name;
	const col_spec *cols;   /* ends with a NULL name; required ones first */
	const char *table;      /* where COL_KEEP values come from ... */
	int key;                /* ... by the code in this column (index) */
	int (*begin)(imp *I);
	int (*row)(imp *I, const csv_row *r);
	int (*end)(imp *I);     /* may be NULL */
	void (*finish)(imp *I); /* frees statements; always called */
	int changes_model;      /* reload the model after the file */
} kind_def;

extern const kind_def imp_kind_figures, imp_kind_context, imp_kind_catalog, imp_kind_areas, imp_kind_successions, imp_kind_groupings,
	imp_kind_indicators, imp_kind_rungs, imp_kind_claims, imp_kind_providers, imp_kind_sites,
	imp_kind_lineage, imp_kind_editions;

/* A Belgian enterprise number (import_survey.c): 1 when s is one (dots and
 * spaces allowed), written into out as 0123.456.749; 0 when not. */
int imp_enterprise_number(const char *s, char out[16]);

/* Shared by figures and context: one observation row. */
typedef struct obs {
	int edition, year, area, item;
	int has_value;
	long long count;
	double value;
	int is_real;
	const char *flag;
	char note[512];
} obs;

/* A row waiting in the write chunk, with where to point an error. */
typedef struct pending_obs {
	obs o;
	long line;
	int col;
	int cell; /* stored as the figure's col: a spreadsheet's column, 0 for CSV */
	int pair; /* its (edition, year) in I->cov */
} pending_obs;

/* A reference to check once the whole file is read. */
typedef struct pending_ref {
	const char *code, *target;
	long line;
	int col;
} pending_ref;

struct imp {
	store *s;
	model *m;
	const imp_options *opt;
	int en;                 /* the language of the messages: opt->english */
	imp_report *rep;
	csv_reader *csv;
	const struct imp_rows *rows; /* rows from a spreadsheet instead of csv */
	sheet_book *book;       /* that spreadsheet */
	const char *file;
	char where[2][640];     /* imp_where's answers */
	int where_i;
	const kind_def *kind;
	int col[MAX_COLS];      /* row field index per spec column, -1 if absent */
	const char *names[MAX_COLS];
	int n_names;
	char *v[MAX_COLS];      /* this row's trimmed values, per spec column */
	buf vbuf;               /* holds them */
	int header_cols;
	imp_file_report *fr;
	int batch;
	num_style style;
	int stop;               /* too many errors: no more rows */
	int failed;             /* any error in this run: no more writes */
	sqlite3_stmt *ins, *sel, *upd;
	sqlite3_stmt *ins_many;  /* observations: OBS_CHUNK rows per INSERT */
	pending_obs chunk[OBS_CHUNK];
	int n_chunk;
	const char *value_col;
	int (*cov)[3];          /* (edition id, year) pairs seen in the file, and 1 when a row of it was written */
	int n_cov, cap_cov;
	int (*changed)[2];      /* (edition id, year) pairs whose figures changed, over all files */
	int n_changed, cap_changed;
	char ed_code[64];       /* edition cache: last code -> id */
	int ed_id;
	int default_ed_id;      /* 0 until a row needs it */
	int last_area;          /* lookup cache, -1 when empty */
	char last_area_code[64];
	int last_node;          /* the same for work forms (figures) */
	char last_node_code[64];
	const char *default_ed_code;
	strmap seen;            /* per-file keys for kinds that upsert by code */
	struct group_def *groups; /* groupings: collected until the end */
	int n_groups;
	pending_ref *pending;   /* catalog: successors to check at the end */
	void *kind_data;        /* a kind's own state for one file (xmalloc'd; its finish frees it) */
	void *rows_data;        /* the state of I->rows (import_profile.c) */
	int n_pending;
	arena mem;
};

/* The process's CPU seconds so far when the run is timed (opt->timed), else
 * 0: what the run spends writing is added up in I->rep->cpu_store. */
double imp_cpu_now(const imp *I);

/* Rows from something else than a CSV file: a spreadsheet's sheet
 * (import_sheet.c, only in ladder-full: see imp_enable_spreadsheets). */
typedef struct imp_rows {
	int (*next)(imp *I, csv_row **row, lerr *err);
	void (*where)(imp *I, char *out, size_t cap, long line, int col);
	void (*after)(imp *I); /* after the last row, unless stopped */
	void (*describe)(imp *I, imp_file_report *fr); /* sha256, encoding, sheet */
	int cells; /* 1: a row's line and a field's col are a sheet's row and column */
} imp_rows;

/* A delivery's table for import_profile.c: a sheet (import_sheet.c, set by
 * imp_enable_spreadsheets) or a CSV file. open selects the sheet (NULL: the
 * first); rewind reads it again from the top; merges: the sheet's merged
 * ranges once it was read to its end, or before when merges_ahead
 * returned 1 (NULL for CSV). */
typedef struct imp_table_ops {
	/* sheet: by name, else the number-th (1-based); en: the refusal's language */
	void *(*open)(const char *path, const char *sheet, int number, int en, lerr *err);
	int (*rewind)(void *t, lerr *err);
	int (*next)(void *t, csv_row **row, lerr *err);
	const sheet_range *(*merges)(void *t, int *n);
	int (*merges_ahead)(void *t, lerr *err); /* sheet_merges_ahead; NULL for CSV */
	void (*where)(void *t, char *out, size_t cap, int col, long row);
	void (*describe)(void *t, imp_file_report *fr);
	void (*close)(void *t);
} imp_table_ops;
extern const imp_table_ops *imp_sheet_table;
/* One delivery read through I->opt->profile (import_profile.c). */
void imp_profile_file(imp *I, const char *path);

/* A figure a supplier's total adds up, by its key (codes; "" edition: the
 * import's default). */
typedef struct tpart {
	const char *year, *area, *item, *edition;
} tpart;

typedef struct tparts {
	tpart *v;
	int n, cap;
} tparts;

/* A supplier's total (a delivery's Totaal row or column, import_profile.c)
 * with the figures it adds up: its cell, the row's label or the column's
 * header, what it says. */
typedef struct stotal {
	long line;
	int col, is_row;
	const char *label;
	double value;
	tparts parts;
} stotal;
/* Stores the totals of the file just imported (I->file, I->fr->sheet),
 * replacing those the same file and sheet gave for the same editions
 * (import_stotal.c). 0, or an error recorded. */
int imp_save_supplier_totals(imp *I, const stotal *t, int n);

/* The import of one file (import.c): header, rows, batch. csv or rows. */
int imp_import_rows(imp *I, csv_reader *csv, const imp_rows *rows, const char *name);
/* NULL until imp_enable_spreadsheets() */
extern void (*imp_sheet_import)(imp *I, const char *path);

/* ---- errors (import_fields.c): each returns LERR_PARSE (LERR_DB) */
/* "file:line:col", or "file:Sheet!C17" for a spreadsheet; valid for two calls */
const char *imp_where(imp *I, long line, int col);
int imp_error(imp *I, const char *fmt, ...) LADDER_PRINTF(2, 3);
/* about column `name` of row r, at the column where its field starts */
int imp_field_error(imp *I, const csv_row *r, const char *name, const char *fmt, ...) LADDER_PRINTF(4, 5);
/* about column `name` at a known position (rows checked after they are gone) */
int imp_at_error(imp *I, long line, int col, const char *name, const char *fmt, ...) LADDER_PRINTF(5, 6);
int imp_db_error(imp *I, const char *what);
/* A diagnostic that does not refuse the import (what a spreadsheet hides):
 * one line of report->notes. */
void imp_note(imp *I, const char *fmt, ...) LADDER_PRINTF(2, 3);

/* ---- values (import_fields.c) */
/* Index of column name in the kind's spec, -1 if the kind has none. */
int imp_name_index(const imp *I, const char *name);
/* The row's trimmed value of column name ("" if absent from the file). */
const char *imp_val(const imp *I, const char *name);
int imp_has_col(const imp *I, const char *name);
/* The row's field of column name, NULL when the file lacks the column. */
const csv_field *imp_field(const imp *I, const csv_row *r, const char *name);
/* 1-based character column where column name's field starts in r (1 if absent) */
int imp_field_col(const imp *I, const csv_row *r, const char *name);
/* Copies the row's values into I->v (see the top of this file). */
void imp_fill_values(imp *I, const csv_row *r);
/* Text that reaches terminals: see import.h. 0 or an error recorded. */
int imp_check_text(imp *I, const csv_field *f, const char *column, int free_text);

/* ---- checks shared by kinds (import_fields.c) */
int imp_parse_year(imp *I, const csv_row *r, int *year);
int imp_parse_area(imp *I, const csv_row *r, const char *name, int *idx);
int imp_area_in_year(imp *I, const csv_row *r, const char *name, int a, int year);
int imp_edition_for_row(imp *I, const csv_row *r, int *id);
int imp_valid_code(const char *s);
int imp_valid_date(const char *s);
int imp_parse_bool(const char *t, int *out);
/* A code may appear once per file. */
int imp_once_per_file(imp *I, const csv_row *r, const char *col, const char *code);

/* ---- statements (import_fields.c) */
int imp_prepare(imp *I, const char *ins, const char *sel, const char *upd);
void imp_finalize(imp *I);
/* Runs an upsert and counts the row as new, changed (replaced) or unchanged. */
int imp_step_done(imp *I, sqlite3_stmt *st, const char *what, int existed);
/* The stored text of col for the row of table whose keycol is key into out;
 * 1 found, 0 not found, <0 on a database error (recorded). */
int imp_stored_text_by(imp *I, const char *table, const char *keycol, const char *key, const char *col, char *out,
		       size_t cap);

#endif
