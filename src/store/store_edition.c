/* store_edition.c - editions as a workflow (schema v10): an edition's
 * metadata, a new edition that carries the figures of the one before it
 * forward, and what two editions' figures differ in. See store.h. */
#define _POSIX_C_SOURCE 200809L
#include "store_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- metadata */

static void meta_of_row(sqlite3_stmt *st, int at, store_edition_meta *m)
{
	memset(m, 0, sizeof *m);
	m->ordinal = sqlite3_column_int(st, at);
	m->data_year = sqlite3_column_int(st, at + 1);
	snprintf(m->title, sizeof m->title, "%s", store_col_text(st, at + 2));
	snprintf(m->published, sizeof m->published, "%s", store_col_text(st, at + 3));
	snprintf(m->notes, sizeof m->notes, "%s", store_col_text(st, at + 4));
	snprintf(m->carried_from, sizeof m->carried_from, "%s", store_col_text(st, at + 5));
}

/* The columns meta_of_row reads, for a query whose edition table is e. */
#define META_COLUMNS \
	"coalesce(e.ordinal, 0), coalesce(e.data_year, 0), e.title, e.published, e.notes," \
	" (SELECT p.code FROM edition p WHERE p.id = e.carried_from)"

int store_edition_meta_get(store *s, const char *code, store_edition_meta *out, int *found, lerr *err)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	*found = 0;
	if (store_prepare(s, "SELECT " META_COLUMNS " FROM edition e WHERE e.code = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		meta_of_row(st, 0, out);
		*found = 1;
	}
	return store_finish(s, st, rc, err, "read an edition's metadata");
}

int store_edition_meta_of(store *s, int id, store_edition_meta *out, lerr *err)
{
	sqlite3_stmt *st;
	memset(out, 0, sizeof *out);
	if (store_prepare(s, "SELECT " META_COLUMNS " FROM edition e WHERE e.id = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		meta_of_row(st, 0, out);
	return store_finish(s, st, rc, err, "read an edition's metadata");
}

int store_edition_meta_check(const store_edition_meta *m, unsigned fields, int en, const char **column, lerr *err)
{
	int y = 0, mo = 0, d = 0, n = 0;
	if ((fields & STORE_META_ORDINAL) && (m->ordinal < 0 || m->ordinal > 999)) {
		*column = "ordinal";
		return lerr_set(err, LERR_PARSE, V(en, store_meta_ordinal), m->ordinal);
	}
	if ((fields & STORE_META_DATA_YEAR) && m->data_year && (m->data_year < 1990 || m->data_year > 2100)) {
		*column = "data_year";
		return lerr_set(err, LERR_PARSE, V(en, store_meta_data_year), m->data_year);
	}
	const char *p = m->published;
	size_t len = strlen(p);
	int ok = !*p || (len == 7 && sscanf(p, "%4d-%2d%n", &y, &mo, &n) == 2 && n == 7 && mo >= 1 && mo <= 12) ||
		 (len == 10 && sscanf(p, "%4d-%2d-%2d%n", &y, &mo, &d, &n) == 3 && n == 10 && mo >= 1 && mo <= 12 && d >= 1 &&
		  d <= 31);
	if ((fields & STORE_META_PUBLISHED) && (!ok || (*p && (y < 1990 || y > 2100)))) {
		*column = "published";
		return lerr_set(err, LERR_PARSE, V(en, store_meta_published), p);
	}
	return 0;
}

/* Whatever shows an edition (the server's answers) is stale now. */
static int bump_generation(store *s, lerr *err)
{
	return store_exec(s, "UPDATE generation SET value = value + 1", err);
}

int store_edition_meta_set(store *s, const char *code, const store_edition_meta *m, unsigned fields, lerr *err)
{
	int id;
	if (store_edition(s, code, 1, &id, err) < 0)
		return LERR_DB;
	static const struct {
		unsigned field;
		const char *sql;
	} sets[] = {
		{STORE_META_ORDINAL, "UPDATE edition SET ordinal = nullif(?2, 0) WHERE id = ?1"},
		{STORE_META_DATA_YEAR, "UPDATE edition SET data_year = nullif(?2, 0) WHERE id = ?1"},
		{STORE_META_TITLE, "UPDATE edition SET title = ?3 WHERE id = ?1"},
		{STORE_META_PUBLISHED, "UPDATE edition SET published = ?3 WHERE id = ?1"},
		{STORE_META_NOTES, "UPDATE edition SET notes = ?3 WHERE id = ?1"},
	};
	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		if (!(fields & sets[i].field))
			continue;
		sqlite3_stmt *st;
		if (store_prepare(s, sets[i].sql, &st, err) < 0)
			return LERR_DB;
		const char *text = sets[i].field == STORE_META_TITLE ? m->title
				   : sets[i].field == STORE_META_PUBLISHED ? m->published : m->notes;
		int num = sets[i].field == STORE_META_ORDINAL ? m->ordinal : m->data_year;
		sqlite3_bind_int(st, 1, id);
		if (strstr(sets[i].sql, "?2"))
			sqlite3_bind_int(st, 2, num);
		else
			sqlite3_bind_text(st, 3, text, -1, SQLITE_STATIC);
		int rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return store_fail(s, err, "write an edition's metadata");
	}
	return bump_generation(s, err);
}

/* ------------------------------------------------------------- carrying */

/* 1 when the edition holds figures or context figures. */
static int edition_has_data(store *s, int id, int *has, lerr *err)
{
	sqlite3_stmt *st;
	*has = 0;
	if (store_prepare(s, "SELECT EXISTS (SELECT 1 FROM coverage WHERE edition = ?)", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*has = sqlite3_column_int(st, 0);
	return store_finish(s, st, rc, err, "read an edition's coverage");
}

/* The years of the figures of edition from, ascending. */
static int figure_years_of(store *s, int from, int **years, int *n, lerr *err)
{
	sqlite3_stmt *st;
	*years = NULL;
	*n = 0;
	if (store_prepare(s, "SELECT year FROM coverage WHERE kind = 'figure' AND edition = ? ORDER BY year", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, from);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*years = xrealloc(*years, sizeof **years * (size_t)(*n + 1));
		(*years)[(*n)++] = sqlite3_column_int(st, 0);
	}
	return store_finish(s, st, rc, err, "read the years of an edition");
}

/* Runs one statement of the carry with the edition ids bound as ?1 (to)
 * and ?2 (from). */
static int run_pair(store *s, const char *sql, int to, int from, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, sql, &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, to);
	sqlite3_bind_int(st, 2, from);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "carry an edition forward");
}

int store_edition_carry(store *s, const char *code, const char *from, long long *carried, int **years, int *n_years,
			lerr *err)
{
	int to, src, has;
	*carried = 0;
	*years = NULL;
	*n_years = 0;
	if (store_edition(s, from, 0, &src, err) < 0)
		return LERR_DB;
	if (!src)
		return lerr_set(err, LERR_NOTFOUND, V(s->en, store_carry_no_edition), from);
	if (store_edition(s, code, 1, &to, err) < 0 || edition_has_data(s, to, &has, err) < 0)
		return LERR_DB;
	if (to == src)
		return lerr_set(err, LERR_USAGE, V(s->en, store_carry_into_itself), code);
	if (has)
		return lerr_set(err, LERR_CONFLICT, V(s->en, store_carry_not_empty), code);
	if (figure_years_of(s, src, years, n_years, err) < 0)
		return LERR_DB;
	if (*n_years == 0)
		return lerr_set(err, LERR_NOTFOUND, V(s->en, store_carry_no_figures), from);
	int rc = run_pair(s,
			  "INSERT INTO figure (edition, year, area, work_form, persons, flag, note, batch, line, carried)"
			  " SELECT ?1, year, area, work_form, persons, flag, note, batch, line, 1 FROM figure WHERE edition = ?2",
			  to, src, err);
	if (rc == 0)
		*carried = sqlite3_changes(s->db);
	if (rc == 0)
		rc = run_pair(s,
			      "INSERT INTO coverage (edition, year, kind)"
			      " SELECT ?1, year, kind FROM coverage WHERE edition = ?2 AND kind = 'figure'",
			      to, src, err);
	/* the grids of the new pairs are computed from these figures */
	if (rc == 0)
		rc = run_pair(s,
			      "INSERT INTO figure_generation (edition, year, value)"
			      " SELECT ?1, year, 1 FROM coverage WHERE edition = ?2 AND kind = 'figure'"
			      " ON CONFLICT (edition, year) DO UPDATE SET value = value + 1",
			      to, src, err);
	if (rc == 0)
		rc = run_pair(s, "UPDATE edition SET carried_from = ?2 WHERE id = ?1", to, src, err);
	if (rc == 0)
		rc = bump_generation(s, err);
	return rc;
}

/* --------------------------------------------------------- differences */

int store_figure_revisions(store *s, int a, int b, store_revision_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT fa.year, fa.area, fa.work_form, fa.persons IS NOT NULL, coalesce(fa.persons, 0),"
			  " fb.persons IS NOT NULL, coalesce(fb.persons, 0)"
			  " FROM figure fa JOIN figure fb ON fb.edition = ?2 AND fb.year = fa.year AND fb.area = fa.area"
			  " AND fb.work_form = fa.work_form"
			  " WHERE fa.edition = ?1 AND fa.persons IS NOT fb.persons ORDER BY fa.year, fa.area, fa.work_form",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, a);
	sqlite3_bind_int(st, 2, b);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_revision r = {sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
				    sqlite3_column_int(st, 3), sqlite3_column_double(st, 4), sqlite3_column_int(st, 5),
				    sqlite3_column_double(st, 6)};
		cb(ctx, &r);
	}
	return store_finish(s, st, rc, err, "compare the figures of two editions");
}

int store_supplier_totals(store *s, const char *edition, store_supplier_part_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT t.id, t.file, t.sheet, t.kind, t.label, e.code, t.line, t.col, t.value, p.year, a.code, w.code,"
			  " f.edition IS NOT NULL, f.persons IS NOT NULL, coalesce(f.persons, 0), coalesce(f.flag, '')"
			  " FROM supplier_total t JOIN supplier_total_part p ON p.total = t.id"
			  " JOIN edition e ON e.id = p.edition JOIN area a ON a.id = p.area JOIN work_form w ON w.id = p.work_form"
			  " LEFT JOIN figure f ON f.edition = p.edition AND f.year = p.year AND f.area = p.area"
			  " AND f.work_form = p.work_form"
			  " WHERE ?1 IS NULL OR e.code = ?1 ORDER BY t.id, p.year, a.code, w.code",
			  &st, err) < 0)
		return LERR_DB;
	if (edition)
		sqlite3_bind_text(st, 1, edition, -1, SQLITE_STATIC);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_supplier_part p = {
			sqlite3_column_int64(st, 0), (const char *)sqlite3_column_text(st, 1), (const char *)sqlite3_column_text(st, 2),
			(const char *)sqlite3_column_text(st, 3), (const char *)sqlite3_column_text(st, 4),
			(const char *)sqlite3_column_text(st, 5), (long)sqlite3_column_int64(st, 6), sqlite3_column_int(st, 7),
			sqlite3_column_double(st, 8), sqlite3_column_int(st, 9), (const char *)sqlite3_column_text(st, 10),
			(const char *)sqlite3_column_text(st, 11), sqlite3_column_int(st, 12), sqlite3_column_int(st, 13),
			sqlite3_column_double(st, 14), (const char *)sqlite3_column_text(st, 15)};
		cb(ctx, &p);
	}
	return store_finish(s, st, rc, err, "read the suppliers' totals");
}

int store_edition_only(store *s, int in, int not_in, int areas, store_id_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  areas ? "SELECT DISTINCT area FROM figure WHERE edition = ?1 EXCEPT"
				  " SELECT DISTINCT area FROM figure WHERE edition = ?2 ORDER BY 1"
				: "SELECT DISTINCT work_form FROM figure WHERE edition = ?1 EXCEPT"
				  " SELECT DISTINCT work_form FROM figure WHERE edition = ?2 ORDER BY 1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, in);
	sqlite3_bind_int(st, 2, not_in);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		cb(ctx, sqlite3_column_int(st, 0));
	return store_finish(s, st, rc, err, "compare what two editions hold figures of");
}

int store_carried_counts(store *s, int edition, long long *carried, long long *total, lerr *err)
{
	sqlite3_stmt *st;
	*carried = *total = 0;
	if (store_prepare(s, "SELECT coalesce(sum(carried), 0), count(*) FROM figure WHERE edition = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*carried = sqlite3_column_int64(st, 0);
		*total = sqlite3_column_int64(st, 1);
	}
	return store_finish(s, st, rc, err, "count the carried figures");
}
