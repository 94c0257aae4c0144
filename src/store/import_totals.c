/* import_totals.c - the built-in total nodes between the rungs and the work
 * forms: the headline total, a total per rung and one per subcategory. Their
 * codes come from the model (model_total_code, the subcategory lists); only
 * the names of the headline and the subcategories are written here (the
 * rungs' come from the rung table). See import.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <string.h>

/* The names of what the model does not name itself. */
static const struct {
	const char *sub, *nl, *en;
} total_names[] = {
	{"", "Tewerkstelling en participatie kansengroepen (treden 3-5)",
	 "Employment and participation of disadvantaged groups (rungs 3-5)"},
	{"collectief", "Collectieve inschakeling", "Collective employment"},
	{"individueel", "Individuele inschakeling", "Individual employment"},
	{"se", "Arbeidszorg sociale economie", "Sheltered work in the social economy"},
	{"ggz", "Arbeidszorg geestelijke gezondheidszorg", "Sheltered work in mental health care"},
	{"vaph", "Arbeidszorg personen met een handicap (VAPH)", "Sheltered work in disability care (VAPH)"},
	{"welzijn", "Arbeidszorg welzijn", "Sheltered work in welfare"},
};

static int name_of(const char *sub, const char **nl, const char **en)
{
	for (size_t i = 0; i < sizeof total_names / sizeof total_names[0]; i++)
		if (strcmp(total_names[i].sub, sub) == 0) {
			*nl = total_names[i].nl;
			*en = total_names[i].en;
			return 0;
		}
	return LERR_NOTFOUND;
}

/* Binds and runs one total node. rung 0: the headline. */
static int add_node(store *s, sqlite3_stmt *st, arena *a, const char *kind, int rung, const char *sub,
		    const char *parent, lerr *err)
{
	const char *nl, *en;
	if (strcmp(kind, "rung") == 0) {
		nl = arena_printf(a, "Trede %d", rung); /* completed from the rung table below */
		en = arena_printf(a, "Rung %d", rung);
	} else if (name_of(sub, &nl, &en) < 0) {
		return lerr_set(err, LERR_NOTFOUND, "add totals: no name for subcategory '%s'", sub);
	}
	const char *code = rung ? model_total_code(a, rung, sub) : "totaal";
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, nl, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, en, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, parent, -1, SQLITE_TRANSIENT);
	if (rung)
		sqlite3_bind_int(st, 6, rung);
	else
		sqlite3_bind_null(st, 6);
	sqlite3_bind_text(st, 7, sub, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 8, rung != 6); /* rung 6 is outside the headline */
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : store_fail(s, err, "add totals");
}

int imp_add_total_nodes(store *s, lerr *err)
{
	sqlite3_stmt *st;
	if (store_prepare(s,
			  "INSERT OR IGNORE INTO work_form (code, kind, name_nl, name_en, parent, rung, subcategory, in_headline, seq)"
			  " VALUES (?1, ?2, ?3, ?4, (SELECT id FROM work_form WHERE code = ?5), ?6, ?7, ?8, 0)",
			  &st, err) < 0)
		return LERR_DB;
	arena a;
	arena_init(&a);
	/* in this order (it gives the ids): the headline, rungs 5, 4, 3 with
	 * their subcategories, then rung 6 beside the headline */
	static const int rungs[] = {5, 4, 3, 6};
	int rc = add_node(s, st, &a, "headline", 0, "", NULL, err);
	for (size_t i = 0; rc == 0 && i < sizeof rungs / sizeof rungs[0]; i++) {
		int n = rungs[i];
		const char *rung_code = model_total_code(&a, n, "");
		rc = add_node(s, st, &a, "rung", n, "", n == 6 ? NULL : "totaal", err);
		const char *const *subs = n == 5 ? model_subcategories_rung5 : n == 3 ? model_subcategories_rung3 : NULL;
		for (; rc == 0 && subs && *subs; subs++)
			rc = add_node(s, st, &a, "subcategory", n, *subs, rung_code, err);
	}
	sqlite3_finalize(st);
	arena_release(&a);
	if (rc < 0)
		return rc;
	/* the rung names come from the rung table */
	return store_exec(s, "UPDATE work_form SET name_nl = 'Trede ' || rung || ': ' || (SELECT name_nl FROM rung r WHERE r.rung = work_form.rung),"
			     " name_en = 'Rung ' || rung || ': ' || (SELECT name_en FROM rung r WHERE r.rung = work_form.rung)"
			     " WHERE kind = 'rung'",
			  err);
}
