/* store_query.c - the store's read queries for the layers above: years,
 * editions, figures of an edition and year, context values, claims. See
 * store.h. The edition order is STORE_EDITION_ORDER (store_impl.h). */
#define _POSIX_C_SOURCE 200809L
#include "store_impl.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- work done */

static int count_work(void *ctx)
{
	((store *)ctx)->work++;
	return 0;
}

/* SQLite calls the handler after every virtual machine instruction of any
 * statement on the connection (a coarser period would miss statements
 * shorter than it): slow, for tests only. */
void store_work_count(store *s, int on)
{
	s->work = 0;
	sqlite3_progress_handler(s->db, on ? 1 : 0, on ? count_work : NULL, s);
}

long long store_work(const store *s)
{
	return s->work;
}

/* ------------------------------------------------------- years, editions */

int store_years(store *s, const char *kind, const char *edition, int **years, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*years = NULL;
	*n = 0;
	if (store_prepare(s,
			  "SELECT DISTINCT c.year FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = ?1 AND (?2 IS NULL OR e.code = ?2) ORDER BY c.year",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	if (edition)
		sqlite3_bind_text(st, 2, edition, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*years = xrealloc(*years, sizeof **years * (size_t)(*n + 1));
		(*years)[(*n)++] = sqlite3_column_int(st, 0);
	}
	if (store_finish(s, st, rc, err, "read the years") < 0) {
		free(*years);
		*years = NULL;
		*n = 0;
		return LERR_DB;
	}
	return 0;
}

int store_year_editions(store *s, const char *kind, int year, store_edition_ref **eds, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*eds = NULL;
	*n = 0;
	if (store_prepare(s,
			  "SELECT e.id, e.code FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = ? AND c.year = ? ORDER BY " STORE_EDITION_ORDER(ASC),
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*eds = xrealloc(*eds, sizeof **eds * (size_t)(*n + 1));
		store_edition_ref *e = &(*eds)[(*n)++];
		e->id = sqlite3_column_int(st, 0);
		snprintf(e->code, sizeof e->code, "%s", store_col_text(st, 1));
	}
	if (store_finish(s, st, rc, err, "read the editions of a year") < 0) {
		free(*eds);
		*eds = NULL;
		*n = 0;
		return LERR_DB;
	}
	return 0;
}

int store_editions(store *s, store_edition_ref **eds, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*eds = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT e.id, e.code FROM edition e ORDER BY " STORE_EDITION_ORDER(DESC), &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*eds = xrealloc(*eds, sizeof **eds * (size_t)(*n + 1));
		store_edition_ref *e = &(*eds)[(*n)++];
		e->id = sqlite3_column_int(st, 0);
		snprintf(e->code, sizeof e->code, "%s", store_col_text(st, 1));
	}
	if (store_finish(s, st, rc, err, "read the editions") < 0) {
		free(*eds);
		*eds = NULL;
		*n = 0;
		return LERR_DB;
	}
	return 0;
}

/* ------------------------------------------------ figures of an edition */

struct store_figures {
	store *s;
	sqlite3_stmt *st;
	int done;
};

/* The area filter is a JSON array of ids bound as one parameter, so that
 * the primary key (edition, year, area, work_form) serves it by seeks and
 * one prepared statement fits every list. */
static char *area_list_json(const int *areas, int n)
{
	buf b = BUF_INIT;
	buf_adds(&b, "[");
	for (int i = 0; i < n; i++)
		buf_printf(&b, "%s%d", i ? "," : "", areas[i]);
	buf_adds(&b, "]");
	return buf_detach(&b);
}

int store_figures_open(store *s, int edition, int year, const int *areas, int n_areas, store_figures **it, lerr *err)
{
	*it = NULL;
	sqlite3_stmt *st;
	if (store_prepare(s,
			  areas ? "SELECT area, work_form, persons, flag, note FROM figure WHERE edition = ?1 AND year = ?2"
				  " AND area IN (SELECT value FROM json_each(?3)) ORDER BY area, work_form"
				: "SELECT area, work_form, persons, flag, note FROM figure WHERE edition = ?1 AND year = ?2"
				  " ORDER BY area, work_form",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	if (areas)
		sqlite3_bind_text(st, 3, area_list_json(areas, n_areas), -1, free);
	*it = xcalloc(1, sizeof **it);
	(*it)->s = s;
	(*it)->st = st;
	return 0;
}

int store_figures_next(store_figures *it, store_figure *f, lerr *err)
{
	if (it->done)
		return 0;
	int rc = sqlite3_step(it->st);
	if (rc == SQLITE_DONE) {
		it->done = 1;
		return 0;
	}
	if (rc != SQLITE_ROW) {
		it->done = 1;
		return store_fail(it->s, err, "read the figures");
	}
	f->area = sqlite3_column_int(it->st, 0);
	f->work_form = sqlite3_column_int(it->st, 1);
	f->known = sqlite3_column_type(it->st, 2) != SQLITE_NULL;
	f->persons = f->known ? sqlite3_column_double(it->st, 2) : 0;
	f->flag = store_col_text(it->st, 3);
	f->note = store_col_text(it->st, 4);
	return 1;
}

void store_figures_close(store_figures *it)
{
	if (!it)
		return;
	sqlite3_finalize(it->st);
	free(it);
}

int store_figure_notes(store *s, int edition, int year, store_note_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT area, work_form, note, carried FROM figure WHERE edition = ? AND year = ? AND (note <> '' OR carried = 1)",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(ctx, sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), store_col_text(st, 2), sqlite3_column_int(st, 3));
	return store_finish(s, st, rc, err, "read the notes of the figures");
}

int store_coverage(store *s, const char *kind, int year_from, int year_to, store_coverage_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT e.id, e.code, c.year FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = ? AND c.year BETWEEN ? AND ? ORDER BY c.year, " STORE_EDITION_ORDER(DESC),
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year_from);
	sqlite3_bind_int(st, 3, year_to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(ctx, sqlite3_column_int(st, 0), store_col_text(st, 1), sqlite3_column_int(st, 2));
	return store_finish(s, st, rc, err, "read the coverage");
}

int store_last_import(store *s, char out[32], lerr *err)
{
	sqlite3_stmt *st;
	*out = '\0';
	if (store_prepare(s, "SELECT max(imported_at) FROM batch", &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(out, 32, "%.19s", store_col_text(st, 0));
		for (char *p = out; *p; p++)
			if (*p == ' ')
				*p = 'T';
	}
	return store_finish(s, st, rc, err, "read the last import");
}

/* --------------------------------------------------------------- context */

int store_context_out_of_range(store *s, store_context_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  /* per indicator, two ranges of its values (schema v14) */
			  "SELECT a.code, c.year, i.code, i.unit, c.value FROM indicator i"
			  " CROSS JOIN context c INDEXED BY context_indicator_value ON c.indicator = i.id"
			  " AND (c.value < 0 OR (i.unit = 'percent' AND c.value > 100)) JOIN area a ON a.id = c.area"
			  " ORDER BY c.year, a.code, i.code",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_context_row v = {store_col_text(st, 0), sqlite3_column_int(st, 1), store_col_text(st, 2),
					 store_col_text(st, 3), sqlite3_column_double(st, 4)};
		cb(ctx, &v);
	}
	return store_finish(s, st, rc, err, "read the context figures");
}

/* rank[edition id] = its place in STORE_EDITION_ORDER(DESC) (0 the latest),
 * pref ranked before all: the order in which context rows of one area,
 * year and indicator are taken. Freed by the caller. */
static int edition_ranks(store *s, int pref, int **rank, int *max, lerr *err)
{
	store_edition_ref *eds;
	int n;
	*rank = NULL;
	if (store_editions(s, &eds, &n, err) < 0)
		return LERR_DB;
	*max = 0;
	for (int i = 0; i < n; i++)
		if (eds[i].id > *max)
			*max = eds[i].id;
	*rank = xmalloc(sizeof **rank * (size_t)(*max + 1));
	for (int i = 0; i <= *max; i++)
		(*rank)[i] = n + 1;
	for (int i = 0; i < n; i++)
		(*rank)[eds[i].id] = eds[i].id == pref ? -1 : i;
	free(eds);
	return 0;
}

int store_context_of_year(store *s, int year, int indicator, int edition, store_area_value_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	int *rank, max;
	/* the index (schema v14) gives the rows by area; of an area's rows, one
	 * per edition, the edition ranked first is taken here, not sorted */
	if (store_prepare(s,
			  "SELECT area, edition, value, flag FROM context INDEXED BY context_indicator_year"
			  " WHERE indicator = ? AND year = ? ORDER BY area",
			  &st, err) < 0)
		return LERR_DB;
	if (edition_ranks(s, edition, &rank, &max, err) < 0) {
		sqlite3_finalize(st);
		return LERR_DB;
	}
	sqlite3_bind_int(st, 1, indicator);
	sqlite3_bind_int(st, 2, year);
	int rc, area = -1, best = 0, known = 0;
	double value = 0;
	char flag[16] = "";
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int a = sqlite3_column_int(st, 0), e = sqlite3_column_int(st, 1);
		int r = e >= 0 && e <= max ? rank[e] : INT_MAX; /* no such edition: last */
		if (a == area && r >= best)
			continue;
		if (a != area && area >= 0)
			cb(ctx, area, known, value, flag);
		area = a;
		best = r;
		known = sqlite3_column_type(st, 2) != SQLITE_NULL;
		value = known ? sqlite3_column_double(st, 2) : 0;
		snprintf(flag, sizeof flag, "%s", store_col_text(st, 3));
	}
	if (rc == SQLITE_DONE && area >= 0)
		cb(ctx, area, known, value, flag);
	free(rank);
	return store_finish(s, st, rc, err, "read the context figures of a year");
}

int store_context_value(store *s, int area, int year, int indicator, int edition, store_value *v, lerr *err)
{
	sqlite3_stmt *st;
	*v = (store_value){0};
	if (store_cached(s, STORE_STMT_CONTEXT_VALUE,
			  "SELECT c.value, c.flag FROM context c JOIN edition e ON e.id = c.edition"
			  " WHERE c.area = ? AND c.year = ? AND c.indicator = ?"
			  " ORDER BY c.edition = ? DESC, " STORE_EDITION_ORDER(DESC) " LIMIT 1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, area);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, indicator);
	sqlite3_bind_int(st, 4, edition);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		v->found = 1;
		v->known = sqlite3_column_type(st, 0) != SQLITE_NULL;
		v->value = sqlite3_column_double(st, 0);
		snprintf(v->flag, sizeof v->flag, "%s", store_col_text(st, 1));
	}
	return store_finish_cached(s, st, rc, err, "read a context figure");
}

int store_context_target(store *s, int area, int year, int indicator, int *target_year, store_value *v, lerr *err)
{
	sqlite3_stmt *st;
	*v = (store_value){0};
	*target_year = 0;
	if (store_cached(s, STORE_STMT_CONTEXT_TARGET,
			  "SELECT c.year, c.value, c.flag FROM context c JOIN edition e ON e.id = c.edition"
			  " WHERE c.area = ? AND c.indicator = ? AND c.value IS NOT NULL"
			  " ORDER BY c.year >= ?3 DESC, CASE WHEN c.year >= ?3 THEN c.year ELSE -c.year END, "
			  STORE_EDITION_ORDER(DESC) " LIMIT 1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, area);
	sqlite3_bind_int(st, 2, indicator);
	sqlite3_bind_int(st, 3, year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*target_year = sqlite3_column_int(st, 0);
		v->found = v->known = 1;
		v->value = sqlite3_column_double(st, 1);
		snprintf(v->flag, sizeof v->flag, "%s", store_col_text(st, 2));
	}
	return store_finish_cached(s, st, rc, err, "read a target");
}

/* -------------------------------------------------------------- settings */

int store_settings(store *s, const char *prefix, store_setting_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT key, value FROM setting WHERE substr(key, 1, length(?1)) = ?1 ORDER BY key", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(ctx, store_col_text(st, 0), store_col_text(st, 1));
	return store_finish(s, st, rc, err, "read the settings");
}

/* ---------------------------------------------------------------- claims */

int store_claims(store *s, store_claim_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT id, text, area, edition, expr, stated, year, tolerance FROM claim ORDER BY batch, line, id",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int has_tol = sqlite3_column_type(st, 7) != SQLITE_NULL;
		store_claim c = {store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
				 store_col_text(st, 4), store_col_text(st, 5), sqlite3_column_int(st, 6),
				 has_tol ? sqlite3_column_double(st, 7) : -1};
		cb(ctx, &c);
	}
	return store_finish(s, st, rc, err, "read the claims");
}
