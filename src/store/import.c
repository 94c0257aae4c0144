/* import.c - the importer's driver: the header decides the kind, every row
 * is checked and handed to the kind, each file is a batch, all files one
 * transaction. The kinds live in import_obs.c, import_catalog.c and
 * import_ref.c; what they share in import_fields.c (import_internal.h).
 * See import.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* In the order the header is matched against their required columns. */
static const kind_def *const kinds[] = {
	&imp_kind_figures, &imp_kind_context, &imp_kind_catalog, &imp_kind_areas,
	&imp_kind_successions, &imp_kind_groupings, &imp_kind_indicators, &imp_kind_rungs, &imp_kind_claims,
	&imp_kind_sites, &imp_kind_providers, &imp_kind_lineage, &imp_kind_editions,
};
#define N_KINDS (sizeof kinds / sizeof kinds[0])

/* ------------------------------------------------------------------ driver */

static int known_column(const kind_def *k, const char *name)
{
	for (const col_spec *c = k->cols; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return 1;
	return 0;
}

static void lower_copy(char *out, size_t cap, const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = 0;
	for (; *s && n + 1 < cap; s++)
		out[n++] = (char)tolower((unsigned char)*s);
	while (n && (out[n - 1] == ' ' || out[n - 1] == '\t'))
		n--;
	out[n] = '\0';
}

/* The kind whose required columns are all in the header. */
static const kind_def *detect_kind(const csv_row *h)
{
	for (size_t k = 0; k < N_KINDS; k++) {
		int all = 1;
		for (const col_spec *c = kinds[k]->cols; c->name && (c->flags & COL_REQUIRED) && all; c++) {
			int found = 0;
			for (int i = 0; i < h->n && !found; i++) {
				char name[64];
				lower_copy(name, sizeof name, h->f[i].s);
				found = strcmp(name, c->name) == 0;
			}
			all = found;
		}
		if (all)
			return kinds[k];
	}
	return NULL;
}

/* Is kind one of the '|'-separated names of list? */
static int kind_in_list(const char *list, const char *kind)
{
	size_t n = strlen(kind);
	for (const char *p = list; p; p = strchr(p, '|') ? strchr(p, '|') + 1 : NULL)
		if (strncmp(p, kind, n) == 0 && (p[n] == '|' || p[n] == '\0'))
			return 1;
	return 0;
}

/* "figures (year, area, work_form, persons), ..., or claims (...)": the
 * kinds a file may be, by their required columns (rungs only come at init). */
static void known_kinds(buf *b)
{
	int n = 0;
	for (size_t k = 0; k < N_KINDS; k++)
		n += kinds[k] != &imp_kind_rungs;
	for (size_t k = 0, i = 0; k < N_KINDS; k++) {
		if (kinds[k] == &imp_kind_rungs)
			continue;
		buf_printf(b, "%s%s (", i == 0 ? "" : (int)i == n - 1 ? " or " : ", ", kinds[k]->name);
		for (const col_spec *c = kinds[k]->cols; c->name && (c->flags & COL_REQUIRED); c++)
			buf_printf(b, "%s%s", c == kinds[k]->cols ? "" : ", ", c->name);
		buf_addc(b, ')');
		i++;
	}
}

/* Lays out I->v: one value of cap bytes per column of the kind. */
static void layout_values(imp *I)
{
	size_t total = 0;
	for (int i = 0; i < I->n_names; i++)
		total += I->kind->cols[i].cap;
	buf_reset(&I->vbuf);
	buf_grow(&I->vbuf, total);
	for (size_t i = 0, at = 0; i < (size_t)I->n_names; at += I->kind->cols[i].cap, i++)
		I->v[i] = I->vbuf.ptr + at;
}

static int read_header(imp *I, const csv_row *h)
{
	I->kind = detect_kind(h);
	if (!I->kind) {
		buf k = BUF_INIT;
		known_kinds(&k);
		imp_error(I, V(I->en, import_header_columns_known_kind), imp_where(I, h->line, 1), k.ptr);
		buf_release(&k);
		return LERR_PARSE;
	}
	if (I->opt->only_kind && !kind_in_list(I->opt->only_kind, I->kind->name)) {
		char want[128];
		snprintf(want, sizeof want, "%s", I->opt->only_kind);
		for (char *p = strchr(want, '|'); p; p = strchr(want, '|'))
			*p = '/';
		return imp_error(I, V(I->en, import_header_this_file_file), imp_where(I, h->line, 1), I->kind->name,
				 want);
	}
	I->n_names = 0;
	for (const col_spec *c = I->kind->cols; c->name; c++)
		I->names[I->n_names++] = c->name;
	for (int i = 0; i < I->n_names; i++)
		I->col[i] = -1;
	layout_values(I);
	int bad = 0;
	int width = h->n;
	while (width > 1 && num_is_blank(h->f[width - 1].s))
		width--; /* Excel pads the header with empty cells too */
	for (int c = 0; c < width; c++) {
		char name[64];
		if (imp_check_text(I, &h->f[c], NULL, 0) < 0) {
			bad = 1;
			continue;
		}
		lower_copy(name, sizeof name, h->f[c].s);
		if (!*name) {
			bad |= imp_error(I, V(I->en, import_header_column_has_no_name), imp_where(I, h->line, h->f[c].col), c + 1) < 0;
			continue;
		}
		if (!known_column(I->kind, name)) {
			buf allowed = BUF_INIT;
			for (int i = 0; i < I->n_names; i++)
				buf_printf(&allowed, "%s%s", i ? ", " : "", I->names[i]);
			bad |= imp_error(I, V(I->en, import_header_unknown_column_for_file),
					 imp_where(I, h->line, h->f[c].col), name, I->kind->name, allowed.ptr) < 0;
			buf_release(&allowed);
			continue;
		}
		for (int i = 0; i < I->n_names; i++) {
			if (strcmp(I->names[i], name) != 0)
				continue;
			if (I->col[i] >= 0)
				bad |= imp_error(I, V(I->en, import_header_column_appears_twice), imp_where(I, h->line, h->f[c].col), name) < 0;
			I->col[i] = c;
		}
	}
	I->header_cols = width;
	return bad ? LERR_PARSE : 0;
}

/* Every field of the row, before any of it is echoed in another message. */
static int check_row_text(imp *I, const csv_row *r)
{
	for (int i = 0; i < I->n_names; i++) {
		int k = I->col[i];
		if (k >= 0 && k < r->n &&
		    imp_check_text(I, &r->f[k], I->names[i], I->kind->cols[i].flags & COL_FREE_TEXT) < 0)
			return LERR_PARSE;
	}
	return 0;
}

static int row_is_blank(const csv_row *r)
{
	for (int i = 0; i < r->n; i++)
		if (!num_is_blank(r->f[i].s))
			return 0;
	return 1;
}

static int check_width(imp *I, const csv_row *r)
{
	if (r->n < I->header_cols)
		return imp_error(I, V(I->en, import_fields_as_header_found), imp_where(I, r->line, r->f[r->n - 1].col), I->header_cols, r->n);
	/* spreadsheets pad rows with empty cells: tolerate those, nothing else */
	for (int i = I->header_cols; i < r->n; i++)
		if (!num_is_blank(r->f[i].s))
			return imp_error(I, V(I->en, import_fields_as_header_found), imp_where(I, r->line, r->f[i].col), I->header_cols, r->n);
	return 0;
}

static int begin_batch(imp *I)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s,
			  "INSERT INTO batch (file, sha256, kind, rows, inserted, unchanged, replaced, encoding, delimiter, imported_at)"
			  " VALUES (?, '', ?, 0, 0, 0, 0, '', '', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
			  &st, &e) < 0)
		return imp_db_error(I, "batch");
	sqlite3_bind_text(st, 1, I->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, I->kind->name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return imp_db_error(I, "batch");
	I->batch = (int)sqlite3_last_insert_rowid(store_handle(I->s));
	return 0;
}

/* Records the batch's totals, or removes it when the file changed nothing. */
static int end_batch(imp *I)
{
	imp_file_report *fr = I->fr;
	sqlite3_stmt *st;
	lerr e;
	int keep = fr->inserted + fr->replaced > 0;
	const char *sql = keep ? "UPDATE batch SET sha256 = ?2, rows = ?3, inserted = ?4, unchanged = ?5, replaced = ?6,"
				 " encoding = ?7, delimiter = ?8, sheet = ?9, profile = ?10 WHERE id = ?1"
			       : "DELETE FROM batch WHERE id = ?1";
	if (store_prepare(I->s, sql, &st, &e) < 0)
		return imp_db_error(I, "batch");
	sqlite3_bind_int(st, 1, I->batch);
	if (keep) {
		char delim[2] = {fr->delimiter, 0};
		sqlite3_bind_text(st, 2, fr->sha256, -1, SQLITE_STATIC);
		sqlite3_bind_int64(st, 3, fr->rows);
		sqlite3_bind_int64(st, 4, fr->inserted);
		sqlite3_bind_int64(st, 5, fr->unchanged);
		sqlite3_bind_int64(st, 6, fr->replaced);
		sqlite3_bind_text(st, 7, fr->encoding, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, delim, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 9, fr->sheet, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 10, I->opt->profile_label ? I->opt->profile_label : "", -1, SQLITE_STATIC);
	}
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return imp_db_error(I, "batch");
	fr->batch = keep ? I->batch : 0;
	return 0;
}

static double wall_now(const imp *I)
{
	if (!I->opt->timed)
		return 0;
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

double imp_cpu_now(const imp *I)
{
	if (!I->opt->timed)
		return 0;
	struct timespec t;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int reload_model(imp *I)
{
	lerr e;
	model *m = store_load_model(I->s, &e);
	if (!m) {
		imp_error(I, "%s", e.msg);
		return LERR_DB;
	}
	model_free(I->m);
	I->m = m;
	return 0;
}

static int default_edition(imp *I)
{
	lerr e;
	const char *code = I->opt->edition;
	if (!code || !*code) {
		/* no edition given: the latest edition in the store, else "0" */
		char latest[64] = "";
		sqlite3_stmt *st;
		if (store_prepare(I->s, "SELECT e.code FROM edition e ORDER BY " STORE_EDITION_ORDER(DESC) " LIMIT 1",
				  &st, &e) < 0)
			return imp_db_error(I, "edition");
		if (sqlite3_step(st) == SQLITE_ROW)
			snprintf(latest, sizeof latest, "%s", (const char *)sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
		code = *latest ? arena_strdup(&I->mem, latest) : "0";
	}
	I->default_ed_code = code;
	return 0;
}

static int next_row(imp *I, csv_row **r, lerr *e)
{
	return I->rows ? I->rows->next(I, r, e) : csv_next(I->csv, r, e);
}

int imp_import_rows(imp *I, csv_reader *csv, const imp_rows *rows, const char *name)
{
	I->csv = csv;
	I->rows = rows;
	I->file = name;
	I->header_cols = 0;
	I->last_area = I->last_node = -1; /* the model may have been reloaded */
	I->style = NUM_STYLE_UNKNOWN;
	I->stop = 0;
	strmap_release(&I->seen);
	strmap_init(&I->seen);
	imp_report *rep = I->rep;
	rep->files = xrealloc(rep->files, sizeof *rep->files * (size_t)(rep->n_files + 1));
	I->fr = &rep->files[rep->n_files++];
	memset(I->fr, 0, sizeof *I->fr);
	I->fr->file = xstrdup(name);
	I->fr->kind = "?";

	lerr e;
	csv_row *r;
	int rc = next_row(I, &r, &e);
	if (rc == 0 && rows)
		return imp_error(I, V(I->en, import_empty_sheet_header_row_1), imp_where(I, 0, 0));
	if (rc <= 0)
		return rc == 0 ? imp_error(I, V(I->en, import_empty_file_header_line), imp_where(I, 1, 1))
			       : imp_error(I, "%s", e.msg);
	if (read_header(I, r) < 0)
		return LERR_PARSE;
	I->fr->kind = I->kind->name;
	if (I->kind->begin(I) < 0 || (!I->failed && begin_batch(I) < 0)) {
		I->kind->finish(I);
		return LERR_DB;
	}
	while (!I->stop && (rc = next_row(I, &r, &e)) > 0) {
		if (row_is_blank(r))
			continue;
		I->fr->rows++;
		if (check_width(I, r) < 0 || check_row_text(I, r) < 0)
			continue;
		imp_fill_values(I, r);
		I->kind->row(I, r);
	}
	if (rc < 0)
		imp_error(I, "%s", e.msg);
	else if (rows && !I->stop)
		rows->after(I);
	if (!I->stop && I->kind->end)
		I->kind->end(I);
	I->kind->finish(I);
	if (rows) {
		rows->describe(I, I->fr);
	} else {
		csv_sha256_hex(csv, I->fr->sha256);
		I->fr->encoding = csv_encoding(csv);
		I->fr->delimiter = csv_delimiter(csv);
	}
	if (I->failed)
		return LERR_PARSE;
	double t0 = imp_cpu_now(I);
	rc = end_batch(I);
	I->rep->cpu_store += imp_cpu_now(I) - t0;
	if (rc < 0)
		return LERR_DB;
	if (I->kind->changes_model && reload_model(I) < 0)
		return LERR_DB;
	return 0;
}

/* Set by imp_enable_spreadsheets (import_sheet.c): the lean program links
 * without libzip, expat and libfreexl and leaves spreadsheets to ladder-full. */
void (*imp_sheet_import)(imp *I, const char *path);

static void import_spreadsheet(imp *I, const char *path)
{
	if (imp_sheet_import) {
		imp_sheet_import(I, path);
		return;
	}
	I->file = path;
	imp_error(I, V(I->en, import_spreadsheets_are_read_by_ladder),
		  path);
}

typedef struct source {
	const char *path; /* file, or NULL for memory */
	const char *name;
	const char *data;
	size_t len;
} source;

/* What run() changes for the length of an import and puts back after it. */
#define AFTER_IMPORT "PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT"

static int run(store *s, const source *src, int n, const imp_options *opt, imp_report *rep)
{
	memset(rep, 0, sizeof *rep);
	imp I = {0};
	I.s = s;
	I.opt = opt;
	double t_start = imp_cpu_now(&I), t0, w0 = wall_now(&I), w1;
	I.en = opt->english;
	I.rep = rep;
	arena_init(&I.mem);
	strmap_init(&I.seen);
	lerr e;
	/* Every id the import writes comes from the model loaded inside this
	 * write transaction, so foreign keys cannot fail; checking them costs
	 * four index lookups per row. The pragma only acts outside a transaction.
	 * A multi-row INSERT keeps a statement journal (its CHECK constraints
	 * could abort it half way); as a temporary file that cost half of the
	 * writing (a million figures: 1,3 s of 2,7 s CPU, most in pwrite), in
	 * memory it is one statement's pages. */
	if (store_exec(s, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY", &e) < 0 || store_begin(s, &e) < 0) {
		lerr on;
		if (store_exec(s, AFTER_IMPORT, &on) < 0)
			buf_printf(&rep->errors, "%s\n", on.msg);
		buf_printf(&rep->errors, "%s\n", e.msg);
		rep->n_errors++;
		arena_release(&I.mem);
		return LERR_DB;
	}
	if (!(I.m = store_load_model(s, &e))) {
		imp_error(&I, "%s", e.msg);
	} else if (default_edition(&I) == 0) {
		for (int i = 0; i < n && !(I.failed && rep->n_errors >= IMP_MAX_ERRORS); i++) {
			if (src[i].path && opt->profile) {
				imp_profile_file(&I, src[i].path);
				continue;
			}
			if (src[i].path && sheet_is_spreadsheet(src[i].path)) {
				import_spreadsheet(&I, src[i].path);
				continue;
			}
			csv_reader *csv = src[i].path ? csv_open_file_lang(src[i].path, I.en, &e)
						      : csv_open_mem(src[i].name, src[i].data, src[i].len);
			if (csv)
				csv_set_english(csv, I.en);
			if (!csv) {
				imp_error(&I, "%s", e.msg);
				continue;
			}
			imp_import_rows(&I, csv, NULL, csv_name(csv)); /* "-" reads as "stdin" */
			csv_free(csv);
		}
	}
	int ok = !I.failed, rc = ok ? 0 : LERR_PARSE;
	t0 = imp_cpu_now(&I);
	w1 = wall_now(&I);
	rep->wall_read = w1 - w0;
	if (ok && !opt->dry_run && opt->before_commit && (I.n_changed || opt->before_commit_always) &&
	    opt->before_commit(s, (const int (*)[2])I.changed, I.n_changed, opt->before_commit_arg, &e) < 0) {
		buf_printf(&rep->errors, "%s\n", e.msg);
		rep->n_errors++;
		ok = 0;
		rc = e.code < 0 ? e.code : LERR_DB;
	}
	rep->cpu_protect = imp_cpu_now(&I) - t0;
	t0 = imp_cpu_now(&I);
	w0 = wall_now(&I);
	rep->wall_protect = w0 - w1;
	if (ok && !opt->dry_run) {
		if (store_commit(s, &e) < 0) {
			buf_printf(&rep->errors, "%s\n", e.msg);
			rep->n_errors++;
			ok = 0;
			rc = LERR_DB;
		}
	}
	store_rollback(s); /* no-op after a commit */
	rep->cpu_store += imp_cpu_now(&I) - t0;
	rep->wall_commit = wall_now(&I) - w0;
	/* the connection may serve more writes (a server, a test): they must be
	 * checked again, and a store that cannot say so has failed */
	lerr on;
	if (store_exec(s, AFTER_IMPORT, &on) < 0) {
		lerr_set(&e, LERR_DB, ok && !opt->dry_run ? V(opt->english, import_after_written) : V(opt->english, import_after), on.msg);
		buf_printf(&rep->errors, "%s\n", e.msg);
		rep->n_errors++;
		rc = LERR_DB;
	}
	model_free(I.m);
	free(I.cov);
	free(I.changed);
	free(I.pending);
	free(I.groups);
	strmap_release(&I.seen);
	buf_release(&I.vbuf);
	arena_release(&I.mem);
	rep->cpu_read = imp_cpu_now(&I) - t_start - rep->cpu_store - rep->cpu_protect;
	return rc;
}

int imp_run(store *s, const char *const *paths, int n, const imp_options *opt, imp_report *report)
{
	source *src = xcalloc((size_t)n + 1, sizeof *src);
	for (int i = 0; i < n; i++)
		src[i].path = src[i].name = paths[i];
	int rc = run(s, src, n, opt, report);
	free(src);
	return rc;
}

int imp_run_mem(store *s, const char *name, const char *data, size_t len, const imp_options *opt,
		imp_report *report)
{
	source src = {NULL, name, data, len};
	return run(s, &src, 1, opt, report);
}

void imp_report_release(imp_report *r)
{
	for (int i = 0; i < r->n_files; i++)
		free(r->files[i].file);
	free(r->files);
	buf_release(&r->errors);
	buf_release(&r->notes);
	memset(r, 0, sizeof *r);
}

