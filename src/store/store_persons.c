/* store_persons.c - persons counted from episode files (schema v12): an
 * import's provenance, persons beside places per rung, and the flows
 * between rungs. Only aggregates: no person id reaches these tables. */
#include "store_impl.h"

/* Removes the edition's import of the date with its rows (the import runs
 * with foreign keys off, so nothing cascades). */
static int drop_import(store *s, int edition, const char *date, lerr *err)
{
	static const char *const sql[] = {
		"DELETE FROM person_rung WHERE import IN (SELECT id FROM person_import WHERE edition = ?1 AND date = ?2)",
		"DELETE FROM person_flow WHERE import IN (SELECT id FROM person_import WHERE edition = ?1 AND date = ?2)",
		"DELETE FROM person_import WHERE edition = ?1 AND date = ?2",
	};
	for (int i = 0; i < 3; i++) {
		sqlite3_stmt *st;
		if (store_prepare(s, sql[i], &st, err) < 0)
			return LERR_DB;
		sqlite3_bind_int(st, 1, edition);
		sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
		if (store_finish(s, st, sqlite3_step(st), err, "replace the persons of the date") < 0)
			return LERR_DB;
	}
	return 0;
}

static int insert_import(store *s, int edition, const store_person_import *p, const char *batch_file, int *id,
			 lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT INTO person_import (edition, date, date_from, file, sha256, precedence, batch, imported_at)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT max(id) FROM batch WHERE file = ?7),"
			  " strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING id",
			  &st, err) < 0)
		return LERR_DB;
	const char *text[] = {p->date, p->date_from, p->file, p->sha256, p->precedence, batch_file};
	sqlite3_bind_int(st, 1, edition);
	for (int i = 0; i < 6; i++)
		sqlite3_bind_text(st, i + 2, text[i], -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int(st, 0);
	return store_finish(s, st, rc == SQLITE_ROW ? sqlite3_step(st) : rc, err, "store the persons' provenance");
}

/* One row of rungs or flows: ?1 import, ?2 area code, ?3 ?4 ?5 numbers. */
static int insert_row(sqlite3_stmt *st, int id, const char *area, long long a, long long b, long long c)
{
	sqlite3_bind_int(st, 1, id);
	sqlite3_bind_text(st, 2, area, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, a);
	sqlite3_bind_int64(st, 4, b);
	sqlite3_bind_int64(st, 5, c);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc;
}

static const char rung_sql[] = "INSERT INTO person_rung (import, area, rung, persons, places)"
			       " VALUES (?1, (SELECT id FROM area WHERE code = ?2), ?3, ?4, ?5)";
static const char flow_sql[] = "INSERT INTO person_flow (import, area, rung_from, rung_to, persons)"
			       " VALUES (?1, (SELECT id FROM area WHERE code = ?2), ?3, ?4, ?5)";

int store_persons_save(store *s, const store_person_import *p, const char *batch_file, const store_person_rung *r,
		       int n_r, const store_person_flow *f, int n_f, lerr *err)
{
	int edition, id = 0;
	if (store_edition(s, p->edition_code, 1, &edition, err) < 0)
		return LERR_DB;
	if (drop_import(s, edition, p->date, err) < 0 || insert_import(s, edition, p, batch_file, &id, err) < 0)
		return LERR_DB;
	sqlite3_stmt *st;
	if (store_prepare(s, rung_sql, &st, err) < 0)
		return LERR_DB;
	int rc = SQLITE_DONE;
	for (int i = 0; i < n_r && rc == SQLITE_DONE; i++)
		rc = insert_row(st, id, r[i].area, r[i].rung, r[i].persons, r[i].places);
	if (store_finish(s, st, rc, err, "store persons and places per rung") < 0)
		return LERR_DB;
	if (store_prepare(s, flow_sql, &st, err) < 0)
		return LERR_DB;
	for (int i = 0; i < n_f && rc == SQLITE_DONE; i++)
		rc = insert_row(st, id, f[i].area, f[i].rung_from, f[i].rung_to, f[i].persons);
	return store_finish(s, st, rc, err, "store the flows between rungs");
}

int store_person_imports(store *s, int edition, store_person_import_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT p.id, p.edition, e.code, p.date, p.date_from, p.file, p.sha256, p.precedence"
			  " FROM person_import p JOIN edition e ON e.id = p.edition WHERE ?1 = 0 OR p.edition = ?1"
			  " ORDER BY " STORE_EDITION_ORDER(ASC) ", p.date",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_person_import p = {sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), store_col_text(st, 2),
					 store_col_text(st, 3), store_col_text(st, 4), store_col_text(st, 5),
					 store_col_text(st, 6), store_col_text(st, 7)};
		cb(ctx, &p);
	}
	return store_finish(s, st, rc, err, "read the persons' imports");
}

/* Rows of an import, ordered: the area code and three numbers, given to
 * rung_cb as a store_person_rung or to flow_cb as a store_person_flow. */
static int read_rows(store *s, const char *sql, int import, store_person_rung_cb rung_cb, store_person_flow_cb flow_cb,
		     void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, sql, &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, import);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *area = store_col_text(st, 0);
		int a = sqlite3_column_int(st, 1);
		long long b = sqlite3_column_int64(st, 2), n = sqlite3_column_int64(st, 3);
		if (rung_cb)
			rung_cb(ctx, &(store_person_rung){area, a, b, n});
		else
			flow_cb(ctx, &(store_person_flow){area, a, (int)b, n});
	}
	return store_finish(s, st, rc, err, "read the persons of an import");
}

int store_person_rungs(store *s, int import, store_person_rung_cb cb, void *ctx, lerr *err)
{
	return read_rows(s,
			 "SELECT a.code, r.rung, r.persons, r.places FROM person_rung r JOIN area a ON a.id = r.area"
			 " WHERE r.import = ?1 ORDER BY CAST(a.code AS INTEGER), a.code, r.rung",
			 import, cb, NULL, ctx, err);
}

int store_person_flows(store *s, int import, store_person_flow_cb cb, void *ctx, lerr *err)
{
	return read_rows(s,
			 "SELECT a.code, f.rung_from, f.rung_to, f.persons FROM person_flow f JOIN area a ON a.id = f.area"
			 " WHERE f.import = ?1 ORDER BY CAST(a.code AS INTEGER), a.code, f.rung_from, f.rung_to",
			 import, NULL, cb, ctx, err);
}
