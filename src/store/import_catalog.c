/* import_catalog.c - the work-form catalogue: work forms upserted by code,
 * their successors checked once the whole file is in (each must name a
 * work form, and they must not form a cycle). See import_internal.h. */
#define _POSIX_C_SOURCE 200809L
#include "import_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* catalog: work forms */
enum { CAT_CODE, CAT_NAME_NL, CAT_RUNG, CAT_NAME_EN, CAT_ABBR, CAT_SUB, CAT_SOURCE, CAT_RULE, CAT_FROM, CAT_TO, CAT_SUCC,
       CAT_HEAD, CAT_NOTE, CAT_UNIT, CAT_PROGRAMME, CAT_TRANSITION };

/* Optional columns the file lacks keep what is stored (COL_KEEP). */
static const col_spec catalog_cols[] = {
	[CAT_CODE] = {"code", COL_REQUIRED, 64, "code"},
	[CAT_NAME_NL] = {"name_nl", COL_REQUIRED, 256, "name_nl"},
	[CAT_RUNG] = {"rung", COL_REQUIRED, 16, "rung"},
	[CAT_NAME_EN] = {"name_en", COL_KEEP, 256, "name_en"},
	[CAT_ABBR] = {"abbr", COL_KEEP, 64, "abbr"},
	[CAT_SUB] = {"subcategory", COL_KEEP, 32, "subcategory"},
	[CAT_SOURCE] = {"source", COL_KEEP | COL_FREE_TEXT, 512, "source"},
	[CAT_RULE] = {"counting_rule", COL_KEEP | COL_FREE_TEXT, 512, "counting_rule"},
	[CAT_FROM] = {"valid_from", COL_KEEP, 32, "valid_from"},
	[CAT_TO] = {"valid_to", COL_KEEP, 32, "valid_to"},
	[CAT_SUCC] = {"successors", COL_KEEP, 512, "successors"},
	[CAT_HEAD] = {"in_headline", COL_KEEP, 16, "in_headline"},
	[CAT_NOTE] = {"note", COL_KEEP | COL_FREE_TEXT, 512, "note"},
	[CAT_UNIT] = {"unit", COL_KEEP, 32, "unit"},
	[CAT_PROGRAMME] = {"programme", COL_KEEP, 64, "programme"},
	[CAT_TRANSITION] = {"transition", COL_KEEP, 512, "transition"},
	{NULL, 0, 0, NULL},
};

static int catalog_begin(imp *I)
{
	return imp_prepare(I,
			"INSERT INTO work_form (code, kind, name_nl, name_en, abbr, rung, subcategory, parent, source,"
			" counting_rule, valid_from, valid_to, successors, in_headline, note, seq, unit, programme, transition)"
			" VALUES (?1, 'form', ?2, ?3, ?4, ?5, ?6, (SELECT id FROM work_form WHERE code = ?7), ?8, ?9, ?10, ?11, ?12,"
			" ?13, ?14, ?15, ?16, ?17, ?18)"
			" ON CONFLICT (code) DO UPDATE SET name_nl = excluded.name_nl, name_en = excluded.name_en,"
			" abbr = excluded.abbr, rung = excluded.rung, subcategory = excluded.subcategory, parent = excluded.parent,"
			" source = excluded.source, counting_rule = excluded.counting_rule, valid_from = excluded.valid_from,"
			" valid_to = excluded.valid_to, successors = excluded.successors, in_headline = excluded.in_headline,"
			" note = excluded.note, seq = excluded.seq, unit = excluded.unit, programme = excluded.programme,"
			" transition = excluded.transition"
			" WHERE kind = 'form' AND (name_nl, name_en, abbr, rung, subcategory, parent, source, counting_rule,"
			" valid_from, valid_to, successors, in_headline, note, unit, programme, transition) IS NOT"
			" (excluded.name_nl, excluded.name_en,"
			" excluded.abbr, excluded.rung, excluded.subcategory, excluded.parent, excluded.source,"
			" excluded.counting_rule, excluded.valid_from, excluded.valid_to, excluded.successors,"
			" excluded.in_headline, excluded.note, excluded.unit, excluded.programme, excluded.transition)",
			"SELECT kind FROM work_form WHERE code = ?", NULL);
}

/* A declared transition names successors of the same row only: an overlap
 * is accepted with a successor, never with any form. */
static int check_transition(imp *I, const csv_row *r, const char *trans, const char *succ)
{
	char list[512];
	snprintf(list, sizeof list, "%s", trans);
	char *save = NULL;
	for (char *tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
		if (!model_list_has(succ, tok))
			return imp_field_error(I, r, "transition", V(I->en, import_not_one_successors_transition_declared), tok, succ);
	return 0;
}

static int catalog_row(imp *I, const csv_row *r)
{
	char *const *v = I->v;
	const char *code = v[CAT_CODE], *nl = v[CAT_NAME_NL], *en = v[CAT_NAME_EN], *abbr = v[CAT_ABBR],
		   *rung = v[CAT_RUNG], *source = v[CAT_SOURCE], *rule = v[CAT_RULE], *from = v[CAT_FROM],
		   *to = v[CAT_TO], *head = v[CAT_HEAD], *note = v[CAT_NOTE];
	char *sub = v[CAT_SUB], *succ = v[CAT_SUCC], *trans = v[CAT_TRANSITION]; /* normalised in place */
	const char *programme = v[CAT_PROGRAMME];
	for (char *p = sub; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	int bad = 0;
	if (!imp_valid_code(code))
		bad |= imp_field_error(I, r, "code", V(I->en, import_code_lower_case_letters_digits), code) < 0;
	else if (strncmp(code, "trede", 5) == 0 || strcmp(code, "totaal") == 0)
		bad |= imp_field_error(I, r, "code", V(I->en, import_reserved_for_built_totals), code) < 0;
	else if (imp_once_per_file(I, r, "code", code) < 0)
		bad = 1;
	if (!*nl)
		bad |= imp_field_error(I, r, "name_nl", V(I->en, import_dutch_name_required)) < 0;
	int n = atoi(rung);
	if (strlen(rung) != 1 || n < 3 || n > 6)
		bad |= imp_field_error(I, r, "rung", V(I->en, import_rung_from_3_6_rungs), rung) < 0;
	else if (!model_subcategory_valid(n, sub))
		bad |= imp_field_error(I, r, "subcategory", V(I->en, import_not_subcategory_rung_rung_5), sub, n) < 0;
	if (!imp_valid_date(from))
		bad |= imp_field_error(I, r, "valid_from", V(I->en, import_date_yyyy_mm_dd_empty), from) < 0;
	if (!imp_valid_date(to))
		bad |= imp_field_error(I, r, "valid_to", V(I->en, import_date_yyyy_mm_dd_empty), to) < 0;
	else if (*from && *to && strcmp(from, to) > 0)
		bad |= imp_field_error(I, r, "valid_to", V(I->en, import_ends_before_it_starts), to, from) < 0;
	int h = n != 6;
	if (*head && imp_parse_bool(head, &h) < 0)
		bad |= imp_field_error(I, r, "in_headline", V(I->en, import_1_0_ja_nee_yes), head) < 0;
	else if (h && n == 6)
		bad |= imp_field_error(I, r, "in_headline", V(I->en, import_rung_6_never_part_headline)) < 0;
	/* what its figures count: a stored value (COL_KEEP) is a code already */
	enum model_form_unit unit = FORM_PERSONS;
	if (*v[CAT_UNIT] && model_form_unit_parse(v[CAT_UNIT], &unit) < 0)
		bad |= imp_field_error(I, r, "unit", V(I->en, import_persons_places_trajectories_fte_personen), v[CAT_UNIT]) < 0;
	if (*programme && !imp_valid_code(programme))
		bad |= imp_field_error(I, r, "programme", V(I->en, import_code_lower_case_letters_digits), programme) < 0;
	/* successors: codes separated by spaces or '|'; checked at the end of the file */
	for (char *p = succ; *p; p++)
		if (*p == '|' || *p == ',')
			*p = ' ';
	for (char *p = trans; *p; p++)
		if (*p == '|' || *p == ',')
			*p = ' ';
	bad |= check_transition(I, r, trans, succ) < 0;
	if (bad || I->failed)
		return bad ? LERR_PARSE : 0;
	sqlite3_bind_text(I->sel, 1, code, -1, SQLITE_TRANSIENT);
	int existed = sqlite3_step(I->sel) == SQLITE_ROW;
	int exists_as_total = existed && strcmp((const char *)sqlite3_column_text(I->sel, 0), "form") != 0;
	sqlite3_reset(I->sel);
	if (exists_as_total)
		return imp_field_error(I, r, "code", V(I->en, import_built_total), code);
	/* successors may name work forms further down the file: check at the end */
	int scol = imp_field_col(I, r, "successors");
	char list[512];
	snprintf(list, sizeof list, "%s", succ);
	char *save = NULL;
	for (char *tok = strtok_r(list, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		I->pending = xrealloc(I->pending, sizeof *I->pending * (size_t)(I->n_pending + 1));
		I->pending[I->n_pending++] = (pending_ref){arena_strdup(&I->mem, code), arena_strdup(&I->mem, tok), r->line, scol};
	}
	arena tmp;
	arena_init(&tmp);
	const char *parent = model_total_code(&tmp, n, sub);
	const char *vals[] = {code, nl, en, abbr, NULL, sub, parent, source, rule, from, to, succ};
	for (int i = 0; i < 12; i++)
		if (i != 4)
			sqlite3_bind_text(I->ins, i + 1, vals[i], -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(I->ins, 5, n);
	sqlite3_bind_int(I->ins, 13, h);
	sqlite3_bind_text(I->ins, 14, note, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(I->ins, 15, r->line);
	sqlite3_bind_text(I->ins, 16, model_form_unit_code(unit), -1, SQLITE_STATIC);
	sqlite3_bind_text(I->ins, 17, programme, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(I->ins, 18, trans, -1, SQLITE_TRANSIENT);
	arena_release(&tmp);
	return imp_step_done(I, I->ins, "work_form", existed);
}

/* The successor graph of the whole catalogue (what is stored plus this
 * file), for the cycle check: forms by index, edges as index lists. */
typedef struct succ_graph {
	strmap index; /* code -> form */
	char **code;
	int **next;
	int *n_next;
	int n;
} succ_graph;

static int load_successor_graph(imp *I, succ_graph *g)
{
	sqlite3_stmt *st;
	lerr e;
	memset(g, 0, sizeof *g);
	strmap_init(&g->index);
	if (store_prepare(I->s, "SELECT code, successors FROM work_form WHERE kind = 'form' ORDER BY seq, code", &st, &e) < 0)
		return imp_db_error(I, "successors");
	char **succ = NULL;
	while (sqlite3_step(st) == SQLITE_ROW) {
		g->code = xrealloc(g->code, sizeof *g->code * (size_t)(g->n + 1));
		succ = xrealloc(succ, sizeof *succ * (size_t)(g->n + 1));
		g->code[g->n] = arena_strdup(&I->mem, (const char *)sqlite3_column_text(st, 0));
		const char *t = (const char *)sqlite3_column_text(st, 1);
		succ[g->n] = arena_strdup(&I->mem, t ? t : "");
		strmap_put(&g->index, g->code[g->n], g->n);
		g->n++;
	}
	sqlite3_finalize(st);
	g->next = xcalloc((size_t)g->n + 1, sizeof *g->next);
	g->n_next = xcalloc((size_t)g->n + 1, sizeof *g->n_next);
	for (int i = 0; i < g->n; i++) {
		char *save = NULL;
		for (char *tok = strtok_r(succ[i], " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			int j;
			if (!strmap_get(&g->index, tok, &j))
				continue; /* checked above */
			g->next[i] = xrealloc(g->next[i], sizeof **g->next * (size_t)(g->n_next[i] + 1));
			g->next[i][g->n_next[i]++] = j;
		}
	}
	free(succ);
	return 0;
}

static void free_successor_graph(succ_graph *g)
{
	for (int i = 0; i < g->n; i++)
		free(g->next[i]);
	free(g->next);
	free(g->n_next);
	free(g->code);
	strmap_release(&g->index);
}

/* Depth-first search from v; on a cycle, cycle[0..*len) holds it. */
static int find_cycle(const succ_graph *g, int v, char *state, int *stack, int depth, int *cycle, int *len)
{
	state[v] = 1; /* on the stack */
	stack[depth] = v;
	for (int k = 0; k < g->n_next[v]; k++) {
		int w = g->next[v][k];
		if (state[w] == 1) {
			int from = depth;
			while (stack[from] != w)
				from--;
			*len = depth - from + 1;
			memcpy(cycle, stack + from, sizeof *cycle * (size_t)*len);
			return 1;
		}
		if (state[w] == 0 && find_cycle(g, w, state, stack, depth + 1, cycle, len))
			return 1;
	}
	state[v] = 2; /* done */
	return 0;
}

/* The row of this file that names a step of the cycle (as cycle[*start] ->
 * the next); the first row when none does (cannot happen: what is stored
 * was checked). */
static const pending_ref *cycle_row(const imp *I, const succ_graph *g, const int *cycle, int len, int *start)
{
	for (int q = 0; q < I->n_pending; q++)
		for (int i = 0; i < len; i++)
			if (strcmp(g->code[cycle[i]], I->pending[q].code) == 0 &&
			    strcmp(g->code[cycle[(i + 1) % len]], I->pending[q].target) == 0) {
				*start = i;
				return &I->pending[q];
			}
	*start = 0;
	return &I->pending[0];
}

/* Work forms succeed one another through reforms: a form that is (through
 * others) its own successor would make the lineage endless. Reports the
 * first cycle that an edge of this file closes, named from that edge. */
static int check_successor_cycles(imp *I)
{
	if (!I->n_pending)
		return 0;
	succ_graph g;
	if (load_successor_graph(I, &g) < 0)
		return LERR_DB;
	char *state = xcalloc((size_t)g.n + 1, 1);
	int *stack = xmalloc(sizeof *stack * ((size_t)g.n + 1));
	int *cycle = xmalloc(sizeof *cycle * ((size_t)g.n + 1));
	int len = 0;
	for (int p = 0; p < I->n_pending && !len; p++) {
		int v;
		if (strmap_get(&g.index, I->pending[p].code, &v) && !state[v])
			find_cycle(&g, v, state, stack, 0, cycle, &len);
	}
	if (len) {
		int start;
		const pending_ref *at = cycle_row(I, &g, cycle, len, &start);
		buf path = BUF_INIT;
		for (int i = 0; i <= len; i++)
			buf_printf(&path, "%s%s", i ? " -> " : "", g.code[cycle[(start + i) % len]]);
		imp_error(I, V(I->en, import_column_successors_successors_form_cycle), imp_where(I, at->line, at->col),
			  path.ptr);
		buf_release(&path);
	}
	free(cycle);
	free(stack);
	free(state);
	free_successor_graph(&g);
	return len ? LERR_PARSE : 0;
}

/* A programme on two rungs has one entry per rung: two entries of one
 * programme on one rung would hold the same persons twice. Checked over the
 * whole catalogue (what is stored plus this file). */
static int check_programmes(imp *I)
{
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(I->s,
			  "SELECT programme, rung, group_concat(code, ', ') FROM work_form WHERE kind = 'form' AND programme <> ''"
			  " GROUP BY programme, rung HAVING count(*) > 1 ORDER BY programme, rung",
			  &st, &e) < 0)
		return imp_db_error(I, "programme");
	if (sqlite3_step(st) == SQLITE_ROW)
		imp_error(I, V(I->en, import_column_programme_programme_has_more),
			  I->file, (const char *)sqlite3_column_text(st, 0), sqlite3_column_int(st, 1),
			  (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return I->failed ? LERR_PARSE : 0;
}

static int catalog_end(imp *I)
{
	if (I->failed)
		return 0;
	/* every successor must name a work form, now that the whole file is in */
	sqlite3_stmt *chk;
	lerr e;
	if (store_prepare(I->s, "SELECT 1 FROM work_form WHERE code = ? AND kind = 'form'", &chk, &e) < 0)
		return imp_db_error(I, "successors");
	for (int i = 0; i < I->n_pending; i++) {
		const pending_ref *p = &I->pending[i];
		sqlite3_bind_text(chk, 1, p->target, -1, SQLITE_STATIC);
		int ok = sqlite3_step(chk) == SQLITE_ROW;
		sqlite3_reset(chk);
		if (!ok)
			imp_error(I, V(I->en, import_column_successors_work_form_names), imp_where(I, p->line, p->col), p->code, p->target);
	}
	sqlite3_finalize(chk);
	if (!I->failed)
		check_successor_cycles(I);
	if (!I->failed)
		check_programmes(I);
	I->n_pending = 0;
	return I->failed ? LERR_PARSE : 0;
}

const kind_def imp_kind_catalog = {
	"catalog", catalog_cols, "work_form", CAT_CODE, catalog_begin, catalog_row, catalog_end, imp_finalize, 1,
};
