/* store.c - SQLite store: open, migrate, transactions, model loading. */
#define _POSIX_C_SOURCE 200809L
#include "store_impl.h"
#include "../base/embed.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* How long a writer waits for another one (an import) before giving up. */
#define STORE_BUSY_MS 10000

sqlite3 *store_handle(store *s) { return s->db; }
const char *store_path(const store *s) { return s->path; }

/* SQLite reports a full disk as SQLITE_FULL, but a write that fails with
 * ENOSPC elsewhere (the WAL index, a truncate) as a plain I/O error. */
static int disk_full(store *s)
{
	return (sqlite3_errcode(s->db) & 0xff) == SQLITE_FULL || sqlite3_system_errno(s->db) == ENOSPC;
}

const char *store_errmsg(store *s)
{
	return disk_full(s) ? V(s->en, store_disk_full) : sqlite3_errmsg(s->db);
}

/* what names the step for a maintainer ("prepare", "add totals") and
 * SQLite's message stays as SQLite words it: both are searchable, so only
 * the frame is translated. */
int store_fail(store *s, lerr *err, const char *what)
{
	return lerr_set(err, LERR_DB, V(s->en, store_failed), s->path, what, store_errmsg(s));
}

const char *store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? (const char *)t : "";
}

int store_finish(store *s, sqlite3_stmt *st, int rc, lerr *err, const char *what)
{
	int bad = rc != SQLITE_DONE && rc != SQLITE_ROW;
	if (bad)
		store_fail(s, err, what);
	sqlite3_finalize(st);
	return bad ? LERR_DB : 0;
}

int store_finish_cached(store *s, sqlite3_stmt *st, int rc, lerr *err, const char *what)
{
	int bad = rc != SQLITE_DONE && rc != SQLITE_ROW;
	if (bad)
		store_fail(s, err, what);
	sqlite3_reset(st);
	return bad ? LERR_DB : 0;
}

int store_exec(store *s, const char *sql, lerr *err)
{
	char *msg = NULL;
	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		lerr_set(err, LERR_DB, "%s: %s", s->path, disk_full(s) ? V(s->en, store_disk_full) : msg ? msg : "error");
		sqlite3_free(msg);
		return LERR_DB;
	}
	return 0;
}

int store_prepare(store *s, const char *sql, sqlite3_stmt **st, lerr *err)
{
	if (sqlite3_prepare_v2(s->db, sql, -1, st, NULL) != SQLITE_OK)
		return store_fail(s, err, "prepare");
	return 0;
}

int store_cached(store *s, enum store_stmt slot, const char *sql, sqlite3_stmt **st, lerr *err)
{
	if (!s->cached[slot] && store_prepare(s, sql, &s->cached[slot], err) < 0)
		return LERR_DB;
	*st = s->cached[slot];
	return 0;
}

int store_begin(store *s, lerr *err)
{
	return store_exec(s, "BEGIN IMMEDIATE", err);
}

int store_commit(store *s, lerr *err)
{
	return store_exec(s, "COMMIT", err);
}

int store_read_begin(store *s, lerr *err)
{
	if (s->read_depth == 0 && sqlite3_get_autocommit(s->db) && store_exec(s, "BEGIN", err) < 0)
		return LERR_DB;
	s->read_depth++;
	return 0;
}

static void drop_memo(store *s)
{
	if (s->memo && s->free_memo)
		s->free_memo(s->memo);
	s->memo = NULL;
	s->free_memo = NULL;
}

void store_read_end(store *s)
{
	if (s->read_depth > 0 && --s->read_depth == 0) {
		drop_memo(s);
		if (!sqlite3_get_autocommit(s->db))
			sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	}
}

void *store_memo(store *s)
{
	return s->read_depth > 0 ? s->memo : NULL;
}

int store_set_memo(store *s, void *memo, void (*free_memo)(void *memo))
{
	if (s->read_depth == 0)
		return -1;
	drop_memo(s);
	s->memo = memo;
	s->free_memo = free_memo;
	return 0;
}

void store_rollback(store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

static int user_version(store *s, int *v, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "PRAGMA user_version", &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	*v = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	return store_finish(s, st, rc, err, "read the schema version");
}

int store_count(store *s, const char *table, int *n, lerr *err)
{
	char sql[128];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	sqlite3_stmt *st;
	if (store_prepare(s, sql, &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	return store_finish(s, st, rc, err, "count rows");
}

/* Another application's database is left exactly as it is: no WAL switch,
 * no tables. Ours have a user_version; a new file has no tables. */
static int refuse_foreign(store *s, lerr *err)
{
	int v, tables = 0;
	if (user_version(s, &v, err) < 0)
		return LERR_DB;
	if (v == 0 && store_count(s, "sqlite_master", &tables, err) < 0)
		return LERR_DB;
	if (v == 0 && tables)
		return lerr_set(err, LERR_DB, V(s->en, store_foreign_database), s->path);
	return 0;
}

/* Migrations: index i brings the schema from version i to i+1. */
static const char *const migrations[] = {"store/schema.sql", "store/migrate-2.sql", "store/migrate-3.sql",
					       "store/migrate-4.sql", "store/migrate-5.sql",
					       "store/migrate-6.sql", "store/migrate-7.sql", "store/migrate-8.sql",
					       "store/migrate-9.sql", "store/migrate-10.sql", "store/migrate-11.sql", "store/migrate-12.sql",
					       "store/migrate-13.sql", "store/migrate-14.sql", "store/migrate-15.sql"};

static int migrate(store *s, lerr *err)
{
	int v;
	if (user_version(s, &v, err) < 0)
		return LERR_DB;
	if (v > STORE_SCHEMA_VERSION)
		return lerr_set(err, LERR_DB, V(s->en, store_schema_newer), s->path, v, STORE_SCHEMA_VERSION);
	for (; v < STORE_SCHEMA_VERSION; v++) {
		const embed_file *f = embed_find(migrations[v]);
		if (!f)
			return lerr_set(err, LERR_DB, V(s->en, store_migration_missing), v + 1);
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (store_begin(s, err) < 0)
			return LERR_DB;
		if (store_exec(s, f->data, err) < 0 || store_exec(s, pragma, err) < 0) {
			store_rollback(s);
			return LERR_DB;
		}
		if (store_commit(s, err) < 0)
			return LERR_DB;
	}
	return 0;
}

/* "file:PATH?immutable=1" with PATH escaped for a URI. */
static char *immutable_uri(const char *path)
{
	buf b = BUF_INIT;
	buf_adds(&b, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p < 0x20 || *p >= 0x7f)
			buf_printf(&b, "%%%02X", *p);
		else
			buf_addc(&b, (char)*p);
	}
	buf_adds(&b, "?immutable=1");
	return buf_detach(&b);
}

static int open_db(store *s, const char *name, int flags, lerr *err)
{
	sqlite3_close(s->db);
	s->db = NULL;
	if (sqlite3_open_v2(name, &s->db, flags, NULL) != SQLITE_OK)
		return lerr_set(err, LERR_DB, V(s->en, store_cannot_open), s->path,
				s->db ? sqlite3_errmsg(s->db) : V(s->en, store_out_of_memory));
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	return 0;
}

/* SQLite opens the file at the first read, and only then knows whether it
 * may write it. A store we may not write (a published copy on a share, a
 * read-only mount) is read as it is: SQLite falls back to reading it, but a WAL store
 * cannot be read that way when its -shm file cannot be made beside it; then
 * it is opened immutable (no locks, no WAL index). Nothing is migrated and
 * nothing cached (store_readonly). */
static int open_readonly(store *s, lerr *err)
{
	int v;
	lerr probe;
	int readable = user_version(s, &v, &probe) == 0;
	if (readable ? sqlite3_db_readonly(s->db, "main") != 1 : (sqlite3_errcode(s->db) & 0xff) != SQLITE_READONLY)
		return 0; /* writable, or an error that reading cannot avoid: seen later */
	s->readonly = 1;
	if (readable)
		return 0;
	char *uri = immutable_uri(s->path);
	int rc = open_db(s, uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, err);
	free(uri);
	return rc;
}

/* One connection per thread (NOMUTEX): a handle is never shared. */
store *store_open(const char *path, int create, int english, lerr *err)
{
	if (!create && strcmp(path, ":memory:") != 0 && access(path, F_OK) != 0) {
		lerr_set(err, LERR_NOTFOUND, V(english, store_no_database), path, path);
		return NULL;
	}
	store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	s->en = english;
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (open_db(s, path, flags, err) < 0 || open_readonly(s, err) < 0 ||
	    refuse_foreign(s, err) < 0) {
		store_close(s);
		return NULL;
	}
	if (s->readonly) {
		int v;
		if (user_version(s, &v, err) < 0 || (v < STORE_SCHEMA_VERSION &&
		    lerr_set(err, LERR_DB, V(s->en, store_readonly_old_schema), path, v, STORE_SCHEMA_VERSION) < 0)) {
			store_close(s);
			return NULL;
		}
		if (v > STORE_SCHEMA_VERSION && migrate(s, err) < 0) { /* says: upgrade ladder */
			store_close(s);
			return NULL;
		}
		return s;
	}
	if (store_exec(s, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;", err) < 0 ||
	    migrate(s, err) < 0) {
		store_close(s);
		return NULL;
	}
	return s;
}

int store_readonly(const store *s) { return s->readonly; }
void store_set_english(store *s, int english) { s->en = english; }

int store_english(const store *s) { return s->en; }

void store_close(store *s)
{
	if (!s)
		return;
	drop_memo(s);
	for (int i = 0; i < STORE_STMT_N; i++)
		sqlite3_finalize(s->cached[i]);
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

int store_has_reference(store *s, int *has, lerr *err)
{
	sqlite3_stmt *st;
	*has = 0;
	if (store_prepare(s, "SELECT count(*) FROM rung", &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*has = sqlite3_column_int(st, 0) > 0;
	return store_finish(s, st, rc, err, "read the rungs");
}

#define col_text store_col_text

static int load_rungs(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT rung, name_nl, name_en, place, in_headline FROM rung", &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int r = sqlite3_column_int(st, 0);
		model_rung *g = &m->rungs[r];
		g->rung = r;
		g->name_nl = arena_strdup(&m->mem, col_text(st, 1));
		g->name_en = arena_strdup(&m->mem, col_text(st, 2));
		const char *p = col_text(st, 3);
		g->place = strcmp(p, "participation") == 0 ? PLACE_PARTICIPATION
			   : strcmp(p, "employment") == 0  ? PLACE_EMPLOYMENT
							   : PLACE_NONE;
		g->in_headline = sqlite3_column_int(st, 4);
	}
	return store_finish(s, st, rc, err, "read the rungs");
}

static enum model_kind kind_of(const char *k)
{
	return strcmp(k, "headline") == 0 ? KIND_HEADLINE
	       : strcmp(k, "rung") == 0   ? KIND_RUNG
	       : strcmp(k, "subcategory") == 0 ? KIND_SUBCATEGORY
					       : KIND_FORM;
}

/* Row ids become indexes through this map while loading. */
static int index_of_id(const int *ids, int n, int id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return i;
	return -1;
}

static int load_nodes(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT id, code, kind, name_nl, name_en, abbr, coalesce(rung, 0), subcategory,"
			  " coalesce(parent, 0), source, counting_rule, valid_from, valid_to, successors,"
			  " in_headline, note, unit, programme, transition FROM work_form ORDER BY coalesce(rung, 0), seq, id",
			  &st, err) < 0)
		return LERR_DB;
	int cap = 0;
	if (store_count(s, "work_form", &cap, err) < 0) {
		sqlite3_finalize(st);
		return LERR_DB;
	}
	int *parent_ids = xmalloc(sizeof(int) * (size_t)(cap + 1));
	int *ids = xmalloc(sizeof(int) * (size_t)(cap + 1));
	int first = m->n_nodes, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		model_node n = {0};
		n.id = sqlite3_column_int(st, 0);
		n.code = col_text(st, 1);
		n.kind = kind_of(col_text(st, 2));
		n.name_nl = col_text(st, 3);
		n.name_en = col_text(st, 4);
		n.abbr = col_text(st, 5);
		n.rung = sqlite3_column_int(st, 6);
		n.subcategory = col_text(st, 7);
		n.source = col_text(st, 9);
		n.counting_rule = col_text(st, 10);
		n.valid_from = col_text(st, 11);
		n.valid_to = col_text(st, 12);
		n.successors = col_text(st, 13);
		n.in_headline = sqlite3_column_int(st, 14);
		n.note = col_text(st, 15);
		model_form_unit_parse(col_text(st, 16), &n.unit); /* the schema's CHECK allows no other */
		n.programme = col_text(st, 17);
		n.transition = col_text(st, 18);
		n.parent = -1;
		int i = model_add_node(m, &n);
		ids[i - first] = n.id;
		parent_ids[i - first] = sqlite3_column_int(st, 8);
	}
	if (store_finish(s, st, rc, err, "read the work forms") < 0) {
		free(parent_ids);
		free(ids);
		return LERR_DB;
	}
	int count = m->n_nodes - first;
	for (int i = 0; i < count; i++)
		m->nodes[first + i].parent =
			parent_ids[i] ? first + index_of_id(ids, count, parent_ids[i]) : -1;
	free(parent_ids);
	free(ids);
	return 0;
}

static int load_areas(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT a.id, a.code, a.name_nl, a.name_en, a.level, coalesce(p.code, ''),"
			  " a.valid_from, a.valid_to FROM area a LEFT JOIN area p ON p.id = a.parent"
			  " ORDER BY CASE a.level WHEN 'region' THEN 0 WHEN 'province' THEN 1"
			  " WHEN 'arrondissement' THEN 2 WHEN 'municipality' THEN 3 ELSE 4 END, a.code",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		model_area a = {0};
		a.id = sqlite3_column_int(st, 0);
		a.code = col_text(st, 1);
		a.name_nl = col_text(st, 2);
		a.name_en = col_text(st, 3);
		model_level_parse(col_text(st, 4), &a.level);
		/* parents sort before children, so the parent is already loaded */
		a.parent = *col_text(st, 5) ? model_area_index(m, col_text(st, 5)) : -1;
		a.valid_from = col_text(st, 6);
		a.valid_to = col_text(st, 7);
		model_add_area(m, &a);
	}
	return store_finish(s, st, rc, err, "read the areas");
}

static int load_members(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT g.code, a.code FROM area_member am JOIN area g ON g.id = am.grp"
			  " JOIN area a ON a.id = am.member ORDER BY g.code, a.code",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		model_add_member(m, model_area_index(m, col_text(st, 0)), model_area_index(m, col_text(st, 1)));
	return store_finish(s, st, rc, err, "read the members");
}

/* In date order: model_area_version takes each date once. */
static int load_successions(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT f.code, t.code, x.effective, x.share FROM area_succession x JOIN area f ON f.id = x.from_area"
			  " JOIN area t ON t.id = x.to_area ORDER BY x.effective, f.code, t.code",
			  &st, err) < 0)
		return LERR_DB;
	while (sqlite3_step(st) == SQLITE_ROW) {
		model_succession x = {model_area_index(m, col_text(st, 0)), model_area_index(m, col_text(st, 1)),
				      col_text(st, 2), sqlite3_column_double(st, 3)};
		model_add_succession(m, &x);
	}
	sqlite3_finalize(st);
	return 0;
}

/* The lineage of work forms, by date (the report's chapter reads it in
 * that order). */
static int load_lineage(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT f.code, t.code, l.kind, l.date, l.note_nl, l.note_en FROM work_form_lineage l"
			  " JOIN work_form f ON f.id = l.from_form JOIN work_form t ON t.id = l.to_form"
			  " ORDER BY l.date, f.code, t.code",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		model_lineage l = {model_node_index(m, col_text(st, 0)), model_node_index(m, col_text(st, 1)),
				   LINEAGE_RENAMED, col_text(st, 3), col_text(st, 4), col_text(st, 5)};
		if (model_lineage_kind_parse(col_text(st, 2), &l.kind) == 0 && l.from >= 0 && l.to >= 0)
			model_add_lineage(m, &l);
	}
	return store_finish(s, st, rc, err, "read the lineage of the work forms");
}

/* The map a model starts on: that of the latest year with figures (a
 * series is shown on the map of its latest year), else today's. */
static int default_map_year(store *s, int *year, lerr *err)
{
	sqlite3_stmt *st;
	*year = 0;
	if (store_prepare(s, "SELECT max(year) FROM coverage WHERE kind = 'figure'", &st, err) < 0)
		return LERR_DB;
	if (sqlite3_step(st) == SQLITE_ROW)
		*year = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return 0;
}

static int load_indicators(store *s, model *m, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT id, code, name_nl, name_en, unit, definition FROM indicator ORDER BY code",
			  &st, err) < 0)
		return LERR_DB;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		model_indicator d = {0};
		d.id = sqlite3_column_int(st, 0);
		d.code = col_text(st, 1);
		d.name_nl = col_text(st, 2);
		d.name_en = col_text(st, 3);
		model_unit_parse(col_text(st, 4), &d.unit);
		d.definition = col_text(st, 5);
		model_add_indicator(m, &d);
	}
	return store_finish(s, st, rc, err, "read the indicators");
}

model *store_load_model(store *s, lerr *err)
{
	int nn, na, ni;
	if (store_count(s, "work_form", &nn, err) < 0 || store_count(s, "area", &na, err) < 0 ||
	    store_count(s, "indicator", &ni, err) < 0)
		return NULL;
	model *m = model_new();
	model_reserve(m, nn, na, ni);
	if (load_rungs(s, m, err) < 0 || load_nodes(s, m, err) < 0 || load_areas(s, m, err) < 0 ||
	    load_successions(s, m, err) < 0 || load_lineage(s, m, err) < 0 || load_indicators(s, m, err) < 0 || default_map_year(s, &m->map_year, err) < 0) {
		model_free(m);
		return NULL;
	}
	model_link(m);
	if (load_members(s, m, err) < 0) {
		model_free(m);
		return NULL;
	}
	model_link_groupings(m);
	return m;
}

int store_edition(store *s, const char *code, int create, int *id, lerr *err)
{
	sqlite3_stmt *st;
	*id = 0;
	if (store_prepare(s, "SELECT id FROM edition WHERE code = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int(st, 0);
	if (store_finish(s, st, rc, err, "read an edition") < 0)
		return LERR_DB;
	if (*id || !create)
		return 0;
	if (store_prepare(s, "INSERT INTO edition (code) VALUES (?)", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "add edition");
	*id = (int)sqlite3_last_insert_rowid(s->db);
	return 0;
}

int store_latest_edition(store *s, const char *kind, int year, int *id, char code[64], lerr *err)
{
	sqlite3_stmt *st;
	*id = 0;
	if (code)
		code[0] = '\0';
	if (store_prepare(s,
			  "SELECT e.id, e.code FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = ? AND c.year = ?"
			  " ORDER BY " STORE_EDITION_ORDER(DESC) " LIMIT 1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int(st, 0);
		if (code)
			snprintf(code, 64, "%s", col_text(st, 1));
	}
	return store_finish(s, st, rc, err, "read the latest edition");
}

int store_edition_code(store *s, int id, char code[64], lerr *err)
{
	sqlite3_stmt *st;
	code[0] = '\0';
	if (store_prepare(s, "SELECT code FROM edition WHERE id = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(code, 64, "%s", col_text(st, 0));
	return store_finish(s, st, rc, err, "read an edition");
}

int store_setting_get(store *s, const char *key, char *out, size_t size, int *found, lerr *err)
{
	sqlite3_stmt *st;
	*found = 0;
	if (size)
		out[0] = '\0';
	if (store_prepare(s, "SELECT value FROM setting WHERE key = ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*found = 1;
		snprintf(out, size, "%s", col_text(st, 0));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, err, "read setting");
	return 0;
}

int store_setting_set(store *s, const char *key, const char *value, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  value ? "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2"
				: "DELETE FROM setting WHERE key = ?1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (value)
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "write setting");
	return 0;
}

int store_previous_edition(store *s, const char *kind, int year, int edition, int *prev, lerr *err)
{
	sqlite3_stmt *st;
	*prev = 0;
	if (store_prepare(s,
			  "SELECT e.id FROM coverage c JOIN edition e ON e.id = c.edition"
			  " WHERE c.kind = ? AND c.year = ?"
			  " ORDER BY " STORE_EDITION_ORDER(DESC),
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, year);
	int seen = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);
		if (seen) {
			*prev = id;
			break;
		}
		seen = id == edition;
	}
	return store_finish(s, st, rc, err, "read the previous edition");
}

/* Runs a cache write without waiting for a writer that holds the store (an
 * import): a reader's show must not stall for it, the write is only a
 * saving for the next reader. */
static int step_no_wait(store *s, sqlite3_stmt *st)
{
	sqlite3_busy_timeout(s->db, 0);
	int rc = sqlite3_step(st);
	sqlite3_busy_timeout(s->db, STORE_BUSY_MS);
	return rc;
}

int store_pattern_get(store *s, int edition, int year, const char *fingerprint, unsigned char *out, size_t n, int *found,
		      lerr *err)
{
	sqlite3_stmt *st;
	*found = 0;
	if (store_prepare(s, "SELECT states FROM disclosure_pattern WHERE edition = ? AND year = ? AND fingerprint = ?", &st,
			  err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, fingerprint, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (size_t)sqlite3_column_bytes(st, 0) == n) {
		if (n)
			memcpy(out, sqlite3_column_blob(st, 0), n);
		*found = 1;
	}
	return store_finish(s, st, rc, err, "read the stored suppression pattern");
}

int store_pattern_put(store *s, int edition, int year, const char *fingerprint, const unsigned char *states, size_t n,
		      lerr *err)
{
	sqlite3_stmt *st;
	if (s->readonly)
		return 0;
	if (store_prepare(s,
			  "INSERT INTO disclosure_pattern (edition, year, fingerprint, states) VALUES (?, ?, ?, ?)"
			  " ON CONFLICT (edition, year) DO UPDATE SET fingerprint = excluded.fingerprint, states = excluded.states",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, fingerprint, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, n ? (const void *)states : (const void *)"", (int)n, SQLITE_STATIC);
	int rc = step_no_wait(s, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "store the suppression pattern");
	return 0;
}

int store_generation(store *s, long long *gen, lerr *err)
{
	sqlite3_stmt *st;
	*gen = 0;
	/* asked on every request of the server (its cache hits): prepared once */
	if (store_cached(s, STORE_STMT_GENERATION, "SELECT value FROM generation WHERE id = 1", &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*gen = sqlite3_column_int64(st, 0);
	else
		store_fail(s, err, "read the generation");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : LERR_DB;
}

int store_reference_generation(store *s, long long *gen, lerr *err)
{
	sqlite3_stmt *st;
	*gen = 0;
	/* asked with the generation on every request of the server */
	if (store_cached(s, STORE_STMT_REFERENCE_GENERATION, "SELECT value FROM reference_generation WHERE id = 1", &st,
			 err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*gen = sqlite3_column_int64(st, 0);
	else
		store_fail(s, err, "read the reference generation");
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? 0 : LERR_DB;
}

int store_grid_stamp(store *s, int edition, int year, int with_previous, buf *out, lerr *err)
{
	sqlite3_stmt *st;
	buf_reset(out);
	if (store_prepare(s, "SELECT value FROM reference_generation WHERE id = 1", &st, err) < 0)
		return LERR_DB;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		buf_printf(out, "r%lld", (long long)sqlite3_column_int64(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, err, "read the reference generation");
	/* the pair itself first, then the editions before it, newest first */
	if (store_prepare(s,
			  "SELECT e.id, coalesce(g.value, 0) FROM edition e"
			  " LEFT JOIN figure_generation g ON g.edition = e.id AND g.year = ?1"
			  " WHERE e.id = ?2 OR (?3 AND EXISTS (SELECT 1 FROM coverage c"
			  " WHERE c.kind = 'figure' AND c.year = ?1 AND c.edition = e.id))"
			  " ORDER BY " STORE_EDITION_ORDER(DESC),
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_int(st, 2, edition);
	sqlite3_bind_int(st, 3, with_previous != 0);
	int seen = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int id = sqlite3_column_int(st, 0);
		seen |= id == edition;
		if (seen) /* later editions do not count */
			buf_printf(out, " %d:%lld", id, (long long)sqlite3_column_int64(st, 1));
	}
	return store_finish(s, st, rc, err, "read the figure generations");
}

/* The cached grid of the key: *has whether there is one, and when grid is
 * not NULL its blob (caller frees). */
static int grid_cache_lookup(store *s, int edition, int year, const char *stamp, const char *opts, int *has,
			     void **grid, size_t *len, lerr *err)
{
	sqlite3_stmt *st;
	*has = 0;
	/* without grid, the blob (tens of KB) is not read at all */
	const char *sql = grid ? "SELECT grid FROM grid_cache WHERE edition = ? AND year = ? AND stamp = ? AND opts = ?"
			       : "SELECT 1 FROM grid_cache WHERE edition = ? AND year = ? AND stamp = ? AND opts = ?";
	if (store_prepare(s, sql, &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, stamp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, opts, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	*has = rc == SQLITE_ROW;
	if (*has && grid) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*grid = xmalloc(*len + 1);
		if (*len)
			memcpy(*grid, sqlite3_column_blob(st, 0), *len);
	}
	return store_finish(s, st, rc, err, "read the grid cache");
}

int store_grid_cache_get(store *s, int edition, int year, const char *stamp, const char *opts, void **grid, size_t *len,
			 lerr *err)
{
	int has;
	*grid = NULL;
	*len = 0;
	return grid_cache_lookup(s, edition, year, stamp, opts, &has, grid, len, err);
}

int store_grid_cache_has(store *s, int edition, int year, const char *stamp, const char *opts, int *has, lerr *err)
{
	return grid_cache_lookup(s, edition, year, stamp, opts, has, NULL, NULL, err);
}

int store_grid_cache_put(store *s, int edition, int year, const char *stamp, const char *opts, const void *grid,
			 size_t len, lerr *err)
{
	sqlite3_stmt *st;
	if (s->readonly)
		return 0;
	/* the pair's grids of another stamp are stale: never read again */
	if (store_prepare(s, "DELETE FROM grid_cache WHERE edition = ? AND year = ? AND stamp <> ?", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, stamp, -1, SQLITE_STATIC);
	int rc = step_no_wait(s, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "store the grid cache");
	if (store_prepare(s,
			  "INSERT INTO grid_cache (edition, year, stamp, opts, grid) VALUES (?, ?, ?, ?, ?)"
			  " ON CONFLICT (edition, year, opts) DO UPDATE SET stamp = excluded.stamp, grid = excluded.grid",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, stamp, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, opts, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 5, len ? grid : (const void *)"", (int)len, SQLITE_STATIC);
	rc = step_no_wait(s, st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, err, "store the grid cache");
	return 0;
}
