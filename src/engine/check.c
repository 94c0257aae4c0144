/* check.c - the rules of `ladder check`: the findings and the runner. See
 * check.h; the rules themselves are in check_year.c, check_revisions.c and
 * check_claims.c (check_internal.h). */
#include "check_internal.h"
#include "../base/num.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- report */

check_finding *check_add_finding(checker *C, const char *rule, check_what what, check_severity sev, int area, int year)
{
	check_report *r = C->r;
	r->findings = xrealloc(r->findings, sizeof *r->findings * (size_t)(r->n_findings + 1));
	check_finding *f = &r->findings[r->n_findings++];
	memset(f, 0, sizeof *f);
	f->rule = rule;
	f->what = what;
	f->severity = sev;
	f->area = area;
	f->year = year;
	f->node = -1;
	f->node2 = -1;
	return f;
}

void check_add_figure(check_finding *f, const char *name, double v, int known)
{
	f->figures = xrealloc(f->figures, sizeof *f->figures * (size_t)(f->n_figures + 1));
	f->figures[f->n_figures++] = (check_figure){xstrdup(name), v, known};
}

int check_in_scope(const model *m, int a, int scope)
{
	if (scope < 0)
		return 1;
	const model_area *s = &m->areas[scope];
	if (s->level == LEVEL_GROUPING) {
		if (a == scope)
			return 1;
		for (int i = 0; i < s->n_children; i++)
			if (check_in_scope(m, a, s->children[i]))
				return 1;
		return 0;
	}
	for (int x = a; x >= 0; x = m->areas[x].parent)
		if (x == scope)
			return 1;
	return 0;
}
/* ------------------------------------------------------------- the runner */

void check_options_default(check_options *o)
{
	o->area = -1;
	o->year = 0;
	o->edition = NULL;
	o->jump_pct = 25;
	o->jump_min = 50;
	o->claims_edition = NULL;
	o->claims_only = 0;
}

const char *check_severity_code(check_severity s)
{
	static const char *const code[] = {"info", "warning", "error"};
	return code[s];
}

int check_exit_status(const check_report *r)
{
	int worst = 0;
	for (int i = 0; i < r->n_findings; i++) {
		if (r->findings[i].severity == SEV_ERROR)
			return 2;
		if (r->findings[i].severity == SEV_WARNING)
			worst = 1;
	}
	return worst;
}

/* The years to check: with --edition, the years that edition holds. */
static int year_list(checker *C, int **years)
{
	int n;
	if (store_years(C->s, "figure", C->o->edition, years, &n, C->err) < 0)
		return LERR_DB;
	int k = 0;
	for (int i = 0; i < n; i++)
		if (!C->o->year || C->o->year == (*years)[i])
			(*years)[k++] = (*years)[i];
	return k;
}

/* The areas within scope, per model area; NULL for everywhere. The rules
 * of a year look at an area in scope and the areas under it only, so a
 * check of one area reads their figures, not every area's of the year. */
static unsigned char *scope_areas(const model *m, int scope)
{
	if (scope < 0)
		return NULL;
	unsigned char *within = xcalloc((size_t)m->n_areas + 1, 1);
	for (int a = 0; a < m->n_areas; a++)
		within[a] = (unsigned char)check_in_scope(m, a, scope);
	return within;
}

/* The rules that look at one year's figures, in order. */
typedef void (*year_rule)(checker *C, year_ctx *y);
static const year_rule year_rules[] = {check_rule_parts_total, check_rule_year_on_year, check_rule_reform_unlinked, check_rule_validity,
				       check_rule_mixed_units, check_rule_programme_twice, check_rule_population};

check_report *check_run(store *s, const model *m, const check_options *o, lerr *err)
{
	if (store_read_begin(s, err) < 0)
		return NULL;
	checker C = {s, m, o, xcalloc(1, sizeof(check_report)), err};
	int *years;
	int n = o->claims_only ? (years = NULL, 0) : year_list(&C, &years);
	if (n < 0) {
		store_read_end(s);
		check_report_free(C.r);
		return NULL;
	}
	int rc = 0;
	check_rule_overlap(&C);
	calc_grid *last = NULL;
	int last_edition = 0, last_year = 0;
	calc_value *population = xcalloc((size_t)m->n_areas + 1, sizeof *population);
	unsigned char *within = scope_areas(m, o->area);
	for (int i = 0; i < n && rc >= 0; i++) {
		year_ctx y = {0};
		y.year = years[i];
		if (o->edition) {
			rc = store_edition(s, o->edition, 0, &y.edition, err);
			snprintf(y.edition_code, sizeof y.edition_code, "%s", o->edition);
		} else {
			rc = store_latest_edition(s, "figure", y.year, &y.edition, y.edition_code, err);
		}
		if (rc < 0 || !y.edition)
			continue;
		y.g = calc_grid_load_within(s, m, y.edition, y.year, within, err);
		/* the year before in the same edition: often the grid just checked */
		if (y.g && last && last_edition == y.edition && last_year == y.year - 1) {
			y.prev = last;
			last = NULL;
		} else if (y.g) {
			y.prev = calc_grid_load_within(s, m, y.edition, y.year - 1, within, err);
		}
		if (y.g && y.prev && (rc = calc_context_year(s, m, y.year, "population_18_64", y.edition, population, err)) == 0) {
			y.population = population;
			for (size_t r = 0; r < sizeof year_rules / sizeof year_rules[0]; r++)
				year_rules[r](&C, &y);
		} else if (rc == 0) {
			rc = LERR_DB;
		}
		calc_grid_free(last);
		calc_grid_free(y.prev);
		last = y.g;
		last_edition = y.edition;
		last_year = y.year;
	}
	calc_grid_free(last);
	free(within);
	free(population);
	free(years);
	if (rc >= 0 && ((!o->claims_only && (check_rule_revisions(&C) < 0 || check_rule_context_values(&C) < 0 ||
					     check_rule_supplier_totals(&C) < 0)) ||
			check_rule_claims(&C) < 0))
		rc = LERR_DB;
	store_read_end(s);
	if (rc < 0) {
		check_report_free(C.r);
		return NULL;
	}
	return C.r;
}

/* Frees what a finding quotes besides its figures: claims and unknowns. */
static void drop_quotes(check_finding *f)
{
	for (int k = 0; k < f->n_claims; k++) {
		free(f->claims[k].id);
		free(f->claims[k].text);
		free(f->claims[k].stated);
	}
	free(f->claims);
	f->claims = NULL;
	f->n_claims = 0;
	for (int k = 0; k < f->n_refs; k++) {
		free(f->refs[k].area_code);
		free(f->refs[k].item);
	}
	free(f->refs);
	f->refs = NULL;
	f->n_refs = 0;
}

void check_report_free(check_report *r)
{
	if (!r)
		return;
	for (int i = 0; i < r->n_findings; i++) {
		check_finding *f = &r->findings[i];
		for (int k = 0; k < f->n_figures; k++)
			free(f->figures[k].name);
		free(f->figures);
		drop_quotes(f);
		free(f->editions[0]);
		free(f->editions[1]);
		free(f->source);
		free(f->label);
	}
	for (int i = 0; i < r->n_unchecked; i++) {
		free(r->unchecked[i].claim);
		free(r->unchecked[i].text);
	}
	free(r->unchecked);
	free(r->findings);
	free(r);
}

/* The protected grids check_redact reads, by edition and year. */
typedef struct redactor {
	store *s;
	const model *m;
	const char *edition;
	struct { int edition, year; calc_grid *g; } *grids;
	int n;
	lerr *err;
	int rc; /* the first failure: the findings must then not be published */
} redactor;

/* The protected grid of year in edition code (NULL: the redaction's
 * edition, else the latest of the year); NULL when there is none. */
static calc_grid *protected_grid(redactor *R, const char *code, int year)
{
	int ed;
	if (R->rc < 0 || (R->rc = calc_edition_id(R->s, code ? code : R->edition, year, &ed, R->err)) < 0 || !ed)
		return NULL;
	for (int i = 0; i < R->n; i++)
		if (R->grids[i].edition == ed && R->grids[i].year == year)
			return R->grids[i].g;
	calc_grid *g = calc_grid_load_protected(R->s, R->m, ed, year, R->err);
	if (!g) {
		R->rc = LERR_DB;
		return NULL;
	}
	R->grids = xrealloc(R->grids, sizeof *R->grids * (size_t)(R->n + 1));
	R->grids[R->n].edition = ed;
	R->grids[R->n].year = year;
	R->grids[R->n].g = g;
	return R->grids[R->n++].g;
}

static int hidden_cell(redactor *R, const char *edition, int area, int node, int year)
{
	if (area < 0 || node < 0)
		return 0;
	calc_grid *g = protected_grid(R, edition, year);
	return g && (calc_grid_get(g, area, node).flags & CALC_CONFIDENTIAL);
}

/* A reported figure and the sum of its parts (or sub-areas): the sum gives a
 * hidden part away when the other parts are published, so any hidden part
 * counts. */
static int hidden_sum(redactor *R, const check_finding *f)
{
	if (hidden_cell(R, NULL, f->area, f->node, f->year))
		return 1;
	if (f->what == CHECK_SUB_AREAS) {
		const model_area *a = &R->m->areas[f->area];
		for (int i = 0; i < a->n_children; i++)
			if (hidden_cell(R, NULL, a->children[i], f->node, f->year))
				return 1;
		return 0;
	}
	const model_node *n = &R->m->nodes[f->node];
	for (int i = 0; i < n->n_children; i++)
		if (hidden_cell(R, NULL, f->area, n->children[i], f->year))
			return 1;
	return 0;
}

static void subtree_areas(const model *m, int a, int **out, int *n)
{
	*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
	(*out)[(*n)++] = a;
	if (m->areas[a].level != LEVEL_GROUPING)
		for (int i = 0; i < m->areas[a].n_children; i++)
			subtree_areas(m, m->areas[a].children[i], out, n);
}

static void subtree_nodes(const model *m, int x, int **out, int *n)
{
	*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
	(*out)[(*n)++] = x;
	for (int i = 0; i < m->nodes[x].n_children; i++)
		subtree_nodes(m, m->nodes[x].children[i], out, n);
}

/* A supplier's total states the sum of its parts: a hidden part gives
 * itself away, and so does any hidden cell the sum could be taken from (a
 * published total less this sum). So every cell of the parts' years in
 * the box of the areas under their common area and the work forms under
 * their common work form (or rung, or the headline) must be published. */
static int hidden_supplier_sum(redactor *R, const check_finding *f)
{
	if (f->area < 0)
		return 1;
	int top = -1;
	for (int k = 0; k < f->n_refs; k++) {
		int n = model_node_index(R->m, f->refs[k].item);
		if (n < 0)
			return 1;
		if (top < 0)
			top = n;
		while (top >= 0) { /* the smallest node above both */
			int x = n;
			while (x >= 0 && x != top)
				x = R->m->nodes[x].parent;
			if (x == top)
				break;
			top = R->m->nodes[top].parent;
		}
		if (top < 0)
			return 1;
	}
	int *areas = NULL, *nodes = NULL, na = 0, nn = 0, hidden = 0;
	subtree_areas(R->m, f->area, &areas, &na);
	if (top >= 0)
		subtree_nodes(R->m, top, &nodes, &nn);
	for (int k = 0; k < f->n_refs && !hidden; k++) {
		int year = f->refs[k].year, seen = 0;
		for (int j = 0; j < k && !seen; j++)
			seen = f->refs[j].year == year;
		for (int i = 0; i < na && !seen && !hidden; i++)
			for (int j = 0; j < nn && !hidden; j++)
				hidden = hidden_cell(R, f->editions[0], areas[i], nodes[j], year);
	}
	free(areas);
	free(nodes);
	return hidden || R->rc < 0;
}

/* Does the finding name a hidden figure, or state one that gives it away? */
static int names_hidden(redactor *R, const check_finding *f)
{
	switch (f->what) {
	case CHECK_SUB_AREAS:
	case CHECK_UNSPECIFIED:
	case CHECK_PARTS_EXCEED:
		return hidden_sum(R, f);
	case CHECK_MISSING_NOW:
		return hidden_cell(R, f->editions[0], f->area, f->node, f->year - 1);
	case CHECK_JUMP:
		return hidden_cell(R, NULL, f->area, f->node, f->year - 1) || hidden_cell(R, NULL, f->area, f->node, f->year);
	case CHECK_OUT_OF_VALIDITY:
	case CHECK_MIXED_UNITS:
		return hidden_cell(R, NULL, f->area, f->node, f->year);
	case CHECK_REFORM_UNLINKED:
		return hidden_cell(R, NULL, f->area, model_node_index(R->m, f->figures[0].name), f->year - 1) ||
		       hidden_cell(R, NULL, f->area, f->node, f->year);
	case CHECK_PROGRAMME_TWICE:
		return hidden_cell(R, NULL, f->area, f->node, f->year) || hidden_cell(R, NULL, f->area, f->node2, f->year);
	case CHECK_OVERLAP:
		return 0; /* the catalogue: no figure */
	case CHECK_OVER_POPULATION:
		return hidden_cell(R, NULL, f->area, R->m->headline, f->year);
	case CHECK_CONTEXT_SHARE:
	case CHECK_CONTEXT_COUNT:
		return 0; /* context values are published as imported */
	case CHECK_REVISION:
		return hidden_cell(R, f->editions[0], f->area, f->node, f->year) ||
		       hidden_cell(R, f->editions[1], f->area, f->node, f->year);
	case CHECK_SUPPLIER_TOTAL:
		return hidden_supplier_sum(R, f);
	case CHECK_CLAIM:
	case CHECK_CLAIMS_CONFLICT:
		for (int k = 0; k < f->n_refs; k++) {
			const check_ref *x = &f->refs[k];
			if (x->is_fig && hidden_cell(R, NULL, x->area, model_node_index(R->m, x->item), x->year))
				return 1;
		}
		return 0;
	}
	return 1; /* a kind this does not know: keep it back */
}

int check_redact(check_report *r, store *s, const model *m, const char *edition, lerr *err)
{
	redactor R = {s, m, edition, NULL, 0, err, 0};
	for (int i = 0; i < r->n_findings && R.rc == 0; i++) {
		check_finding *f = &r->findings[i];
		if (f->area < 0 && f->what != CHECK_CLAIM && f->what != CHECK_CLAIMS_CONFLICT && f->what != CHECK_SUPPLIER_TOTAL)
			continue;
		if (!names_hidden(&R, f))
			continue;
		for (int k = 0; k < f->n_figures; k++)
			free(f->figures[k].name);
		free(f->figures);
		f->figures = NULL;
		f->n_figures = 0;
		drop_quotes(f);
		f->withheld = 1;
	}
	for (int i = 0; i < R.n; i++)
		calc_grid_free(R.grids[i].g);
	free(R.grids);
	return R.rc;
}

