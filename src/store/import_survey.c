/* import_survey.c - the survey's register (issue 17): providers and their
 * sites, each upserted by its code. See import_internal.h and store.h
 * (store_survey_*). Answers from spreadsheets are not a kind here: `ladder
 * survey import` reads them with the same checks as the web form. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ------------------------------------------------------------ providers */
enum { PRV_CODE, PRV_NAME, PRV_CONTACT, PRV_ENTERPRISE };

static const col_spec providers_cols[] = {
	[PRV_CODE] = {"provider", COL_REQUIRED, 64, "code"},
	[PRV_NAME] = {"name", COL_REQUIRED, 256, "name"},
	[PRV_CONTACT] = {"contact", COL_REQUIRED, 256, "contact"},
	[PRV_ENTERPRISE] = {"enterprise_number", COL_KEEP, 32, "enterprise_number"},
	{NULL, 0, 0, NULL},
};

/* A Belgian enterprise number (KBO/BCE): ten digits, the first 0 or 1, the
 * last two 97 minus the first eight modulo 97; dots and spaces allowed.
 * Written back as 0123.456.749. */
int imp_enterprise_number(const char *s, char out[16])
{
	char d[11];
	int n = 0;
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n == 10)
				return 0;
			d[n++] = *s;
		} else if (*s != '.' && *s != ' ')
			return 0;
	}
	if (n != 10 || (d[0] != '0' && d[0] != '1'))
		return 0;
	d[10] = '\0';
	long first8 = strtol((char[9]){d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], '\0'}, NULL, 10);
	if (97 - first8 % 97 != atoi(d + 8))
		return 0;
	snprintf(out, 16, "%.4s.%.3s.%.3s", d, d + 4, d + 7);
	return 1;
}

static int providers_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO provider (code, name, contact, enterprise_number) VALUES (?1, ?2, ?3, ?4)"
			" ON CONFLICT (code) DO UPDATE SET name = excluded.name, contact = excluded.contact,"
			" enterprise_number = excluded.enterprise_number WHERE (name, contact, enterprise_number) IS NOT"
			" (excluded.name, excluded.contact, excluded.enterprise_number)",
			NULL, NULL);
}

static int providers_row(imp *I, const csv_row *r)
{
	char *const *v = I->v;
	char kbo[16] = "";
	int bad = 0;
	if (!imp_valid_code(v[PRV_CODE]))
		bad |= imp_field_error(I, r, "provider", V(I->en, import_code_lower_case_letters_digits_4),
				       v[PRV_CODE]) < 0;
	else if (imp_once_per_file(I, r, "provider", v[PRV_CODE]) < 0)
		bad = 1;
	if (!*v[PRV_NAME])
		bad |= imp_field_error(I, r, "name", V(I->en, import_name_required)) < 0;
	if (!*v[PRV_CONTACT])
		bad |= imp_field_error(I, r, "contact", V(I->en, import_contact_e_mail_address_required)) < 0;
	else if (!strchr(v[PRV_CONTACT], '@') || strchr(v[PRV_CONTACT], ' '))
		bad |= imp_field_error(I, r, "contact", V(I->en, import_e_mail_address), v[PRV_CONTACT]) < 0;
	if (*v[PRV_ENTERPRISE] && !imp_enterprise_number(v[PRV_ENTERPRISE], kbo))
		bad |= imp_field_error(I, r, "enterprise_number",
				       V(I->en, import_enterprise_number_such_as_0123),
				       v[PRV_ENTERPRISE]) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	char tmp[8];
	int existed = imp_stored_text_by(I, "provider", "code", v[PRV_CODE], "code", tmp, sizeof tmp);
	if (existed < 0)
		return LERR_DB;
	const char *vals[] = {v[PRV_CODE], v[PRV_NAME], v[PRV_CONTACT], kbo};
	for (int i = 0; i < 4; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	return imp_step_done(I, I->ins, "provider", existed);
}

const kind_def imp_kind_providers = {
	"providers", providers_cols, "provider", PRV_CODE, providers_begin, providers_row, NULL, imp_finalize, 0,
};

/* ---------------------------------------------------------------- sites */
/* One row per site and work form. The rows of one site agree on its name,
 * municipality and lifetime; a site named in the file runs exactly the
 * work forms its rows list (the others are dropped at the end). */
enum { SITE_PROVIDER, SITE_CODE, SITE_NAME, SITE_AREA, SITE_FORM, SITE_FROM, SITE_TO };

static const col_spec sites_cols[] = {
	[SITE_PROVIDER] = {"provider", COL_REQUIRED, 64, NULL},
	[SITE_CODE] = {"site", COL_REQUIRED, 64, NULL},
	[SITE_NAME] = {"name", COL_REQUIRED, 256, NULL},
	[SITE_AREA] = {"area", COL_REQUIRED, 64, NULL},
	[SITE_FORM] = {"work_form", COL_REQUIRED, 64, NULL},
	[SITE_FROM] = {"valid_from", 0, 32, NULL},
	[SITE_TO] = {"valid_to", 0, 32, NULL},
	{NULL, 0, 0, NULL},
};

/* What the first row of a site said, to compare the next ones with. */
typedef struct site_seen {
	const char *name, *area, *from, *to;
	long line;
} site_seen;

/* The sites of this file so far, by "provider\tsite" in I->seen. */
typedef struct sites_state {
	site_seen *v;
	int n, cap;
} sites_state;

static int sites_begin(imp *I)
{
	I->kind_data = xcalloc(1, sizeof(sites_state));
	lerr e;
	if (store_exec(I->s,
		       "CREATE TEMP TABLE IF NOT EXISTS imp_site_form (site INTEGER NOT NULL, work_form INTEGER NOT NULL,"
		       " PRIMARY KEY (site, work_form)); DELETE FROM temp.imp_site_form",
		       &e) < 0)
		return imp_db_error(I, "prepare");
	return imp_prepare(I,
			"INSERT INTO site (provider, code, name, area, valid_from, valid_to)"
			" VALUES ((SELECT id FROM provider WHERE code = ?1), ?2, ?3, ?4, ?5, ?6)"
			" ON CONFLICT (provider, code) DO UPDATE SET name = excluded.name, area = excluded.area,"
			" valid_from = excluded.valid_from, valid_to = excluded.valid_to"
			" WHERE (name, area, valid_from, valid_to) IS NOT (excluded.name, excluded.area, excluded.valid_from, excluded.valid_to)"
			" RETURNING id",
			"SELECT s.id FROM site s JOIN provider p ON p.id = s.provider WHERE p.code = ?1 AND s.code = ?2",
			"INSERT OR IGNORE INTO site_work_form (site, work_form) VALUES (?1, ?2)");
}

static int current_year(void)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	return tm.tm_year + 1900;
}

/* The row's checks that need no store: code, name, dates, municipality,
 * work form. */
static int site_row_checks(imp *I, const csv_row *r, int *area, int *form)
{
	char *const *v = I->v;
	int bad = 0;
	if (!imp_valid_code(v[SITE_CODE]))
		bad |= imp_field_error(I, r, "site", V(I->en, import_code_lower_case_letters_digits_4),
				       v[SITE_CODE]) < 0;
	if (!*v[SITE_NAME])
		bad |= imp_field_error(I, r, "name", V(I->en, import_name_required)) < 0;
	if (!imp_valid_date(v[SITE_FROM]))
		bad |= imp_field_error(I, r, "valid_from", V(I->en, import_date_yyyy_mm_dd_empty), v[SITE_FROM]) < 0;
	if (!imp_valid_date(v[SITE_TO]))
		bad |= imp_field_error(I, r, "valid_to", V(I->en, import_date_yyyy_mm_dd_empty), v[SITE_TO]) < 0;
	else if (*v[SITE_FROM] && *v[SITE_TO] && strcmp(v[SITE_TO], v[SITE_FROM]) < 0)
		bad |= imp_field_error(I, r, "valid_to", V(I->en, import_site_closes_after_it_opens), v[SITE_TO], v[SITE_FROM]) < 0;
	*form = model_node_index(I->m, v[SITE_FORM]);
	if (*form < 0 || I->m->nodes[*form].kind != KIND_FORM)
		bad |= imp_field_error(I, r, "work_form", V(I->en, import_unknown_work_form_code_catalogue),
				       v[SITE_FORM]) < 0;
	if (imp_parse_area(I, r, "area", area) < 0)
		return LERR_PARSE;
	const model_area *a = &I->m->areas[*area];
	if (a->level != LEVEL_MUNICIPALITY)
		return imp_field_error(I, r, "area", V(I->en, import_site_lies_municipality_its_nis),
				       model_level_name(a->level, I->en), a->code);
	/* on the map of the site's last year, or of this year while it is open */
	int year = *v[SITE_TO] && imp_valid_date(v[SITE_TO]) ? atoi(v[SITE_TO]) : current_year();
	if (imp_area_in_year(I, r, "area", *area, year) < 0)
		return LERR_PARSE;
	return bad ? LERR_PARSE : 0;
}

/* The rows of one site agree; the first one is remembered. */
static int site_consistent(imp *I, const csv_row *r, int *first)
{
	char *const *v = I->v;
	char key[160];
	snprintf(key, sizeof key, "%s\t%s", v[SITE_PROVIDER], v[SITE_CODE]);
	sites_state *st = I->kind_data;
	int slot;
	static const char *const what[] = {"name", "area", "valid_from", "valid_to"};
	if (!strmap_get(&I->seen, key, &slot)) {
		if (st->n == st->cap) {
			st->cap = st->cap ? 2 * st->cap : 64;
			st->v = xrealloc(st->v, (size_t)st->cap * sizeof *st->v);
		}
		st->v[st->n] = (site_seen){arena_strdup(&I->mem, v[SITE_NAME]), arena_strdup(&I->mem, v[SITE_AREA]),
					   arena_strdup(&I->mem, v[SITE_FROM]), arena_strdup(&I->mem, v[SITE_TO]), r->line};
		strmap_put(&I->seen, arena_strdup(&I->mem, key), st->n++);
		*first = 1;
		return 0;
	}
	const site_seen *s = &st->v[slot];
	const char *was[] = {s->name, s->area, s->from, s->to};
	const char *now[] = {v[SITE_NAME], v[SITE_AREA], v[SITE_FROM], v[SITE_TO]};
	*first = 0;
	for (int i = 0; i < 4; i++)
		if (strcmp(was[i], now[i]) != 0)
			return imp_field_error(I, r, what[i], V(I->en, import_site_has_on_line_rows),
					       v[SITE_CODE], v[SITE_PROVIDER], what[i], was[i], s->line);
	return 0;
}

static int sites_row(imp *I, const csv_row *r)
{
	char *const *v = I->v;
	int area = -1, form = -1, first = 0;
	if (site_row_checks(I, r, &area, &form) < 0)
		return LERR_PARSE;
	char tmp[8];
	if (imp_stored_text_by(I, "provider", "code", v[SITE_PROVIDER], "code", tmp, sizeof tmp) == 0)
		return imp_field_error(I, r, "provider", V(I->en, import_unknown_provider_import_providers_file),
				       v[SITE_PROVIDER]);
	if (site_consistent(I, r, &first) < 0 || I->failed)
		return I->failed ? 0 : LERR_PARSE;
	/* the site: is it stored, then upsert it (RETURNING gives the id only
	 * when the row changed) */
	sqlite3_bind_text(I->sel, 1, v[SITE_PROVIDER], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->sel, 2, v[SITE_CODE], -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(I->sel);
	long long site = rc == SQLITE_ROW ? sqlite3_column_int64(I->sel, 0) : 0;
	sqlite3_reset(I->sel);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return imp_db_error(I, "site");
	int changed = 0, existed = site != 0;
	if (first) {
		const char *vals[] = {v[SITE_PROVIDER], v[SITE_CODE], v[SITE_NAME]};
		for (int i = 0; i < 3; i++)
			sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(I->ins, 4, I->m->areas[area].id);
		sqlite3_bind_text(I->ins, 5, v[SITE_FROM], -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(I->ins, 6, v[SITE_TO], -1, SQLITE_TRANSIENT);
		rc = sqlite3_step(I->ins);
		if (rc == SQLITE_ROW) {
			site = sqlite3_column_int64(I->ins, 0);
			changed = existed;
			rc = sqlite3_step(I->ins);
		}
		sqlite3_reset(I->ins);
		if (rc != SQLITE_DONE)
			return imp_db_error(I, "site");
	}
	sqlite3_bind_int64(I->upd, 1, site);
	sqlite3_bind_int(I->upd, 2, I->m->nodes[form].id);
	rc = sqlite3_step(I->upd);
	sqlite3_reset(I->upd);
	if (rc != SQLITE_DONE)
		return imp_db_error(I, "site_work_form");
	int new_form = sqlite3_changes(store_handle(I->s)) > 0;
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s, "INSERT OR IGNORE INTO temp.imp_site_form (site, work_form) VALUES (?1, ?2)", &st, &e) < 0)
		return imp_db_error(I, "prepare");
	sqlite3_bind_int64(st, 1, site);
	sqlite3_bind_int(st, 2, I->m->nodes[form].id);
	rc = sqlite3_step(st);
	int twice = sqlite3_changes(store_handle(I->s)) == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return imp_db_error(I, "site_work_form");
	if (twice)
		return imp_field_error(I, r, "work_form", V(I->en, import_site_lists_work_form_twice), v[SITE_CODE],
				       v[SITE_PROVIDER], v[SITE_FORM]);
	if (changed)
		I->fr->replaced++;
	else if (new_form)
		I->fr->inserted++;
	else
		I->fr->unchanged++;
	return 0;
}

/* The work forms a site named in the file no longer lists. */
static int sites_end(imp *I)
{
	if (I->failed)
		return 0;
	lerr e;
	if (store_exec(I->s,
		       "DELETE FROM site_work_form WHERE site IN (SELECT site FROM temp.imp_site_form)"
		       " AND (site, work_form) NOT IN (SELECT site, work_form FROM temp.imp_site_form)",
		       &e) < 0)
		return imp_db_error(I, "site_work_form");
	I->fr->replaced += sqlite3_changes(store_handle(I->s));
	return 0;
}

static void sites_finish(imp *I)
{
	imp_finalize(I);
	sites_state *st = I->kind_data;
	if (st)
		free(st->v);
	free(st);
	I->kind_data = NULL;
}

const kind_def imp_kind_sites = {
	"sites", sites_cols, NULL, -1, sites_begin, sites_row, sites_end, sites_finish, 0,
};
