/* import_ref.c - the reference kinds: rungs (at init), areas, successions, groupings,
 * indicators and claims, each upserted by its code. See import_internal.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"
#include "../model/claim.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* rungs: only at init */
static const col_spec rung_cols[] = {
	{"rung", COL_REQUIRED, 16, "rung"},
	{"name_nl", COL_REQUIRED, 256, "name_nl"},
	{"name_en", COL_REQUIRED, 256, "name_en"},
	{"place", COL_REQUIRED, 32, "place"},
	{"in_headline", COL_REQUIRED, 16, "in_headline"},
	{NULL, 0, 0, NULL},
};

static int rungs_begin(imp *I)
{
	return imp_prepare(I, "INSERT INTO rung (rung, name_nl, name_en, place, in_headline) VALUES (?, ?, ?, ?, ?)"
			   " ON CONFLICT (rung) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			   " place = excluded.place, in_headline = excluded.in_headline"
			   " WHERE (name_nl, name_en, place, in_headline) IS NOT"
			   " (excluded.name_nl, excluded.name_en, excluded.place, excluded.in_headline)",
			NULL, NULL);
}

static int rungs_row(imp *I, const csv_row *r)
{
	const char *rung = I->v[0], *nl = I->v[1], *en = I->v[2], *place = I->v[3], *head = I->v[4];
	int n = atoi(rung), h;
	if (strlen(rung) != 1 || n < 1 || n > 6)
		return imp_field_error(I, r, "rung", V(I->en, import_1_6), rung);
	if (strcmp(place, "none") && strcmp(place, "participation") && strcmp(place, "employment"))
		return imp_field_error(I, r, "place", V(I->en, import_none_participation_employment), place);
	if (imp_parse_bool(head, &h) < 0)
		return imp_field_error(I, r, "in_headline", V(I->en, import_1_0), head);
	if (!*nl)
		return imp_field_error(I, r, "name_nl", V(I->en, import_dutch_name_required));
	if (I->failed)
		return 0;
	sqlite3_bind_int(I->ins, 1, n);
	sqlite3_bind_text(I->ins, 2, nl, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 3, en, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 4, place, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 5, h);
	return imp_step_done(I, I->ins, "rung", 0);
}

/* areas: the geography */
enum { AREA_CODE, AREA_NAME_NL, AREA_LEVEL, AREA_NAME_EN, AREA_PARENT, AREA_FROM, AREA_TO };

static const col_spec areas_cols[] = {
	[AREA_CODE] = {"code", COL_REQUIRED, 64, "code"},
	[AREA_NAME_NL] = {"name_nl", COL_REQUIRED, 256, "name_nl"},
	[AREA_LEVEL] = {"level", COL_REQUIRED, 32, "level"},
	[AREA_NAME_EN] = {"name_en", COL_KEEP, 256, "name_en"},
	/* the parent is stored as an id: keep its code */
	[AREA_PARENT] = {"parent", COL_KEEP, 64, "(SELECT p.code FROM area p WHERE p.id = area.parent)"},
	[AREA_FROM] = {"valid_from", COL_KEEP, 32, "valid_from"},
	[AREA_TO] = {"valid_to", COL_KEEP, 32, "valid_to"},
	{NULL, 0, 0, NULL},
};

static int areas_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO area (code, name_nl, name_en, level, parent, valid_from, valid_to)"
			" VALUES (?1, ?2, ?3, ?4, (SELECT id FROM area WHERE code = ?5), ?6, ?7)"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			" level = excluded.level, parent = excluded.parent, valid_from = excluded.valid_from,"
			" valid_to = excluded.valid_to WHERE (name_nl, name_en, level, parent, valid_from, valid_to) IS NOT"
			" (excluded.name_nl, excluded.name_en, excluded.level, excluded.parent, excluded.valid_from, excluded.valid_to)",
			"SELECT level FROM area WHERE code = ?", NULL);
}

static int areas_row(imp *I, const csv_row *r)
{
	char *const *v = I->v;
	const char *code = v[AREA_CODE], *nl = v[AREA_NAME_NL], *en = v[AREA_NAME_EN], *level = v[AREA_LEVEL],
		   *parent = v[AREA_PARENT], *from = v[AREA_FROM], *to = v[AREA_TO];
	char tmp[8];
	int existed = imp_stored_text_by(I, "area", "code", code, "code", tmp, sizeof tmp);
	if (existed < 0)
		return LERR_DB;
	enum model_level lv;
	int bad = 0;
	if (!imp_valid_code(code))
		bad |= imp_field_error(I, r, "code", V(I->en, import_nis_code_code_lower_case), code) < 0;
	else if (imp_once_per_file(I, r, "code", code) < 0)
		bad = 1;
	if (!*nl)
		bad |= imp_field_error(I, r, "name_nl", V(I->en, import_dutch_name_required)) < 0;
	if (model_level_parse(level, &lv) < 0 || lv == LEVEL_GROUPING)
		return imp_field_error(I, r, "level", V(I->en, import_region_province_arrondissement_municipality), level);
	if (!imp_valid_date(from) || !imp_valid_date(to))
		bad |= imp_field_error(I, r, *from && !imp_valid_date(from) ? "valid_from" : "valid_to", V(I->en, import_date_yyyy_mm_dd_empty_2)) < 0;
	static const enum model_level parent_level[] = {LEVEL_REGION, LEVEL_REGION, LEVEL_PROVINCE, LEVEL_ARRONDISSEMENT};
	if (lv == LEVEL_REGION && *parent)
		bad |= imp_field_error(I, r, "parent", V(I->en, import_region_has_no_parent)) < 0;
	if (lv != LEVEL_REGION && !bad) {
		sqlite3_bind_text(I->sel, 1, parent, -1, SQLITE_TRANSIENT);
		int found = sqlite3_step(I->sel) == SQLITE_ROW;
		enum model_level pl = LEVEL_GROUPING;
		if (found)
			model_level_parse((const char *)sqlite3_column_text(I->sel, 0), &pl);
		sqlite3_reset(I->sel);
		if (!found && !I->failed)
			bad |= imp_field_error(I, r, "parent", V(I->en, import_unknown_parent_area_parents_must), parent) < 0;
		else if (found && pl != parent_level[lv])
			bad |= imp_field_error(I, r, "parent", V(I->en, import_parent_must_be), model_level_name(lv, I->en),
					   model_level_name(parent_level[lv], I->en)) < 0;
	}
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	const char *vals[] = {code, nl, en, level, parent, from, to};
	for (int i = 0; i < 7; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 4, model_level_name(lv, 1), -1, SQLITE_STATIC);
	return imp_step_done(I, I->ins, "area", existed);
}

/* successions: on `effective`, area `from` becomes part of area `to` (a
 * continuing code names itself: Antwerpen 11002 -> 11002). Only whole
 * unions: a split would need weights to divide its figures by. */
enum { SUCC_EFFECTIVE, SUCC_FROM, SUCC_TO, SUCC_SHARE };

static const col_spec successions_cols[] = {
	[SUCC_EFFECTIVE] = {"effective", COL_REQUIRED, 32, NULL},
	[SUCC_FROM] = {"from", COL_REQUIRED, 64, NULL},
	[SUCC_TO] = {"to", COL_REQUIRED, 64, NULL},
	[SUCC_SHARE] = {"share", 0, 32, NULL},
	{NULL, 0, 0, NULL},
};

static int successions_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO area_succession (effective, from_area, to_area, share)"
			" VALUES (?1, (SELECT id FROM area WHERE code = ?2), (SELECT id FROM area WHERE code = ?3), 1)"
			" ON CONFLICT DO NOTHING",
			NULL, NULL);
}

/* Do the lifetimes of from and to meet on the date? */
static int succession_dates(imp *I, const csv_row *r, const model_area *from, const model_area *to, const char *date)
{
	char before[11];
	model_day_before(date, before);
	if ((*to->valid_from && strcmp(to->valid_from, date) > 0) || (*to->valid_to && strcmp(to->valid_to, date) < 0))
		return imp_field_error(I, r, "to", V(I->en, import_area_not_valid_on_valid), to->code, date,
				       to->valid_from, to->valid_to);
	if (from == to) {
		if (*from->valid_from && strcmp(from->valid_from, date) >= 0)
			return imp_field_error(I, r, "from", V(I->en, import_area_continues_after_so_it), from->code, date, from->valid_from);
		return 0;
	}
	if (strcmp(from->valid_to, before) != 0)
		return imp_field_error(I, r, "from", V(I->en, import_area_becomes_part_on_so), from->code, to->code, date, before, from->valid_to);
	return 0;
}

static int successions_row(imp *I, const csv_row *r)
{
	const char *date = I->v[SUCC_EFFECTIVE], *share = I->v[SUCC_SHARE];
	int bad = 0, fi = -1, ti = -1;
	if (!*date || !imp_valid_date(date))
		bad |= imp_field_error(I, r, "effective", V(I->en, import_date_yyyy_mm_dd), date) < 0;
	bad |= imp_parse_area(I, r, "from", &fi) < 0;
	bad |= imp_parse_area(I, r, "to", &ti) < 0;
	if (*share) {
		char *end;
		double w = strtod(share, &end);
		if (*end || !(w > 0 && w <= 1))
			bad |= imp_field_error(I, r, "share", V(I->en, import_share_above_0_and_at), share) < 0;
		else if (w < 1)
			bad |= imp_field_error(I, r, "share", V(I->en, import_split_share_not_supported_its),
					       share) < 0;
	}
	if (bad)
		return LERR_PARSE;
	const model_area *from = &I->m->areas[fi], *to = &I->m->areas[ti];
	if (from->level == LEVEL_GROUPING || from->level != to->level)
		return imp_field_error(I, r, "to", V(I->en, import_succession_joins_two_areas_same), from->code, model_level_name(from->level, I->en), to->code,
				       model_level_name(to->level, I->en));
	if (succession_dates(I, r, from, to, date) < 0 || I->failed)
		return I->failed ? 0 : LERR_PARSE;
	const char *vals[] = {date, from->code, to->code};
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	return imp_step_done(I, I->ins, "succession", 0);
}

/* groupings: user regions, each defined in full by the file. Rows are
 * collected; the end writes the groups whose name or members changed. */
static const col_spec groupings_cols[] = {
	{"group", COL_REQUIRED, 64, "code"},
	{"name_nl", COL_REQUIRED, 256, "name_nl"},
	{"member", COL_REQUIRED, 128, "member"},
	{"name_en", 0, 256, "name_en"},
	{NULL, 0, 0, NULL},
};

typedef struct group_def {
	const char *code, *name_nl, *name_en;
	int *members; /* area ids, in file order */
	int n_members;
	int *covered; /* municipalities covered so far (by area index) */
} group_def;

static int groupings_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO area (code, name_nl, name_en, level) VALUES (?1, ?2, ?3, 'grouping')"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en"
			" WHERE level = 'grouping' AND (name_nl, name_en) IS NOT (excluded.name_nl, excluded.name_en)",
			"INSERT INTO area_member (grp, member) SELECT g.id, ?2 FROM area g WHERE g.code = ?1",
			"DELETE FROM area_member WHERE grp = (SELECT id FROM area WHERE code = ?1)");
}

/* Municipalities covered by area index a (itself, or all below it). */
static void cover(const model *m, int a, int *mark, int *clash)
{
	const model_area *x = &m->areas[a];
	if (x->level == LEVEL_MUNICIPALITY) {
		if (mark[a])
			*clash = a;
		mark[a] = 1;
		return;
	}
	for (int i = 0; i < x->n_children; i++)
		cover(m, x->children[i], mark, clash);
}

static int groupings_row(imp *I, const csv_row *r)
{
	const char *grp = imp_val(I, "group"), *nl = imp_val(I, "name_nl"), *en = imp_val(I, "name_en");
	int bad = 0, mi = -1;
	if (!imp_valid_code(grp) || isdigit((unsigned char)grp[0]))
		bad |= imp_field_error(I, r, "group", V(I->en, import_code_lower_case_letters_digits_2), grp) < 0;
	else {
		int ai = model_area_index(I->m, grp);
		if (ai >= 0 && I->m->areas[ai].level != LEVEL_GROUPING)
			bad |= imp_field_error(I, r, "group", V(I->en, import_already_area_level), grp,
					   model_level_name(I->m->areas[ai].level, I->en)) < 0;
	}
	if (!*nl)
		bad |= imp_field_error(I, r, "name_nl", V(I->en, import_dutch_name_required)) < 0;
	if (imp_parse_area(I, r, "member", &mi) < 0)
		bad = 1;
	else if (I->m->areas[mi].level == LEVEL_GROUPING || I->m->areas[mi].level == LEVEL_REGION)
		bad |= imp_field_error(I, r, "member", V(I->en, import_members_are_municipalities_arrondissements_provinces),
				   model_level_name(I->m->areas[mi].level, I->en)) < 0;
	if (bad)
		return LERR_PARSE;
	int gi;
	if (!strmap_get(&I->seen, grp, &gi)) {
		gi = I->n_groups++;
		I->groups = xrealloc(I->groups, sizeof *I->groups * (size_t)I->n_groups);
		group_def *g = &I->groups[gi];
		memset(g, 0, sizeof *g);
		g->code = arena_strdup(&I->mem, grp);
		g->name_nl = arena_strdup(&I->mem, nl);
		g->name_en = arena_strdup(&I->mem, en);
		g->covered = arena_alloc(&I->mem, sizeof(int) * (size_t)I->m->n_areas);
		memset(g->covered, 0, sizeof(int) * (size_t)I->m->n_areas);
		strmap_put(&I->seen, g->code, gi);
	}
	group_def *g = &I->groups[gi];
	/* a member may not be counted twice in one group */
	int clash = -1;
	cover(I->m, mi, g->covered, &clash);
	if (clash >= 0)
		return imp_field_error(I, r, "member", V(I->en, import_municipality_already_covered_by_earlier),
				   I->m->areas[clash].code, I->m->areas[clash].name_nl, grp);
	int *members = arena_alloc(&I->mem, sizeof(int) * (size_t)(g->n_members + 1));
	if (g->n_members)
		memcpy(members, g->members, sizeof(int) * (size_t)g->n_members);
	members[g->n_members++] = I->m->areas[mi].id;
	g->members = members;
	return 0;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

/* Is the stored membership of group code exactly these (sorted) ids?
 * 1 or 0; <0 on a database error (recorded: a failure is not "different"). */
static int same_members(imp *I, const char *code, const int *ids, int n)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(store_handle(I->s),
			       "SELECT am.member FROM area_member am JOIN area g ON g.id = am.grp WHERE g.code = ? ORDER BY am.member",
			       -1, &st, NULL) != SQLITE_OK)
		return imp_db_error(I, "grouping");
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	int i = 0, same = 1, rc;
	while (same && (rc = sqlite3_step(st)) == SQLITE_ROW)
		same = i < n && sqlite3_column_int(st, 0) == ids[i++];
	sqlite3_finalize(st);
	if (same && rc != SQLITE_DONE)
		return imp_db_error(I, "grouping");
	return same && i == n;
}

static int groupings_end(imp *I)
{
	if (I->failed)
		return 0;
	for (int k = 0; k < I->n_groups; k++) {
		group_def *g = &I->groups[k];
		qsort(g->members, (size_t)g->n_members, sizeof *g->members, cmp_int);
		sqlite3_bind_text(I->ins, 1, g->code, -1, SQLITE_STATIC);
		sqlite3_bind_text(I->ins, 2, g->name_nl, -1, SQLITE_STATIC);
		sqlite3_bind_text(I->ins, 3, g->name_en, -1, SQLITE_STATIC);
		int rc = sqlite3_step(I->ins);
		sqlite3_reset(I->ins);
		if (rc != SQLITE_DONE)
			return imp_db_error(I, "grouping");
		int renamed = sqlite3_changes(store_handle(I->s)) > 0;
		int same = same_members(I, g->code, g->members, g->n_members);
		if (same < 0)
			return LERR_DB;
		if (same) {
			if (renamed)
				I->fr->replaced++;
			I->fr->unchanged += g->n_members - renamed;
			continue;
		}
		sqlite3_bind_text(I->upd, 1, g->code, -1, SQLITE_STATIC);
		rc = sqlite3_step(I->upd);
		sqlite3_reset(I->upd);
		if (rc != SQLITE_DONE)
			return imp_db_error(I, "grouping");
		for (int i = 0; i < g->n_members; i++) {
			sqlite3_bind_text(I->sel, 1, g->code, -1, SQLITE_STATIC);
			sqlite3_bind_int(I->sel, 2, g->members[i]);
			if (imp_step_done(I, I->sel, "member", 0) < 0)
				return LERR_DB;
		}
	}
	I->n_groups = 0;
	return 0;
}

/* indicators */
enum { IND_CODE, IND_NAME_NL, IND_UNIT, IND_NAME_EN, IND_DEFINITION, IND_AGE_BAND, IND_SOURCE };

static const col_spec indicators_cols[] = {
	[IND_CODE] = {"code", COL_REQUIRED, 64, "code"},
	[IND_NAME_NL] = {"name_nl", COL_REQUIRED, 256, "name_nl"},
	[IND_UNIT] = {"unit", COL_REQUIRED, 32, "unit"},
	[IND_NAME_EN] = {"name_en", COL_KEEP, 256, "name_en"},
	[IND_DEFINITION] = {"definition", COL_KEEP | COL_FREE_TEXT, 1024, "definition"},
	[IND_AGE_BAND] = {"age_band", COL_KEEP, 32, "age_band"},
	[IND_SOURCE] = {"source", COL_KEEP | COL_FREE_TEXT, 256, "source"},
	{NULL, 0, 0, NULL},
};

static int indicators_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO indicator (code, name_nl, name_en, unit, definition, age_band, source) VALUES (?, ?, ?, ?, ?, ?, ?)"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			" unit = excluded.unit, definition = excluded.definition, age_band = excluded.age_band,"
			" source = excluded.source"
			" WHERE (name_nl, name_en, unit, definition, age_band, source) IS NOT"
			" (excluded.name_nl, excluded.name_en, excluded.unit, excluded.definition, excluded.age_band, excluded.source)",
			NULL, NULL);
}

static int indicators_row(imp *I, const csv_row *r)
{
	char *const *v = I->v;
	const char *code = v[IND_CODE], *nl = v[IND_NAME_NL], *unit = v[IND_UNIT];
	enum model_unit u;
	int bad = 0;
	if (!imp_valid_code(code))
		bad |= imp_field_error(I, r, "code", V(I->en, import_code_lower_case_letters_digits_3), code) < 0;
	else if (imp_once_per_file(I, r, "code", code) < 0)
		bad = 1;
	if (!*nl)
		bad |= imp_field_error(I, r, "name_nl", V(I->en, import_dutch_name_required)) < 0;
	if (model_unit_parse(unit, &u) < 0)
		bad |= imp_field_error(I, r, "unit", V(I->en, import_persons_percent_number), unit) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	static const int order[] = {IND_CODE, IND_NAME_NL, IND_NAME_EN, IND_UNIT, IND_DEFINITION, IND_AGE_BAND, IND_SOURCE};
	for (int i = 0; i < 7; i++)
		sqlite3_bind_text(I->ins, i + 1, v[order[i]], -1, SQLITE_TRANSIENT);
	char tmp[8];
	int existed = imp_stored_text_by(I, "indicator", "code", code, "code", tmp, sizeof tmp);
	if (existed < 0)
		return LERR_DB;
	return imp_step_done(I, I->ins, "indicator", existed);
}

/* claims: sentences of a publication with what they state (see claim.h) */
static const col_spec claims_cols[] = {
	{"id", COL_REQUIRED, 64, "id"},
	{"text", COL_REQUIRED | COL_FREE_TEXT, 1024, "text"},
	{"year", COL_REQUIRED, 64, "year"},
	{"expr", COL_REQUIRED, 1024, "expr"},
	{"stated", COL_REQUIRED, 128, "stated"},
	{"area", 0, 64, "area"},
	{"edition", 0, 64, "edition"},
	{"tolerance", 0, 32, "tolerance"},
	{"source", COL_FREE_TEXT, 256, "source"},
	{NULL, 0, 0, NULL},
};

static int claims_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO claim (id, text, area, year, edition, expr, stated, tolerance, source, batch, line)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
			" ON CONFLICT (id) DO UPDATE SET text = excluded.text, area = excluded.area, year = excluded.year,"
			" edition = excluded.edition, expr = excluded.expr, stated = excluded.stated,"
			" tolerance = excluded.tolerance, source = excluded.source, batch = excluded.batch, line = excluded.line"
			" WHERE (text, area, year, edition, expr, stated, tolerance, source) IS NOT (excluded.text, excluded.area,"
			" excluded.year, excluded.edition, excluded.expr, excluded.stated, excluded.tolerance, excluded.source)",
			"SELECT 1 FROM claim WHERE id = ?", NULL);
}

/* Every reference of a claim must name a known area and code. */
static int check_refs(imp *I, const csv_row *r, const claim_expr *e, int field_col)
{
	int bad = 0;
	for (int i = 0; i < e->n_nodes; i++) {
		const claim_node *n = &e->nodes[i];
		if (n->op != OP_FIG && n->op != OP_CTX)
			continue;
		int col = field_col + n->pos - 1;
		if (model_area_index(I->m, n->area) < 0)
			bad |= imp_error(I, V(I->en, import_column_expr_unknown_area), imp_where(I, r->line, col), n->area) < 0;
		if (n->op == OP_FIG && model_node_index(I->m, n->item) < 0)
			bad |= imp_error(I, V(I->en, import_column_expr_unknown_work_form), imp_where(I, r->line, col), n->item) < 0;
		if (n->op == OP_CTX && model_indicator_index(I->m, n->item) < 0)
			bad |= imp_error(I, V(I->en, import_column_expr_unknown_indicator), imp_where(I, r->line, col), n->item) < 0;
	}
	return bad ? LERR_PARSE : 0;
}

static int claims_row(imp *I, const csv_row *r)
{
	const char *id = imp_val(I, "id"), *text = imp_val(I, "text"), *area = imp_val(I, "area"),
		   *edition = imp_val(I, "edition"), *expr = imp_val(I, "expr"), *stated = imp_val(I, "stated"),
		   *tol = imp_val(I, "tolerance"), *source = imp_val(I, "source");
	int bad = 0, year = 0;
	if (!imp_valid_code(id))
		bad |= imp_field_error(I, r, "id", V(I->en, import_id_lower_case_letters_digits), id) < 0;
	else if (imp_once_per_file(I, r, "id", id) < 0)
		bad = 1;
	if (!*text)
		bad |= imp_field_error(I, r, "text", V(I->en, import_sentence_claim_required)) < 0;
	bad |= imp_parse_year(I, r, &year) < 0;
	if (*area && model_area_index(I->m, area) < 0)
		bad |= imp_field_error(I, r, "area", V(I->en, import_unknown_area), area) < 0;
	if (!imp_valid_edition_code(edition))
		bad |= imp_field_error(I, r, "edition", V(I->en, import_edition_code_letters_digits_2), edition) < 0;
	lerr e;
	claim_expr *ex = claim_expr_parse(expr, I->en, &e);
	int k = imp_name_index(I, "expr");
	int fcol = I->col[k] < r->n ? r->f[I->col[k]].col + r->f[I->col[k]].quoted : 1;
	if (!ex) {
		/* the parser counts columns inside the expression: point into the file */
		int at = e.column > 0 ? e.column : 1;
		bad |= imp_error(I, V(I->en, import_column_expr), imp_where(I, r->line, I->book ? fcol : fcol + at - 1), e.msg) < 0;
	}
	else
		bad |= check_refs(I, r, ex, fcol) < 0;
	claim_expr_free(ex);
	double tolerance = -1;
	if (*tol) {
		num_style st = NUM_STYLE_UNKNOWN;
		const char *why;
		if (num_parse_decimal(tol, &tolerance, &st, &why) < 0 || tolerance < 0)
			bad |= imp_field_error(I, r, "tolerance", V(I->en, import_number_at_least_0), tol) < 0;
	}
	claim_stated cs;
	const char *why;
	if (claim_stated_parse(stated, tolerance, I->en, &cs, &why) < 0)
		bad |= imp_field_error(I, r, "stated", V(I->en, import_reason_got), why, stated) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	sqlite3_bind_text(I->sel, 1, id, -1, SQLITE_TRANSIENT);
	int existed = sqlite3_step(I->sel) == SQLITE_ROW;
	sqlite3_reset(I->sel);
	const char *vals[] = {id, text, area};
	if (existed && !I->opt->replace) {
		/* like figures: a stored claim changes only on request */
		char old_text[1024] = "", old_expr[1024] = "", old_stated[128] = "";
		if (imp_stored_text_by(I, "claim", "id", id, "text", old_text, sizeof old_text) < 0 ||
		    imp_stored_text_by(I, "claim", "id", id, "expr", old_expr, sizeof old_expr) < 0 ||
		    imp_stored_text_by(I, "claim", "id", id, "stated", old_stated, sizeof old_stated) < 0)
			return LERR_DB;
		if (strcmp(old_text, text) || strcmp(old_expr, expr) || strcmp(old_stated, stated))
			return imp_field_error(I, r, "id", V(I->en, import_claim_already_stored_with_other), id);
	}
	for (int i = 0; i < 3; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 4, year);
	sqlite3_bind_text(I->ins, 5, edition, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 6, expr, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 7, stated, -1, SQLITE_TRANSIENT);
	if (tolerance >= 0)
		sqlite3_bind_double(I->ins, 8, tolerance);
	else
		sqlite3_bind_null(I->ins, 8);
	sqlite3_bind_text(I->ins, 9, source, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 10, I->batch);
	sqlite3_bind_int64(I->ins, 11, r->line);
	return imp_step_done(I, I->ins, "claim", existed);
}

const kind_def imp_kind_rungs = {
	"rungs", rung_cols, NULL, -1, rungs_begin, rungs_row, NULL, imp_finalize, 1,
};
const kind_def imp_kind_areas = {
	"areas", areas_cols, "area", AREA_CODE, areas_begin, areas_row, NULL, imp_finalize, 1,
};
const kind_def imp_kind_successions = {
	"successions", successions_cols, NULL, -1, successions_begin, successions_row, NULL, imp_finalize, 1,
};
const kind_def imp_kind_groupings = {
	"groupings", groupings_cols, NULL, -1, groupings_begin, groupings_row, groupings_end, imp_finalize, 1,
};
const kind_def imp_kind_indicators = {
	"indicators", indicators_cols, "indicator", IND_CODE, indicators_begin, indicators_row, NULL, imp_finalize, 1,
};
const kind_def imp_kind_claims = {
	"claims", claims_cols, NULL, -1, claims_begin, claims_row, NULL, imp_finalize, 0,
};
