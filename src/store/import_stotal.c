/* import_stotal.c - the totals a supplier's delivery gives (its "Totaal"
 * rows and columns, read through a source profile by import_profile.c),
 * stored with their cell and the keys of the figures they add up (schema
 * v15), so that `ladder check` compares them with the stored figures of the
 * same edition (check_rule_supplier_totals). In the import's transaction:
 * all or nothing with its figures. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <stdlib.h>
#include <string.h>

/* The edition a part names: its own code, else the import's default. */
static const char *part_edition(const imp *I, const tpart *p)
{
	return *p->edition ? p->edition : I->default_ed_code;
}

/* Drops the totals this file and sheet gave before for the editions its
 * totals name now: a delivery imported again replaces its own, while last
 * year's delivery under the same name keeps its. */
static int drop_replaced(imp *I, const stotal *t, int n)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s,
			  "DELETE FROM supplier_total WHERE file = ?1 AND sheet = ?2 AND id IN (SELECT p.total FROM"
			  " supplier_total_part p JOIN edition e ON e.id = p.edition WHERE e.code = ?3)",
			  &st, &e) < 0)
		return imp_db_error(I, "supplier_total");
	const char *last = "";
	int rc = SQLITE_DONE;
	for (int i = 0; i < n && rc == SQLITE_DONE; i++)
		for (int k = 0; k < t[i].parts.n && rc == SQLITE_DONE; k++) {
			const char *ed = part_edition(I, &t[i].parts.v[k]);
			if (strcmp(ed, last) == 0)
				continue;
			last = ed;
			sqlite3_bind_text(st, 1, I->file, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 2, I->fr->sheet, -1, SQLITE_STATIC);
			sqlite3_bind_text(st, 3, ed, -1, SQLITE_STATIC);
			rc = sqlite3_step(st);
			sqlite3_reset(st);
		}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE ||
	    store_exec(I->s, "DELETE FROM supplier_total_part WHERE total NOT IN (SELECT id FROM supplier_total)", &e) < 0)
		return imp_db_error(I, "supplier_total");
	return 0;
}

static int insert_total(imp *I, sqlite3_stmt *st, const stotal *t, long long *id)
{
	sqlite3_bind_text(st, 1, I->file, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, I->fr->sheet, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, t->line);
	sqlite3_bind_int(st, 4, t->col);
	sqlite3_bind_text(st, 5, t->is_row ? "row" : "column", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, t->label, -1, SQLITE_STATIC);
	sqlite3_bind_double(st, 7, t->value);
	sqlite3_bind_text(st, 8, I->opt->profile_label ? I->opt->profile_label : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	*id = sqlite3_last_insert_rowid(store_handle(I->s));
	return rc == SQLITE_DONE ? 0 : LERR_DB;
}

/* A part's key by codes; a code the store lacks cannot be there after the
 * figures were written (all or nothing), so nothing is skipped. */
static int insert_part(imp *I, sqlite3_stmt *st, long long total, const tpart *p)
{
	sqlite3_bind_int64(st, 1, total);
	sqlite3_bind_text(st, 2, part_edition(I, p), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 3, atoi(p->year));
	sqlite3_bind_text(st, 4, p->area, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, p->item, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE && sqlite3_changes(store_handle(I->s)) == 1 ? 0 : LERR_DB;
}

int imp_save_supplier_totals(imp *I, const stotal *t, int n)
{
	if (drop_replaced(I, t, n) < 0)
		return LERR_DB;
	sqlite3_stmt *tot = NULL, *part = NULL;
	lerr e;
	int rc = store_prepare(I->s,
			       "INSERT INTO supplier_total (file, sheet, line, col, kind, label, value, profile, imported_at)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
			       &tot, &e);
	if (rc == 0)
		rc = store_prepare(I->s,
				   "INSERT INTO supplier_total_part (total, edition, year, area, work_form)"
				   " SELECT ?1, e.id, ?3, a.id, w.id FROM edition e, area a, work_form w"
				   " WHERE e.code = ?2 AND a.code = ?4 AND w.code = ?5",
				   &part, &e);
	for (int i = 0; i < n && rc == 0; i++) {
		long long id;
		rc = insert_total(I, tot, &t[i], &id);
		for (int k = 0; k < t[i].parts.n && rc == 0; k++)
			rc = insert_part(I, part, id, &t[i].parts.v[k]);
	}
	sqlite3_finalize(tot);
	sqlite3_finalize(part);
	return rc < 0 ? imp_db_error(I, "supplier_total") : 0;
}
