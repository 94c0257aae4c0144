/* store_list.c - the store's listings for what people read: the editions
 * with their years, the import batches, the flags and estimates of the
 * figures, context series for the annex. See store.h. The edition order is
 * STORE_EDITION_ORDER (store_impl.h). */
#define _POSIX_C_SOURCE 200809L
#include "store_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *store_sqlite_version(void)
{
	return sqlite3_libversion();
}

/* -------------------------------------------------------------- editions */

typedef struct edition_row {
	int id;
	char *code;
	int *years[2], n_years[2]; /* figure, context */
	long long figures, carried;
	char **files;
	int n_files;
	store_edition_meta meta;
} edition_row;

static void edition_rows_free(edition_row *r, int n)
{
	for (int i = 0; i < n; i++) {
		free(r[i].code);
		free(r[i].years[0]);
		free(r[i].years[1]);
		for (int k = 0; k < r[i].n_files; k++)
			free(r[i].files[k]);
		free(r[i].files);
	}
	free(r);
}

static int edition_rows(store *s, edition_row **rows, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*rows = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT e.id FROM edition e ORDER BY " STORE_EDITION_ORDER(ASC), &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*rows = xrealloc(*rows, sizeof **rows * (size_t)(*n + 1));
		edition_row *r = &(*rows)[(*n)++];
		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int(st, 0);
	}
	rc = store_finish(s, st, rc, err, "read the editions");
	for (int i = 0; i < *n && rc == 0; i++) {
		char code[64];
		rc = store_edition_code(s, (*rows)[i].id, code, err);
		if (rc == 0)
			rc = store_edition_meta_of(s, (*rows)[i].id, &(*rows)[i].meta, err);
		(*rows)[i].code = xstrdup(code);
	}
	return rc;
}

static edition_row *edition_row_of(edition_row *rows, int n, int id)
{
	for (int i = 0; i < n; i++)
		if (rows[i].id == id)
			return &rows[i];
	return NULL;
}

static int edition_years(store *s, edition_row *rows, int n, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT edition, kind = 'context', year FROM coverage ORDER BY year", &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		edition_row *r = edition_row_of(rows, n, sqlite3_column_int(st, 0));
		int k = sqlite3_column_int(st, 1);
		if (!r)
			continue;
		r->years[k] = xrealloc(r->years[k], sizeof *r->years[k] * (size_t)(r->n_years[k] + 1));
		r->years[k][r->n_years[k]++] = sqlite3_column_int(st, 2);
	}
	return store_finish(s, st, rc, err, "read the years of the editions");
}

static int edition_figures(store *s, edition_row *r, lerr *err)
{
	return store_carried_counts(s, r->id, &r->carried, &r->figures, err);
}

static int edition_files(store *s, edition_row *r, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT DISTINCT b.file FROM batch b JOIN figure f ON f.batch = b.id WHERE f.edition = ? ORDER BY b.file",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, r->id);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->files = xrealloc(r->files, sizeof *r->files * (size_t)(r->n_files + 1));
		r->files[r->n_files++] = xstrdup(store_col_text(st, 0));
	}
	return store_finish(s, st, rc, err, "read the files of an edition");
}

int store_edition_list(store *s, unsigned what, store_edition_cb cb, void *ctx, lerr *err)
{
	edition_row *rows;
	int n, rc = store_read_begin(s, err);
	if (rc < 0)
		return rc;
	rc = edition_rows(s, &rows, &n, err);
	if (rc == 0)
		rc = edition_years(s, rows, n, err);
	for (int i = 0; i < n && rc == 0; i++) {
		if (what & STORE_EDITION_FIGURES)
			rc = edition_figures(s, &rows[i], err);
		if (rc == 0 && (what & STORE_EDITION_FILES))
			rc = edition_files(s, &rows[i], err);
	}
	store_read_end(s);
	for (int i = 0; i < n && rc == 0; i++) {
		edition_row *r = &rows[i];
		store_edition_info e = {r->id,       r->code,     r->years[0],
					r->n_years[0], r->years[1], r->n_years[1],
					r->figures,  r->carried,  (const char *const *)r->files,
					r->n_files,  &r->meta};
		cb(ctx, &e);
	}
	edition_rows_free(rows, n);
	return rc;
}

int store_coverage_by_edition(store *s, const char *kind, int year, const char *edition, store_coverage_cb cb, void *ctx,
			      lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT e.id, e.code, c.year FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = ?3 AND (?1 = 0 OR c.year = ?1) AND (?2 IS NULL OR e.code = ?2)"
			  " ORDER BY " STORE_EDITION_ORDER(ASC) ", c.year",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, year);
	if (edition)
		sqlite3_bind_text(st, 2, edition, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(ctx, sqlite3_column_int(st, 0), store_col_text(st, 1), sqlite3_column_int(st, 2));
	return store_finish(s, st, rc, err, "read the coverage");
}

int store_latest_year(store *s, const char *kind, int *year, lerr *err)
{
	sqlite3_stmt *st;
	*year = 0;
	if (store_prepare(s, "SELECT max(year) FROM coverage WHERE kind = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*year = sqlite3_column_int(st, 0); /* NULL reads as 0: none */
	return store_finish(s, st, rc, err, "read the latest year");
}

/* --------------------------------------------------------------- batches */

int store_batches(store *s, store_batch_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT id, file, kind, sha256, rows, inserted, replaced, imported_at FROM batch ORDER BY id", &st,
			  err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_batch b = {sqlite3_column_int64(st, 0), store_col_text(st, 1), store_col_text(st, 2),
				 store_col_text(st, 3), sqlite3_column_int64(st, 4), sqlite3_column_int64(st, 5),
				 sqlite3_column_int64(st, 6), store_col_text(st, 7)};
		cb(ctx, &b);
	}
	return store_finish(s, st, rc, err, "read the batches");
}

int store_user_batches(store *s, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*n = 0;
	if (store_prepare(s, "SELECT count(*) FROM batch WHERE file NOT LIKE 'demo/%' AND file NOT LIKE 'ref/%'", &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int(st, 0);
	return store_finish(s, st, rc, err, "count the imported files");
}

/* --------------------------------------------------------------- figures */

int store_flag_counts(store *s, int edition, int year, store_flag_count_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT flag, count(*) FROM figure WHERE edition = ? AND year = ? GROUP BY flag ORDER BY flag",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(ctx, store_col_text(st, 0), sqlite3_column_int64(st, 1));
	return store_finish(s, st, rc, err, "count the flags of the figures");
}

int store_estimates(store *s, int edition, int year, int area1, int area2, store_estimate_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT a.name_nl, w.code, f.persons, f.note, a.code AS ac FROM figure f JOIN area a ON a.id = f.area"
			  " JOIN work_form w ON w.id = f.work_form"
			  " WHERE f.edition = ?1 AND f.year = ?2 AND f.flag = 'estimated' AND f.area IN (?3, ?4)"
			  " UNION ALL SELECT a.name_nl, i.code, c.value, c.note, a.code FROM context c JOIN area a ON a.id = c.area"
			  " JOIN indicator i ON i.id = c.indicator"
			  " WHERE c.year = ?2 AND c.flag = 'estimated' AND c.area IN (?3, ?4) ORDER BY 5, 2",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, area1);
	sqlite3_bind_int(st, 4, area2);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int known = sqlite3_column_type(st, 2) != SQLITE_NULL;
		store_estimate e = {store_col_text(st, 4), store_col_text(st, 1), known, known ? sqlite3_column_double(st, 2) : 0,
				    store_col_text(st, 3)};
		cb(ctx, &e);
	}
	return store_finish(s, st, rc, err, "read the estimated figures");
}

/* --------------------------------------------------------------- context */

int store_context_years(store *s, int year_from, int year_to, int **years, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*years = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT DISTINCT year FROM context WHERE year BETWEEN ? AND ? ORDER BY year", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, year_from);
	sqlite3_bind_int(st, 2, year_to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*years = xrealloc(*years, sizeof **years * (size_t)(*n + 1));
		(*years)[(*n)++] = sqlite3_column_int(st, 0);
	}
	if (store_finish(s, st, rc, err, "read the years of the context figures") < 0) {
		free(*years);
		*years = NULL;
		*n = 0;
		return LERR_DB;
	}
	return 0;
}

int store_context_series(store *s, int area, int indicator, int year_from, int year_to, store_year_value_cb cb, void *ctx,
			 lerr *err)
{
	sqlite3_stmt *st;
	/* once per area and indicator of an annex: prepared once */
	if (store_cached(s, STORE_STMT_CONTEXT_SERIES,
			 "SELECT c.year, c.value, c.flag FROM context c JOIN edition e ON e.id = c.edition"
			 " WHERE c.area = ? AND c.indicator = ? AND c.year BETWEEN ? AND ?"
			 " ORDER BY c.year, " STORE_EDITION_ORDER(DESC),
			 &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, area);
	sqlite3_bind_int(st, 2, indicator);
	sqlite3_bind_int(st, 3, year_from);
	sqlite3_bind_int(st, 4, year_to);
	int rc, last = -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int y = sqlite3_column_int(st, 0);
		if (y == last)
			continue; /* the latest edition came first */
		last = y;
		int known = sqlite3_column_type(st, 1) != SQLITE_NULL;
		cb(ctx, y, known, known ? sqlite3_column_double(st, 1) : 0, store_col_text(st, 2));
	}
	if (rc != SQLITE_DONE)
		store_fail(s, err, "read a series of context figures");
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : LERR_DB;
}
