/* store_survey.c - the providers' survey: invites by token hash, the form's
 * rows, answers saved as versions, rounds and the register (schema v8).
 * See store.h (store_survey_*) and migrate-8.sql. */
#define _POSIX_C_SOURCE 200809L
#include "store_impl.h"
#include "../base/crypt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* today, or the current UTC date, as YYYY-MM-DD into out */
static const char *day_or_today(const char *today, char out[16])
{
	if (today && *today)
		return today;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
	return out;
}

static void copy_text(char *out, size_t cap, sqlite3_stmt *st, int i)
{
	snprintf(out, cap, "%s", store_col_text(st, i));
}

static int round_open(const char *closes, const char *closed_at, const char *today)
{
	return !*closed_at && (!*closes || strcmp(today, closes) <= 0);
}

int store_survey_invite(store *s, const unsigned char hash[32], const char *today, store_invite *inv, int *found,
			lerr *err)
{
	sqlite3_stmt *st;
	*found = 0;
	memset(inv, 0, sizeof *inv);
	if (store_prepare(s,
			  "SELECT i.id, i.round, i.provider, r.year, r.edition, r.closes, r.closed_at, p.code, p.name, i.opened_at,"
			  " i.token_hash, coalesce(cur.version, 0), coalesce(cur.kind, '')"
			  " FROM survey_invite i JOIN survey_round r ON r.id = i.round JOIN provider p ON p.id = i.provider"
			  " LEFT JOIN survey_submission cur ON cur.invite = i.id"
			  "  AND cur.version = (SELECT max(version) FROM survey_submission WHERE invite = i.id)"
			  " WHERE i.token_hash = ?1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 10) == 32 && crypt_equal(sqlite3_column_blob(st, 10), hash, 32)) {
		*found = 1;
		inv->invite = sqlite3_column_int(st, 0);
		inv->round = sqlite3_column_int(st, 1);
		inv->provider = sqlite3_column_int(st, 2);
		inv->year = sqlite3_column_int(st, 3);
		copy_text(inv->edition, sizeof inv->edition, st, 4);
		copy_text(inv->closes, sizeof inv->closes, st, 5);
		copy_text(inv->closed_at, sizeof inv->closed_at, st, 6);
		copy_text(inv->provider_code, sizeof inv->provider_code, st, 7);
		copy_text(inv->provider_name, sizeof inv->provider_name, st, 8);
		copy_text(inv->opened_at, sizeof inv->opened_at, st, 9);
		inv->version = sqlite3_column_int(st, 11);
		copy_text(inv->kind, sizeof inv->kind, st, 12);
		char day[16];
		inv->open = round_open(inv->closes, inv->closed_at, day_or_today(today, day));
	}
	return store_finish(s, st, rc, err, "look up an invite");
}

static int exec_int(store *s, const char *sql, int a, int b, const char *what, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, sql, &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, a);
	sqlite3_bind_int(st, 2, b);
	return store_finish(s, st, sqlite3_step(st), err, what);
}

int store_survey_opened(store *s, int invite, lerr *err)
{
	return exec_int(s, "UPDATE survey_invite SET opened_at = " NOW_SQL " WHERE id = ?1 AND opened_at = ''", invite, 0,
			"opened_at", err);
}

/* The form's rows (see store.h). ?1 invite, ?2 version (0: the latest).
 * Sites open on some day of the year before or the round's year (a site
 * closed last year is shown, to say so). Last year's figure: the final
 * answer of the latest round of the year before, else the figure of the
 * municipality in the latest edition of that year when the site was its
 * only one running the work form then. */
static const char rows_sql[] =
	"WITH inv AS (SELECT i.id, i.provider, r.id AS round, r.year,"
	"   printf('%04d-01-01', r.year) AS y0, printf('%04d-12-31', r.year) AS y1,"
	"   printf('%04d-01-01', r.year - 1) AS p0, printf('%04d-12-31', r.year - 1) AS p1"
	"   FROM survey_invite i JOIN survey_round r ON r.id = i.round WHERE i.id = ?1),"
	" ver AS (SELECT s.id FROM survey_submission s, inv WHERE s.invite = inv.id AND (?2 = 0 OR s.version = ?2)"
	"   ORDER BY s.version DESC LIMIT 1),"
	" prev_sub AS (SELECT s.id FROM survey_submission s JOIN survey_invite i2 ON i2.id = s.invite"
	"   JOIN survey_round r2 ON r2.id = i2.round, inv"
	"   WHERE r2.year = inv.year - 1 AND i2.provider = inv.provider AND s.kind = 'final'"
	"   ORDER BY CAST(r2.edition AS INTEGER) DESC, r2.edition DESC, s.version DESC LIMIT 1),"
	" prev_ed AS (SELECT c.edition FROM coverage c JOIN edition e ON e.id = c.edition, inv"
	"   WHERE c.kind = 'figure' AND c.year = inv.year - 1 ORDER BY " STORE_EDITION_ORDER(DESC) " LIMIT 1)"
	" SELECT st.id, wf.id, st.area, st.code, st.name, a.code, a.name_nl, wf.code, wf.name_nl, wf.name_en, st.valid_from, st.valid_to,"
	"  (st.valid_from = '' OR st.valid_from <= inv.y1) AND (st.valid_to = '' OR st.valid_to >= inv.y0),"
	"  pv.persons_year,"
	"  CASE WHEN (SELECT count(*) FROM site s2 JOIN site_work_form w2 ON w2.site = s2.id"
	"     WHERE s2.area = st.area AND w2.work_form = wf.id"
	"     AND (s2.valid_from = '' OR s2.valid_from <= inv.p1) AND (s2.valid_to = '' OR s2.valid_to >= inv.p0)) = 1"
	"   THEN (SELECT f.persons FROM figure f WHERE f.edition = (SELECT edition FROM prev_ed) AND f.year = inv.year - 1"
	"     AND f.area = st.area AND f.work_form = wf.id) END,"
	"  cv.persons_year, cv.persons_ref, coalesce(cv.comment, '')"
	" FROM inv JOIN site st ON st.provider = inv.provider"
	" JOIN site_work_form sw ON sw.site = st.id"
	" JOIN survey_round_work_form rw ON rw.round = inv.round AND rw.work_form = sw.work_form"
	" JOIN work_form wf ON wf.id = sw.work_form JOIN area a ON a.id = st.area"
	" LEFT JOIN survey_value pv ON pv.submission = (SELECT id FROM prev_sub) AND pv.site = st.id AND pv.work_form = wf.id"
	" LEFT JOIN survey_value cv ON cv.submission = (SELECT id FROM ver) AND cv.site = st.id AND cv.work_form = wf.id"
	" WHERE (st.valid_from = '' OR st.valid_from <= inv.y1) AND (st.valid_to = '' OR st.valid_to >= inv.p0)"
	" ORDER BY st.code, wf.code";

int store_survey_rows(store *s, int invite, int version, store_survey_row_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, rows_sql, &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, invite);
	sqlite3_bind_int(st, 2, version);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_survey_row r = {0};
		r.site = sqlite3_column_int(st, 0);
		r.work_form = sqlite3_column_int(st, 1);
		r.area = sqlite3_column_int(st, 2);
		r.site_code = store_col_text(st, 3);
		r.site_name = store_col_text(st, 4);
		r.area_code = store_col_text(st, 5);
		r.area_name = store_col_text(st, 6);
		r.form_code = store_col_text(st, 7);
		r.form_name_nl = store_col_text(st, 8);
		r.form_name_en = store_col_text(st, 9);
		r.site_from = store_col_text(st, 10);
		r.site_to = store_col_text(st, 11);
		r.site_open = sqlite3_column_int(st, 12);
		r.last_source = "";
		if (sqlite3_column_type(st, 13) != SQLITE_NULL) {
			r.has_last = 1, r.last = sqlite3_column_int64(st, 13), r.last_source = "answer";
		} else if (sqlite3_column_type(st, 14) != SQLITE_NULL) {
			r.has_last = 1, r.last = sqlite3_column_int64(st, 14), r.last_source = "figure";
		}
		r.has_year = sqlite3_column_type(st, 15) != SQLITE_NULL;
		r.persons_year = sqlite3_column_int64(st, 15);
		r.has_ref = sqlite3_column_type(st, 16) != SQLITE_NULL;
		r.persons_ref = sqlite3_column_int64(st, 16);
		r.comment = store_col_text(st, 17);
		cb(ctx, &r);
	}
	return store_finish(s, st, rc, err, "read the survey form");
}

/* ------------------------------------------------------------- saving */

/* Inside the transaction: is the invite's round still taking answers of
 * channel; its latest version. */
static int save_checks(store *s, int invite, const char *channel, const char *today, int *latest, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT r.closes, r.closed_at, (SELECT coalesce(max(version), 0) FROM survey_submission WHERE invite = i.id)"
			  " FROM survey_invite i JOIN survey_round r ON r.id = i.round WHERE i.id = ?1",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, invite);
	int rc = sqlite3_step(st), bad = 0;
	if (rc == SQLITE_ROW) {
		char day[16];
		const char *closes = store_col_text(st, 0), *closed_at = store_col_text(st, 1);
		*latest = sqlite3_column_int(st, 2);
		if (*closed_at)
			bad = lerr_set(err, LERR_CONFLICT, V(s->en, store_round_was_closed), closed_at);
		else if (strcmp(channel, "web") == 0 && !round_open(closes, closed_at, day_or_today(today, day)))
			bad = lerr_set(err, LERR_CONFLICT, V(s->en, store_round_closed), closes);
	} else if (rc == SQLITE_DONE)
		bad = lerr_set(err, LERR_NOTFOUND, V(s->en, store_no_invite), invite);
	if (store_finish(s, st, rc, err, "check an invite") < 0)
		return LERR_DB;
	return bad;
}

static int insert_values(store *s, int invite, long long sub, const store_survey_value *v, int n, lerr *err)
{
	sqlite3_stmt *chk, *ins;
	if (store_prepare(s,
			  "SELECT 1 FROM survey_invite i JOIN site st ON st.provider = i.provider AND st.id = ?2"
			  " JOIN site_work_form sw ON sw.site = st.id AND sw.work_form = ?3"
			  " JOIN survey_round_work_form rw ON rw.round = i.round AND rw.work_form = sw.work_form WHERE i.id = ?1",
			  &chk, err) < 0)
		return LERR_DB;
	if (store_prepare(s,
			  "INSERT INTO survey_value (submission, site, work_form, persons_year, persons_ref, comment)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			  &ins, err) < 0) {
		sqlite3_finalize(chk);
		return LERR_DB;
	}
	int rc = 0;
	for (int k = 0; k < n && rc == 0; k++) {
		sqlite3_bind_int(chk, 1, invite);
		sqlite3_bind_int(chk, 2, v[k].site);
		sqlite3_bind_int(chk, 3, v[k].work_form);
		int step = sqlite3_step(chk);
		sqlite3_reset(chk);
		if (step != SQLITE_ROW) {
			rc = step == SQLITE_DONE ? lerr_set(err, LERR_PARSE, V(s->en, store_value_not_on_form), v[k].site,
							    v[k].work_form)
						 : store_fail(s, err, "check a value");
			break;
		}
		if ((v[k].has_year && v[k].persons_year < 0) || (v[k].has_ref && v[k].persons_ref < 0)) {
			rc = lerr_set(err, LERR_PARSE, V(s->en, store_value_negative));
			break;
		}
		sqlite3_bind_int64(ins, 1, sub);
		sqlite3_bind_int(ins, 2, v[k].site);
		sqlite3_bind_int(ins, 3, v[k].work_form);
		if (v[k].has_year)
			sqlite3_bind_int64(ins, 4, v[k].persons_year);
		else
			sqlite3_bind_null(ins, 4);
		if (v[k].has_ref)
			sqlite3_bind_int64(ins, 5, v[k].persons_ref);
		else
			sqlite3_bind_null(ins, 5);
		sqlite3_bind_text(ins, 6, v[k].comment ? v[k].comment : "", -1, SQLITE_TRANSIENT);
		step = sqlite3_step(ins);
		sqlite3_reset(ins);
		if (step != SQLITE_DONE)
			rc = (sqlite3_errcode(store_handle(s)) & 0xff) == SQLITE_CONSTRAINT
				     ? lerr_set(err, LERR_PARSE, V(s->en, store_value_twice), v[k].site, v[k].work_form)
				     : store_fail(s, err, "save a value");
	}
	sqlite3_finalize(chk);
	sqlite3_finalize(ins);
	return rc;
}

static int save_version(store *s, int invite, const char *kind, const char *channel, int based_on, const char *comment,
			const store_survey_value *v, int n, const char *today, store_survey_saved *out, lerr *err)
{
	int latest = 0, rc;
	if ((rc = save_checks(s, invite, channel, today, &latest, err)) < 0)
		return rc;
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT INTO survey_submission (invite, version, kind, channel, submitted_at, comment)"
			  " VALUES (?1, ?2, ?3, ?4, " NOW_SQL ", ?5) RETURNING id, submitted_at",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, invite);
	sqlite3_bind_int(st, 2, latest + 1);
	sqlite3_bind_text(st, 3, kind, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 4, channel, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 5, comment ? comment : "", -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	long long sub = 0;
	if (rc == SQLITE_ROW) {
		sub = sqlite3_column_int64(st, 0);
		copy_text(out->submitted_at, sizeof out->submitted_at, st, 1);
		rc = sqlite3_step(st);
	}
	if (store_finish(s, st, rc, err, "save an answer") < 0)
		return LERR_DB;
	out->version = latest + 1;
	out->newer = latest > based_on;
	return insert_values(s, invite, sub, v, n, err);
}

int store_survey_save(store *s, int invite, const char *kind, const char *channel, int based_on, const char *comment,
		      const store_survey_value *v, int n, const char *today, store_survey_saved *out, lerr *err)
{
	memset(out, 0, sizeof *out);
	if (strcmp(kind, "draft") && strcmp(kind, "final"))
		return lerr_set(err, LERR_PARSE, V(s->en, store_bad_kind), kind);
	if (strcmp(channel, "web") && strcmp(channel, "spreadsheet"))
		return lerr_set(err, LERR_PARSE, V(s->en, store_bad_channel), channel);
	if (!sqlite3_get_autocommit(s->db)) /* the caller's transaction (survey import) */
		return save_version(s, invite, kind, channel, based_on, comment, v, n, today, out, err);
	/* an acknowledged answer must survive a power cut too, not only a crash */
	if (store_exec(s, "PRAGMA synchronous = FULL", err) < 0)
		return LERR_DB;
	int rc = store_begin(s, err);
	if (rc == 0)
		rc = save_version(s, invite, kind, channel, based_on, comment, v, n, today, out, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0) {
		store_rollback(s);
		memset(out, 0, sizeof *out);
	}
	sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL); /* as store_open set it */
	return rc;
}

/* ----------------------------------------------------- administration */

int store_providers(store *s, const char *code, store_provider_cb cb, void *ctx, int *n, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT p.id, p.code, p.name, p.contact, p.enterprise_number,"
			  " (SELECT count(*) FROM site WHERE provider = p.id)"
			  " FROM provider p WHERE ?1 IS NULL OR p.code = ?1 ORDER BY p.code",
			  &st, err) < 0)
		return LERR_DB;
	if (code)
		sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	int rc;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_provider p = {sqlite3_column_int(st, 0), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
				    store_col_text(st, 4), sqlite3_column_int(st, 5)};
		(*n)++;
		cb(ctx, &p);
	}
	return store_finish(s, st, rc, err, "list providers");
}

int store_provider_sites(store *s, int provider, store_site_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT st.code, st.name, a.code, a.name_nl, coalesce(wf.code, ''), st.valid_from, st.valid_to"
			  " FROM site st JOIN area a ON a.id = st.area LEFT JOIN site_work_form sw ON sw.site = st.id"
			  " LEFT JOIN work_form wf ON wf.id = sw.work_form WHERE st.provider = ?1 ORDER BY st.code, wf.code",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, provider);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_site r = {store_col_text(st, 0), store_col_text(st, 1), store_col_text(st, 2), store_col_text(st, 3),
				store_col_text(st, 4), store_col_text(st, 5), store_col_text(st, 6)};
		cb(ctx, &r);
	}
	return store_finish(s, st, rc, err, "list sites");
}

static int open_round(store *s, int year, const char *edition, const int *forms, int n, const char *closes, int *round,
		      int *invited, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT INTO survey_round (year, edition, opened_at, closes) VALUES (?1, ?2, " NOW_SQL ", ?3)"
			  " ON CONFLICT (year, edition) DO NOTHING RETURNING id",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, year);
	sqlite3_bind_text(st, 2, edition, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 3, closes ? closes : "", -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	*round = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	if (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	if (store_finish(s, st, rc, err, "open a round") < 0)
		return LERR_DB;
	if (!*round)
		return lerr_set(err, LERR_CONFLICT, V(s->en, store_round_exists), year, edition);
	for (int i = 0; i < n; i++)
		if (exec_int(s, "INSERT OR IGNORE INTO survey_round_work_form (round, work_form) VALUES (?1, ?2)", *round, forms[i],
			     "survey_round_work_form", err) < 0)
			return LERR_DB;
	if (exec_int(s,
		     "INSERT INTO survey_invite (round, provider)"
		     " SELECT DISTINCT ?1, st.provider FROM site st JOIN site_work_form sw ON sw.site = st.id"
		     " JOIN survey_round_work_form rw ON rw.round = ?1 AND rw.work_form = sw.work_form"
		     " WHERE (st.valid_from = '' OR st.valid_from <= printf('%04d-12-31', ?2))"
		     " AND (st.valid_to = '' OR st.valid_to >= printf('%04d-01-01', ?2))",
		     *round, year, "survey_invite", err) < 0)
		return LERR_DB;
	*invited = sqlite3_changes(s->db);
	return 0;
}

int store_survey_open(store *s, int year, const char *edition, const int *forms, int n, const char *closes, int *round,
		      int *invited, lerr *err)
{
	*round = *invited = 0;
	if (store_begin(s, err) < 0)
		return LERR_DB;
	int rc = open_round(s, year, edition, forms, n, closes, round, invited, err);
	if (rc == 0)
		rc = store_commit(s, err);
	if (rc < 0) {
		store_rollback(s);
		*round = *invited = 0;
	}
	return rc;
}

int store_survey_round(store *s, int year, const char *edition, int *round, int *many, lerr *err)
{
	sqlite3_stmt *st;
	*round = *many = 0;
	if (store_prepare(s,
			  "SELECT id FROM survey_round WHERE (?1 = 0 OR year = ?1) AND (?2 IS NULL OR edition = ?2)"
			  " AND (?1 != 0 OR ?2 IS NOT NULL OR closed_at = '') ORDER BY id DESC",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, year);
	if (edition)
		sqlite3_bind_text(st, 2, edition, -1, SQLITE_TRANSIENT);
	int rc, k = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (k++ == 0)
			*round = sqlite3_column_int(st, 0);
	*many = k > 1;
	return store_finish(s, st, rc, err, "find a round");
}

int store_survey_round_info(store *s, int round, store_round_info *r, lerr *err)
{
	sqlite3_stmt *st;
	memset(r, 0, sizeof *r);
	if (store_prepare(s, "SELECT id, year, edition, opened_at, closes, closed_at FROM survey_round WHERE id = ?1", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, round);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		r->id = sqlite3_column_int(st, 0);
		r->year = sqlite3_column_int(st, 1);
		copy_text(r->edition, sizeof r->edition, st, 2);
		copy_text(r->opened_at, sizeof r->opened_at, st, 3);
		copy_text(r->closes, sizeof r->closes, st, 4);
		copy_text(r->closed_at, sizeof r->closed_at, st, 5);
	}
	return store_finish(s, st, rc, err, "read a round");
}

int store_survey_invites(store *s, int round, store_invite_cb cb, void *ctx, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "SELECT i.id, p.id, p.code, p.name, p.contact, i.issued_at, i.opened_at, coalesce(cur.version, 0),"
			  " coalesce(cur.kind, ''), coalesce(cur.submitted_at, ''),"
			  " (SELECT coalesce(max(version), 0) FROM survey_submission WHERE invite = i.id AND kind = 'final'),"
			  " coalesce((SELECT id FROM survey_submission WHERE invite = i.id AND kind = 'final' ORDER BY version DESC LIMIT 1), 0)"
			  " FROM survey_invite i JOIN provider p ON p.id = i.provider"
			  " LEFT JOIN survey_submission cur ON cur.invite = i.id"
			  "  AND cur.version = (SELECT max(version) FROM survey_submission WHERE invite = i.id)"
			  " WHERE i.round = ?1 ORDER BY p.code",
			  &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, round);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_invite_row r = {sqlite3_column_int(st, 0), sqlite3_column_int(st, 1), store_col_text(st, 2),
				      store_col_text(st, 3), store_col_text(st, 4), store_col_text(st, 5),
				      store_col_text(st, 6), sqlite3_column_int(st, 7), store_col_text(st, 8),
				      store_col_text(st, 9), sqlite3_column_int(st, 10), sqlite3_column_int(st, 11)};
		cb(ctx, &r);
	}
	return store_finish(s, st, rc, err, "list invites");
}

int store_survey_set_token(store *s, int invite, const unsigned char hash[32], lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s, "UPDATE survey_invite SET token_hash = ?2, issued_at = " NOW_SQL " WHERE id = ?1", &st, err) < 0)
		return LERR_DB;
	sqlite3_bind_int(st, 1, invite);
	sqlite3_bind_blob(st, 2, hash, 32, SQLITE_TRANSIENT);
	return store_finish(s, st, sqlite3_step(st), err, "issue a link");
}

int store_survey_mark_closed(store *s, int round, const store_provenance *p, int n, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT INTO survey_provenance (round, area, work_form, provider, submission, estimated)"
			  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
			  &st, err) < 0)
		return LERR_DB;
	int rc = SQLITE_DONE;
	for (int i = 0; i < n && rc == SQLITE_DONE; i++) {
		sqlite3_bind_int(st, 1, round);
		sqlite3_bind_int(st, 2, p[i].area);
		sqlite3_bind_int(st, 3, p[i].work_form);
		sqlite3_bind_int(st, 4, p[i].provider);
		if (p[i].submission)
			sqlite3_bind_int(st, 5, p[i].submission);
		else
			sqlite3_bind_null(st, 5);
		sqlite3_bind_int(st, 6, p[i].estimated);
		rc = sqlite3_step(st);
		sqlite3_reset(st);
	}
	if (store_finish(s, st, rc, err, "survey_provenance") < 0)
		return LERR_DB;
	return exec_int(s,
			"UPDATE survey_round SET closed_at = " NOW_SQL ", batch = (SELECT max(id) FROM batch"
			" WHERE file = printf('survey-%d-%s', year, edition)) WHERE id = ?1 AND ?2 = ?2",
			round, 0, "survey_round", err);
}
