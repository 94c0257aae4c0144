/* import_lineage.c - the lineage of work forms: which form went into which
 * at a reform, how (renamed, merged_into, split_into, replaced_by), from
 * which date, with a note in Dutch and English. Links are upserted by
 * (from, to); once the whole file is in, the links of the catalogue must
 * keep their kinds apart and must not form a cycle. See import_internal.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LIN_FROM, LIN_TO, LIN_KIND, LIN_DATE, LIN_NOTE_NL, LIN_NOTE_EN };

static const col_spec lineage_cols[] = {
	[LIN_FROM] = {"from", COL_REQUIRED, 64, NULL},
	[LIN_TO] = {"to", COL_REQUIRED, 64, NULL},
	[LIN_KIND] = {"kind", COL_REQUIRED, 32, NULL},
	[LIN_DATE] = {"date", COL_REQUIRED, 32, NULL},
	[LIN_NOTE_NL] = {"note_nl", COL_FREE_TEXT, 512, NULL},
	[LIN_NOTE_EN] = {"note_en", COL_FREE_TEXT, 512, NULL},
	{NULL, 0, 0, NULL},
};

static const char *const lineage_kinds[] = {"renamed", "merged_into", "split_into", "replaced_by", NULL};

static int lineage_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO work_form_lineage (from_form, to_form, kind, date, note_nl, note_en)"
			" VALUES ((SELECT id FROM work_form WHERE code = ?1), (SELECT id FROM work_form WHERE code = ?2),"
			" ?3, ?4, ?5, ?6)"
			" ON CONFLICT (from_form, to_form) DO UPDATE SET kind = excluded.kind, date = excluded.date,"
			" note_nl = excluded.note_nl, note_en = excluded.note_en"
			" WHERE (kind, date, note_nl, note_en) IS NOT (excluded.kind, excluded.date, excluded.note_nl, excluded.note_en)",
			"SELECT 1 FROM work_form_lineage l JOIN work_form f ON f.id = l.from_form JOIN work_form t ON t.id = l.to_form"
			" WHERE f.code = ?1 AND t.code = ?2",
			NULL);
}

/* A code that names a work form of the catalogue (not a total). */
static int lineage_form(imp *I, const csv_row *r, const char *col, const char *code)
{
	int i = model_node_index(I->m, code);
	if (i < 0)
		return imp_field_error(I, r, col, V(I->en, import_not_work_form_catalogue), code);
	if (I->m->nodes[i].kind != KIND_FORM)
		return imp_field_error(I, r, col, V(I->en, import_built_total_not_work_form), code);
	return 0;
}

static int lineage_row(imp *I, const csv_row *r)
{
	const char *from = I->v[LIN_FROM], *to = I->v[LIN_TO], *kind = I->v[LIN_KIND], *date = I->v[LIN_DATE];
	int bad = 0;
	bad |= lineage_form(I, r, "from", from) < 0;
	bad |= lineage_form(I, r, "to", to) < 0;
	if (!bad && strcmp(from, to) == 0)
		bad |= imp_field_error(I, r, "to", V(I->en, import_work_form_cannot_succeed_itself), from) < 0;
	int known = 0;
	for (int k = 0; lineage_kinds[k]; k++)
		known |= strcmp(kind, lineage_kinds[k]) == 0;
	if (!known)
		bad |= imp_field_error(I, r, "kind", V(I->en, import_renamed_merged_into_split_into),
				       kind) < 0;
	if (!*date || !imp_valid_date(date))
		bad |= imp_field_error(I, r, "date", V(I->en, import_date_yyyy_mm_dd), date) < 0;
	char key[160];
	snprintf(key, sizeof key, "%s>%s", from, to);
	if (!bad && imp_once_per_file(I, r, "to", key) < 0)
		bad = 1;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	sqlite3_bind_text(I->sel, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->sel, 2, to, -1, SQLITE_TRANSIENT);
	int existed = sqlite3_step(I->sel) == SQLITE_ROW;
	sqlite3_reset(I->sel);
	I->pending = xrealloc(I->pending, sizeof *I->pending * (size_t)(I->n_pending + 1));
	I->pending[I->n_pending++] =
		(pending_ref){arena_strdup(&I->mem, from), arena_strdup(&I->mem, to), r->line, imp_field_col(I, r, "to")};
	const char *vals[] = {from, to, kind, date, I->v[LIN_NOTE_NL], I->v[LIN_NOTE_EN]};
	for (int i = 0; i < 6; i++)
		sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	return imp_step_done(I, I->ins, "lineage", existed);
}

/* Runs sql with the two codes bound; the first column of its first row
 * into out, 1 if there is a row, 0 if none, negative on a failure. */
static int lineage_query(imp *I, const char *sql, const char *a, const char *b, char *out, size_t cap)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s, sql, &st, &e) < 0)
		return imp_db_error(I, "lineage");
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out)
		snprintf(out, cap, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return imp_db_error(I, "lineage");
	return rc == SQLITE_ROW;
}

/* What a form's links must agree on, over the whole catalogue: a form that
 * was renamed, merged or replaced went into one form (several successors
 * are a split, and then all of them are); a renamed form's successor has no
 * other predecessor (that would be a merge). */
static const char *const shape_sql =
	"SELECT CASE"
	" WHEN (SELECT count(DISTINCT kind) FROM work_form_lineage WHERE from_form = f.id) > 1"
	"  THEN 'its links have different kinds (' || (SELECT group_concat(DISTINCT kind) FROM work_form_lineage"
	"  WHERE from_form = f.id) || '); one reform, one kind'"
	" WHEN (SELECT count(*) FROM work_form_lineage WHERE from_form = f.id AND kind <> 'split_into') > 1"
	"  THEN 'it goes into several work forms, which is split_into'"
	" WHEN EXISTS (SELECT 1 FROM work_form_lineage l WHERE l.from_form = f.id AND l.kind = 'renamed'"
	"  AND (SELECT count(*) FROM work_form_lineage WHERE to_form = l.to_form) > 1)"
	"  THEN 'it is renamed into a work form that has other predecessors, which is merged_into'"
	" END FROM work_form f WHERE f.code = ?1";

/* Does `to` lead back to `from` through the stored links (this file's are
 * stored by now, inside the import's transaction)? */
static const char *const cycle_sql =
	"WITH RECURSIVE r(id) AS (SELECT id FROM work_form WHERE code = ?2"
	" UNION SELECT l.to_form FROM work_form_lineage l JOIN r ON l.from_form = r.id)"
	" SELECT 1 FROM r JOIN work_form f ON f.id = r.id WHERE f.code = ?1";

static int lineage_end(imp *I)
{
	for (int i = 0; i < I->n_pending && !I->failed; i++) {
		const pending_ref *p = &I->pending[i];
		char why[256] = "";
		int rc = lineage_query(I, shape_sql, p->code, p->target, why, sizeof why);
		if (rc < 0)
			break;
		if (rc && *why)
			imp_error(I, V(I->en, import_column_kind_work_form), imp_where(I, p->line, p->col), p->code, why);
		else if ((rc = lineage_query(I, cycle_sql, p->code, p->target, NULL, 0)) > 0)
			imp_error(I, V(I->en, import_column_lineage_forms_cycle_goes),
				  imp_where(I, p->line, p->col), p->code, p->target, p->code);
	}
	I->n_pending = 0;
	return I->failed ? LERR_PARSE : 0;
}

const kind_def imp_kind_lineage = {
	"lineage", lineage_cols, NULL, -1, lineage_begin, lineage_row, lineage_end, imp_finalize, 1,
};
