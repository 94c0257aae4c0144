/* import.h - safe import of CSV files into the store. Prefix: imp_.
 *
 * The header names the kind of file (column order is free, names are
 * case-insensitive):
 *   figures     year, area, work_form, persons [, unit, edition, flag, note]
 *   context     year, area, indicator, value   [, edition, flag, note]
 *   catalog     code, name_nl, rung [, name_en, abbr, subcategory, source,
 *               counting_rule, unit, valid_from, valid_to, successors, transition,
 *               programme, in_headline, note]
 *   areas       code, name_nl, level [, name_en, parent, valid_from, valid_to]
 *   groupings   group, name_nl, member [, name_en]
 *   indicators  code, name_nl, unit [, name_en, definition, age_band, source]
 *   claims      id, text, year, expr, stated [, area, edition, tolerance, source]
 *   rungs       rung, name_nl, name_en, place, in_headline
 *
 * A path may be "-" (standard input, reported as "stdin"), a regular file
 * or a pipe; each is read once (see csv.h for the limits). A path named
 * .xlsx, .xlsm, .ods or .xls is a spreadsheet whose first sheet has the
 * header in row 1 (sheet.h): it imports as the same CSV would, errors at
 * "file:Sheet!C17", merged cells refused, hidden rows, columns and sheets
 * said in report->notes.
 *
 * Control characters (C0 but tab and line feed, DEL, C1) are refused in
 * every column; tab and line feed only in free text (note, source,
 * counting_rule, definition, text). Catalogue successors must not form a
 * cycle; a transition names successors only; a programme has at most one
 * entry per rung. A figure's unit, when given, must be its work form's
 * (totals: persons).
 *
 * All files of one imp_run go in one transaction: any error anywhere and
 * nothing is written. Every error names file:line:column, the column name and
 * what was expected; up to IMP_MAX_ERRORS are reported before giving up.
 * Rows equal to what is stored count as unchanged; a file that changes
 * nothing leaves no batch behind. A row that contradicts a stored figure is an
 * error unless replace is set.
 */
#ifndef LADDER_IMPORT_H
#define LADDER_IMPORT_H

#include "store.h"

#define IMP_MAX_ERRORS 20

/* Called inside an import's transaction once every file is written, before
 * the commit (not on a dry run or after an error), with the (edition id,
 * year) pairs whose figures changed: the caller's chance to bring caches
 * up to date (the CLI computes the protected grids, so that the first page
 * after the commit finds them). A failure rolls the import back. */
typedef int (*imp_before_commit_fn)(store *s, const int (*pairs)[2], int n, void *arg, lerr *err);

typedef struct imp_options {
	int dry_run;          /* validate everything, then roll back */
	int replace;          /* overwrite stored figures that differ */
	const char *edition;  /* default edition when the file has no column */
	const char *only_kind; /* refuse files of any other kind (NULL = any; "a|b": a or b) */
	const char *display_name; /* name recorded for in-memory sources */
	imp_before_commit_fn before_commit; /* may be NULL */
	void *before_commit_arg;
	int before_commit_always; /* call it when nothing changed too (n 0) */
	int english;          /* messages in English (default: Dutch) */
	const struct prof *profile; /* read every file through this source profile (NULL: none) */
	const char *profile_label;  /* what a batch records of it ("vdab v2", a path) */
	int preview;                /* with profile and dry_run: the first rows in long form to print */
	buf *preview_out;           /* ... into this (long-form CSV lines), and the unmatched labels */
	int timed;                  /* fill report->cpu_* (a system call per chunk written) */
} imp_options;

typedef struct imp_file_report {
	char *file;
	const char *kind;
	char sha256[65];
	const char *encoding;
	char delimiter;
	long rows, inserted, unchanged, replaced;
	int batch; /* 0 when nothing changed */
	char sheet[128]; /* a spreadsheet's sheet read ("" for CSV) */
} imp_file_report;

typedef struct imp_report {
	imp_file_report *files;
	int n_files;
	buf errors; /* one message per line */
	int n_errors;
	buf notes;  /* what spreadsheets hide (rows, columns, sheets), one per line */
	/* With opt->timed, CPU seconds of the run (for bench/profile_import.sh):
	 * writing to SQLite (inserts, batches, commit), the before_commit step
	 * (the protection), and the rest: reading, mapping, checking */
	double cpu_store, cpu_protect, cpu_read;
	/* and wall seconds: up to the before_commit step, that step, the commit */
	double wall_read, wall_protect, wall_commit;
} imp_report;

/* Imports paths (n of them). Returns 0 when everything was written (or, with
 * dry_run, would have been); <0 otherwise, report->errors tells why.
 * Release the report with imp_report_release. */
int imp_run(store *s, const char *const *paths, int n, const imp_options *opt, imp_report *report);
/* Same for one in-memory file (reference and demo data compiled in). */
int imp_run_mem(store *s, const char *name, const char *data, size_t len, const imp_options *opt,
		imp_report *report);
void imp_report_release(imp_report *r);

/* Lets imp_run read spreadsheets (links libzip, expat and libfreexl: the
 * lean program does not call it and hands spreadsheets to ladder-full). */
void imp_enable_spreadsheets(void);

/* Adds the built-in total nodes (headline, rungs, subcategories) after the
 * rungs are loaded. Inside the caller's transaction. */
int imp_add_total_nodes(store *s, lerr *err);

/* An edition code: letters, digits, '-', '_' and '.' (1 when it is one;
 * the empty code is checked by the caller). */
int imp_valid_edition_code(const char *s);

#endif
