/* check.c - the rules of `ladder check`. See check.h.
 *
 * This file is over 1000 lines because the figure rules and the claims share
 * the checker and its findings, and the linear revision rule and the
 * vocabulary were reworked in it in one session; the claims (the part below
 * "claims") move to a file of their own next. */
#include "check.h"
#include "../base/num.h"
#include "../model/claim.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------- report */

typedef struct checker {
	store *s;
	const model *m;
	const check_options *o;
	check_report *r;
	lerr *err;
} checker;

static check_finding *finding(checker *C, const char *rule, check_what what, check_severity sev, int area, int year)
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

static void figure(check_finding *f, const char *name, double v, int known)
{
	f->figures = xrealloc(f->figures, sizeof *f->figures * (size_t)(f->n_figures + 1));
	f->figures[f->n_figures++] = (check_figure){xstrdup(name), v, known};
}

static int in_scope(const model *m, int a, int scope)
{
	if (scope < 0)
		return 1;
	const model_area *s = &m->areas[scope];
	if (s->level == LEVEL_GROUPING) {
		if (a == scope)
			return 1;
		for (int i = 0; i < s->n_children; i++)
			if (in_scope(m, a, s->children[i]))
				return 1;
		return 0;
	}
	for (int x = a; x >= 0; x = m->areas[x].parent)
		if (x == scope)
			return 1;
	return 0;
}

/* ------------------------------------------------------ figures of a year */

typedef struct year_ctx {
	int year, edition;
	char edition_code[64];
	calc_grid *g, *prev;
	calc_value *population; /* population_18_64 by area (calc_context_year) */
} year_ctx;

/* Rule parts_total: a reported total against its reported parts (rung vs
 * work forms, headline vs rungs) and against its sub-areas. */
static void rule_parts_total(checker *C, year_ctx *y)
{
	const calc_diff *d;
	int n = calc_grid_diffs(y->g, &d);
	for (int i = 0; i < n; i++) {
		if (d[i].flags & (CALC_SYNTHETIC | CALC_ESTIMATED) || !in_scope(C->m, d[i].area, C->o->area))
			continue;
		double gap = d[i].reported - d[i].parts;
		check_severity sev = gap > 0 && !d[i].by_area ? SEV_WARNING : SEV_ERROR;
		check_what what = d[i].by_area ? CHECK_SUB_AREAS : gap > 0 ? CHECK_UNSPECIFIED : CHECK_PARTS_EXCEED;
		check_finding *f = finding(C, "parts_total", what, sev, d[i].area, y->year);
		f->node = d[i].node;
		figure(f, C->m->nodes[d[i].node].code, d[i].reported, 1);
		figure(f, d[i].by_area ? "sum_of_sub_areas" : "sum_of_parts", d[i].parts, 1);
	}
}

/* Rules missing_now and jump: the same edition's previous year. */
static void rule_year_on_year(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int ai = 0; ai < m->n_areas; ai++) {
		if (!in_scope(m, ai, C->o->area))
			continue;
		for (int n = 0; n < m->n_nodes; n++) {
			calc_value was, now;
			if (!calc_grid_reported(y->prev, ai, n, &was) || !was.known || (was.flags & CALC_SYNTHETIC))
				continue;
			int has_now = calc_grid_reported(y->g, ai, n, &now);
			const model_node *node = &m->nodes[n];
			if (!has_now && !calc_grid_get(y->g, ai, n).known) {
				if (!model_node_valid_in_year(node, y->year))
					continue; /* the work form ended: its successors take over */
				check_finding *f = finding(C, "missing_now", CHECK_MISSING_NOW, SEV_WARNING, ai, y->year);
				f->node = n;
				f->editions[0] = xstrdup(y->edition_code);
				figure(f, "previous", was.v, 1);
				continue;
			}
			if (!has_now || !now.known || (now.flags & CALC_SYNTHETIC) || was.v == 0)
				continue;
			double delta = now.v - was.v, pct = 100.0 * delta / was.v;
			if (fabs(pct) <= C->o->jump_pct || fabs(delta) < C->o->jump_min)
				continue;
			check_finding *f = finding(C, "jump", CHECK_JUMP, SEV_WARNING, ai, y->year);
			f->node = n;
			figure(f, "previous", was.v, 1);
			figure(f, "current", now.v, 1);
			figure(f, "change_pct", pct, 1);
		}
	}
}

/* A work form's figure of the area in a grid: 1 when reported or resolved
 * (known), with its value; synthetic figures are no evidence. */
static int form_figure(calc_grid *g, int area, int node, calc_value *v)
{
	if (!calc_grid_reported(g, area, node, v))
		*v = calc_grid_get(g, area, node);
	return v->known && !(v->flags & CALC_SYNTHETIC);
}

/* Are a and b one series through the lineage (a link, or one in the
 * other's chain)? */
static int one_lineage(const model *m, int a, int b)
{
	if (model_lineage_linked(m, a, b))
		return 1;
	int *chain = xmalloc(sizeof *chain * (size_t)(m->n_lineage + 1)), found = 0;
	for (int pass = 0; pass < 2 && !found; pass++) {
		int n = model_lineage_chain(m, pass ? b : a, chain, m->n_lineage + 1);
		for (int k = 0; k < n && !found; k++)
			found = chain[k] == (pass ? a : b);
	}
	free(chain);
	return found;
}

/* Rule reform_unlinked: a reform without a lineage link. Under one total of
 * an area, a work form's series stops after last year and another's starts
 * this year, at least --jump-min persons on one side: the total's series
 * jumps at a reform, and the catalogue does not say the one went into the
 * other (data/ref/lineage.csv), so the break is neither chained nor shown. */
static void rule_reform_unlinked(checker *C, year_ctx *y)
{
	const model *m = C->m;
	int *ended = xmalloc(sizeof *ended * (size_t)(m->n_nodes + 1));
	int *began = xmalloc(sizeof *began * (size_t)(m->n_nodes + 1));
	double *was = xmalloc(sizeof *was * (size_t)(m->n_nodes + 1));
	double *now = xmalloc(sizeof *now * (size_t)(m->n_nodes + 1));
	for (int ai = 0; ai < m->n_areas; ai++) {
		if (!in_scope(m, ai, C->o->area))
			continue;
		int ne = 0, nb = 0;
		for (int n = 0; n < m->n_nodes; n++) {
			if (m->nodes[n].kind != KIND_FORM)
				continue;
			calc_value a, b;
			int before = form_figure(y->prev, ai, n, &a), after = form_figure(y->g, ai, n, &b);
			if (before && !after && !b.known) {
				was[ne] = a.v;
				ended[ne++] = n;
			} else if (after && !before && !a.known) {
				now[nb] = b.v;
				began[nb++] = n;
			}
		}
		/* a form that the lineage links to one on the other side is explained */
		unsigned char *explained = xcalloc((size_t)(ne + nb) + 1, 1);
		for (int i = 0; i < nb; i++)
			for (int k = 0; k < ne; k++)
				if (one_lineage(m, ended[k], began[i]))
					explained[k] = explained[ne + i] = 1;
		for (int i = 0; i < nb; i++)
			for (int k = 0; k < ne; k++) {
				int e = ended[k], g = began[i];
				if (explained[k] || explained[ne + i] || m->nodes[e].parent != m->nodes[g].parent ||
				    (was[k] < C->o->jump_min && now[i] < C->o->jump_min))
					continue;
				check_finding *f = finding(C, "reform_unlinked", CHECK_REFORM_UNLINKED, SEV_WARNING, ai, y->year);
				f->node = g;
				figure(f, m->nodes[e].code, was[k], 1);
				figure(f, m->nodes[g].code, now[i], 1);
			}
		free(explained);
	}
	free(ended);
	free(began);
	free(was);
	free(now);
}

/* Rule validity: figures for a work form outside its validity period. */
static void rule_validity(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *node = &m->nodes[n];
		if (node->kind != KIND_FORM || model_node_valid_in_year(node, y->year))
			continue;
		for (int ai = 0; ai < m->n_areas; ai++) {
			calc_value v;
			if (!in_scope(m, ai, C->o->area) || !calc_grid_reported(y->g, ai, n, &v) || (v.flags & CALC_SYNTHETIC))
				continue;
			check_finding *f = finding(C, "validity", CHECK_OUT_OF_VALIDITY, SEV_WARNING, ai, y->year);
			f->node = n;
			figure(f, node->code, v.v, v.known);
		}
	}
}

/* The rung a form's count is added into, or -1 when it counts in no total
 * (outside the headline and not on rung 6). */
static int counting_rung(const model *m, const model_node *n)
{
	if (!n->in_headline && n->rung != 6)
		return -1;
	return m->rung_node[n->rung];
}

/* Rule mixed_units: a total that adds a count in another unit than persons
 * (doorstroom uit arbeidszorg counts trajecten). The total keeps what was
 * published; the finding says which count of which unit it holds. */
static void rule_mixed_units(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *node = &m->nodes[n];
		int rung = node->kind == KIND_FORM && node->unit != FORM_PERSONS ? counting_rung(m, node) : -1;
		if (rung < 0)
			continue;
		for (int ai = 0; ai < m->n_areas; ai++) {
			calc_value v;
			if (!in_scope(m, ai, C->o->area) || !calc_grid_reported(y->g, ai, n, &v) || !v.known ||
			    (v.flags & CALC_SYNTHETIC) || v.v == 0 || !calc_grid_get(y->g, ai, rung).known)
				continue;
			check_finding *f = finding(C, "mixed_units", CHECK_MIXED_UNITS, SEV_WARNING, ai, y->year);
			f->node = n;
			figure(f, node->code, v.v, 1);
		}
	}
}

/* Rule programme_twice: one programme's entries on two rungs each hold
 * their rung's share; the same count on both is the programme's whole
 * copied onto each rung, which the headline would count twice. */
static void rule_programme_twice(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *a = &m->nodes[n];
		if (a->kind != KIND_FORM || !*a->programme)
			continue;
		for (int k = n + 1; k < m->n_nodes; k++) {
			const model_node *b = &m->nodes[k];
			if (b->kind != KIND_FORM || strcmp(a->programme, b->programme) != 0)
				continue;
			for (int ai = 0; ai < m->n_areas; ai++) {
				calc_value va, vb;
				if (!in_scope(m, ai, C->o->area) || !calc_grid_reported(y->g, ai, n, &va) ||
				    !calc_grid_reported(y->g, ai, k, &vb) || !va.known || !vb.known || va.v == 0 ||
				    va.v != vb.v || ((va.flags | vb.flags) & CALC_SYNTHETIC))
					continue;
				check_finding *f = finding(C, "programme_twice", CHECK_PROGRAMME_TWICE, SEV_WARNING, ai, y->year);
				f->node = n;
				f->node2 = k;
				figure(f, a->code, va.v, 1);
				figure(f, b->code, vb.v, 1);
			}
		}
	}
}

/* One finding of rule overlap for form n and its successor k, unless the
 * overlap is declared or absent, or --year lies outside it. */
static void overlap_pair(checker *C, int n, int k)
{
	const model_node *a = &C->m->nodes[n], *b = &C->m->nodes[k];
	int from, to;
	if (k == n || b->kind != KIND_FORM || model_list_has(a->transition, b->code) ||
	    !model_validity_overlap(a, b, &from, &to))
		return;
	if (C->o->year && (C->o->year < from || C->o->year > to))
		return;
	check_finding *f = finding(C, "overlap", CHECK_OVERLAP, SEV_WARNING, -1, from);
	f->node = n;
	f->node2 = k;
	figure(f, "from_year", from, 1);
	figure(f, "to_year", to, 1);
}

/* Rule overlap (the catalogue, once): a work form and its successor valid
 * on the same day count the same persons twice in a year, unless the
 * catalogue declares the overlap a transition period (column transition).
 * Successors are the catalogue's successors column and the lineage's links
 * (data/ref/lineage.csv); a pair named by both is reported once. */
static void rule_overlap(checker *C)
{
	const model *m = C->m;
	for (int n = 0; n < m->n_nodes; n++) {
		const model_node *a = &m->nodes[n];
		if (a->kind != KIND_FORM)
			continue;
		for (int k = 0; k < m->n_nodes; k++) {
			int named = model_list_has(a->successors, m->nodes[k].code);
			for (int i = 0; i < m->n_lineage && !named; i++)
				named = m->lineage[i].from == n && m->lineage[i].to == k;
			if (named)
				overlap_pair(C, n, k);
		}
	}
}

/* Rule impossible: more persons than the population of their age band. */
static void rule_population(checker *C, year_ctx *y)
{
	const model *m = C->m;
	for (int ai = 0; ai < m->n_areas; ai++) {
		if (!in_scope(m, ai, C->o->area))
			continue;
		calc_value total = calc_grid_get(y->g, ai, m->headline);
		if (!total.known || (total.flags & CALC_SYNTHETIC))
			continue;
		calc_value pop = y->population[ai];
		if (!pop.known || total.v <= pop.v)
			continue;
		check_finding *f = finding(C, "impossible", CHECK_OVER_POPULATION, SEV_ERROR, ai, y->year);
		figure(f, "totaal", total.v, 1);
		figure(f, "population_18_64", pop.v, 1);
	}
}

/* Rule impossible, for context figures: negative values, shares outside 0-100. */
static void context_value_finding(void *ctx, const store_context_row *c)
{
	checker *C = ctx;
	int ai = model_area_index(C->m, c->area);
	if (ai < 0 || !in_scope(C->m, ai, C->o->area) || (C->o->year && C->o->year != c->year))
		return;
	const char *ind = c->indicator;
	double v = c->value;
	int share = strcmp(c->unit, "percent") == 0;
	check_finding *f = finding(C, "impossible", share ? CHECK_CONTEXT_SHARE : CHECK_CONTEXT_COUNT, SEV_ERROR, ai, c->year);
	figure(f, ind, v, 1);
}

static int rule_context_values(checker *C)
{
	return store_context_out_of_range(C->s, context_value_finding, C, C->err);
}

/* Rule revision: one year's figure differing between editions. */

/* A pair of consecutive editions holding one key (area, node) of a year
 * with different figures; from/to index the year's editions. */
typedef struct revision {
	int area_rank, node_rank; /* by code: the order of the findings */
	int area, node;           /* model indexes */
	int from, to;
	double was, now;
} revision;

static int revision_cmp(const void *pa, const void *pb)
{
	const revision *a = pa, *b = pb;
	if (a->area_rank != b->area_rank)
		return a->area_rank < b->area_rank ? -1 : 1;
	if (a->node_rank != b->node_rank)
		return a->node_rank < b->node_rank ? -1 : 1;
	return (a->to > b->to) - (a->to < b->to);
}

typedef struct code_index {
	const char *code;
	int i;
} code_index;

static int code_index_cmp(const void *pa, const void *pb)
{
	return strcmp(((const code_index *)pa)->code, ((const code_index *)pb)->code);
}

/* rank[i] = position of item i when sorted by code. */
static int *rank_by_code(int n, const char *(*code_of)(const model *, int), const model *m)
{
	code_index *v = xmalloc(sizeof *v * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		v[i] = (code_index){code_of(m, i), i};
	qsort(v, (size_t)n, sizeof *v, code_index_cmp);
	int *rank = xmalloc(sizeof *rank * (size_t)(n + 1));
	for (int k = 0; k < n; k++)
		rank[v[k].i] = k;
	free(v);
	return rank;
}

static const char *area_code(const model *m, int i) { return m->areas[i].code; }
static const char *node_code(const model *m, int i) { return m->nodes[i].code; }

/* What the revision rule needs while it walks the years. */
typedef struct revisions {
	checker *C;
	int *area_ids, n_area_ids; /* the scope's store ids; NULL: every area */
	int *amap, *nmap, amax, nmax; /* store id -> model index */
	int *area_rank, *node_rank;
	revision *found;
	int n_found;
} revisions;

/* One edition's cursor in the merge. */
typedef struct cursor {
	store_figures *it;
	int has;
	int area_id, form_id; /* the key in store ids: the cursor's order */
	int area, node;       /* model indexes */
	int known, synthetic;
	double v;
} cursor;

static int cursor_next(revisions *R, cursor *c)
{
	store_figure f;
	for (;;) {
		int rc = store_figures_next(c->it, &f, R->C->err);
		if (rc <= 0) {
			c->has = 0;
			return rc;
		}
		if (f.area > R->amax || f.work_form > R->nmax || R->amap[f.area] < 0 || R->nmap[f.work_form] < 0)
			continue;
		*c = (cursor){c->it, 1, f.area, f.work_form, R->amap[f.area], R->nmap[f.work_form], f.known,
			      strcmp(f.flag, "synthetic") == 0, f.persons};
		return 1;
	}
}

static int key_before(const cursor *a, const cursor *b)
{
	return a->area_id != b->area_id ? a->area_id < b->area_id : a->form_id < b->form_id;
}

static void add_revision(revisions *R, const cursor *was, int from, const cursor *now, int to)
{
	if (!was->known || !now->known || was->v == now->v || was->synthetic || now->synthetic)
		return;
	R->found = xrealloc(R->found, sizeof *R->found * (size_t)(R->n_found + 1));
	R->found[R->n_found++] = (revision){R->area_rank[now->area], R->node_rank[now->node], now->area, now->node,
					    from, to, was->v, now->v};
}

/* The editions' figures of one year come in key order from the primary key,
 * so one merge pass finds every key held by more than one edition: the work
 * is linear in the figures (a correlated lookup per figure was quadratic).
 * Consecutive editions holding a key are compared, as a key missing from an
 * edition is no revision. */
static int year_revisions(revisions *R, int year, int n_eds, const store_edition_ref *eds)
{
	cursor *cur = xcalloc((size_t)n_eds, sizeof *cur);
	int rc = 0;
	for (int i = 0; i < n_eds && rc >= 0; i++) {
		rc = store_figures_open(R->C->s, eds[i].id, year, R->area_ids, R->n_area_ids, &cur[i].it, R->C->err);
		if (rc >= 0)
			rc = cursor_next(R, &cur[i]);
	}
	while (rc >= 0) {
		int lo = -1;
		for (int i = 0; i < n_eds; i++)
			if (cur[i].has && (lo < 0 || key_before(&cur[i], &cur[lo])))
				lo = i;
		if (lo < 0)
			break;
		cursor key = cur[lo], prev = {0};
		int prev_i = -1;
		for (int i = lo; i < n_eds && rc >= 0; i++) {
			if (!cur[i].has || cur[i].area_id != key.area_id || cur[i].form_id != key.form_id)
				continue;
			if (prev_i >= 0)
				add_revision(R, &prev, prev_i, &cur[i], i);
			prev = cur[i];
			prev_i = i;
			rc = cursor_next(R, &cur[i]);
		}
	}
	for (int i = 0; i < n_eds; i++)
		store_figures_close(cur[i].it);
	free(cur);
	return rc < 0 ? rc : 0;
}

static void revision_findings(revisions *R, int year, const store_edition_ref *eds)
{
	checker *C = R->C;
	if (R->n_found > 1) /* found is NULL when nothing was: qsort wants a pointer */
		qsort(R->found, (size_t)R->n_found, sizeof *R->found, revision_cmp);
	for (int k = 0; k < R->n_found; k++) {
		const revision *r = &R->found[k];
		int ai = r->area, ni = r->node;
		const char *prev_ed = eds[r->from].code, *ed = eds[r->to].code;
		double prev_v = r->was, v = r->now;
		check_finding *f = finding(C, "revision", CHECK_REVISION, SEV_INFO, ai, year);
		f->node = ni;
		f->editions[0] = xstrdup(prev_ed);
		f->editions[1] = xstrdup(ed);
		char *n1 = xasprintf("edition_%s", prev_ed), *n2 = xasprintf("edition_%s", ed);
		figure(f, n1, prev_v, 1);
		figure(f, n2, v, 1);
		free(n1);
		free(n2);
	}
	R->n_found = 0;
}

/* The store ids of the areas in the scope; NULL for everywhere. */
static int *scope_ids(const checker *C, int *n)
{
	*n = 0;
	if (C->o->area < 0)
		return NULL;
	int *ids = xmalloc(sizeof *ids * (size_t)(C->m->n_areas + 1));
	for (int ai = 0; ai < C->m->n_areas; ai++)
		if (in_scope(C->m, ai, C->o->area))
			ids[(*n)++] = C->m->areas[ai].id;
	return ids;
}

static int *model_ids(int n, const void *items, size_t size, size_t offset, int *max)
{
	int *ids = xmalloc(sizeof *ids * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		memcpy(&ids[i], (const char *)items + (size_t)i * size + offset, sizeof(int));
	int *map = xid_index(n, ids, max);
	free(ids);
	return map;
}

static int rule_revisions(checker *C)
{
	const model *m = C->m;
	revisions R = {.C = C};
	int *years, n_years;
	if (store_years(C->s, "figure", NULL, &years, &n_years, C->err) < 0)
		return LERR_DB;
	R.area_ids = scope_ids(C, &R.n_area_ids);
	R.amap = model_ids(m->n_areas, m->areas, sizeof *m->areas, offsetof(model_area, id), &R.amax);
	R.nmap = model_ids(m->n_nodes, m->nodes, sizeof *m->nodes, offsetof(model_node, id), &R.nmax);
	R.area_rank = rank_by_code(m->n_areas, area_code, m);
	R.node_rank = rank_by_code(m->n_nodes, node_code, m);
	int rc = 0;
	for (int y = 0; y < n_years && rc >= 0; y++) {
		if (C->o->year && C->o->year != years[y])
			continue;
		store_edition_ref *eds;
		int n_eds;
		rc = store_year_editions(C->s, "figure", years[y], &eds, &n_eds, C->err);
		if (rc >= 0 && n_eds > 1 && (rc = year_revisions(&R, years[y], n_eds, eds)) >= 0)
			revision_findings(&R, years[y], eds);
		free(eds);
	}
	free(years);
	free(R.area_ids);
	free(R.amap);
	free(R.nmap);
	free(R.area_rank);
	free(R.node_rank);
	free(R.found);
	return rc < 0 ? rc : 0;
}

/* ------------------------------------------------------------------ claims */

typedef struct iv {
	double lo, hi;
} iv;

enum { C_CONST, C_VAR, C_ADD, C_SUB, C_MUL, C_DIV, C_NEG };

typedef struct cnode {
	int op;
	double c;
	int var;
	int a, b;
} cnode;

typedef struct cons {
	cnode *nodes;
	int n, root;
	iv want;
	int claim; /* index into the claim list, -1 for the additive structure */
} cons;

typedef struct var {
	char *key;   /* "fig|02000|totaal|2017" */
	const char *area, *item; /* as the claim names them */
	int year;
	iv init;
} var;

typedef struct claim_row {
	char *id, *text, *area, *edition, *expr_text, *stated_text;
	int year;
	claim_expr *expr;
	claim_stated stated;
	int n_vars;       /* references that are unknown or estimated */
	int cons;         /* its constraint, -1 when checked directly */
	int in_conflict;
} claim_row;

typedef struct claims {
	checker *C;
	claim_row *rows;
	int n;
	var *vars;
	int n_vars;
	strmap var_index;
	cons *cons;
	int n_cons;
	strmap structure_done;
	arena mem;
	/* grids by (edition, year), loaded on demand */
	struct { int edition, year; calc_grid *g; } *grids;
	int n_grids;
	int rc; /* the first store failure (in C->err) */
} claims;

static const iv IV_ALL = {-INFINITY, INFINITY};

static double lo_fix(double x) { return isnan(x) ? -INFINITY : x; }
static double hi_fix(double x) { return isnan(x) ? INFINITY : x; }

static iv iv_add(iv a, iv b) { return (iv){lo_fix(a.lo + b.lo), hi_fix(a.hi + b.hi)}; }
static iv iv_sub(iv a, iv b) { return (iv){lo_fix(a.lo - b.hi), hi_fix(a.hi - b.lo)}; }
static iv iv_neg(iv a) { return (iv){-a.hi, -a.lo}; }

static double mul0(double x, double y)
{
	return x == 0 || y == 0 ? 0 : x * y;
}

static iv iv_mul(iv a, iv b)
{
	double p[4] = {mul0(a.lo, b.lo), mul0(a.lo, b.hi), mul0(a.hi, b.lo), mul0(a.hi, b.hi)};
	iv r = {p[0], p[0]};
	for (int i = 1; i < 4; i++) {
		if (p[i] < r.lo)
			r.lo = p[i];
		if (p[i] > r.hi)
			r.hi = p[i];
	}
	return r;
}

static iv iv_div(iv a, iv b)
{
	if (b.lo <= 0 && b.hi >= 0)
		return IV_ALL;
	return iv_mul(a, (iv){1 / b.hi, 1 / b.lo});
}

static int iv_meet(iv *x, iv y)
{
	const double eps = 1e-9;
	if (y.lo > x->lo)
		x->lo = y.lo;
	if (y.hi < x->hi)
		x->hi = y.hi;
	return x->lo <= x->hi + eps * (1 + fabs(x->hi));
}

static iv forward(const cons *c, int k, const iv *dom, iv *val)
{
	const cnode *n = &c->nodes[k];
	iv r;
	switch (n->op) {
	case C_CONST: r = (iv){n->c, n->c}; break;
	case C_VAR: r = dom[n->var]; break;
	case C_ADD: r = iv_add(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	case C_SUB: r = iv_sub(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	case C_MUL: r = iv_mul(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	case C_DIV: r = iv_div(forward(c, n->a, dom, val), forward(c, n->b, dom, val)); break;
	default: r = iv_neg(forward(c, n->a, dom, val)); break;
	}
	val[k] = r;
	return r;
}

/* Narrows node k to `want`, and from there its operands (HC4 revise).
 * 0 when nothing is left. */
static int backward(const cons *c, int k, iv want, iv *dom, iv *val)
{
	if (!iv_meet(&val[k], want))
		return 0;
	const cnode *n = &c->nodes[k];
	iv N = val[k], A = n->a >= 0 ? val[n->a] : IV_ALL, B = n->b >= 0 ? val[n->b] : IV_ALL;
	switch (n->op) {
	case C_CONST:
		return 1;
	case C_VAR:
		return iv_meet(&dom[n->var], N);
	case C_ADD:
		return backward(c, n->a, iv_sub(N, B), dom, val) && backward(c, n->b, iv_sub(N, val[n->a]), dom, val);
	case C_SUB:
		return backward(c, n->a, iv_add(N, B), dom, val) && backward(c, n->b, iv_sub(val[n->a], N), dom, val);
	case C_MUL:
		if (!(B.lo <= 0 && B.hi >= 0) && !backward(c, n->a, iv_div(N, B), dom, val))
			return 0;
		A = val[n->a];
		return (A.lo <= 0 && A.hi >= 0) || backward(c, n->b, iv_div(N, A), dom, val);
	case C_DIV:
		if (!backward(c, n->a, iv_mul(N, B), dom, val))
			return 0;
		return (N.lo <= 0 && N.hi >= 0) || backward(c, n->b, iv_div(val[n->a], N), dom, val);
	default:
		return backward(c, n->a, iv_neg(N), dom, val);
	}
}

/* Can all active constraints hold at once? Interval propagation to a fixed
 * point: "no" is a proof; "yes" means no contradiction was found. */
static int feasible(claims *K, const int *active)
{
	iv *dom = xmalloc(sizeof *dom * (size_t)(K->n_vars + 1));
	iv *prev = xmalloc(sizeof *prev * (size_t)(K->n_vars + 1));
	for (int i = 0; i < K->n_vars; i++)
		dom[i] = K->vars[i].init;
	int ok = 1;
	for (int round = 0; round < 200 && ok; round++) {
		memcpy(prev, dom, sizeof *dom * (size_t)K->n_vars);
		for (int i = 0; i < K->n_cons && ok; i++) {
			const cons *c = &K->cons[i];
			if (c->claim >= 0 && !active[c->claim])
				continue;
			iv *val = xmalloc(sizeof *val * (size_t)c->n);
			forward(c, c->root, dom, val);
			ok = backward(c, c->root, c->want, dom, val);
			free(val);
		}
		/* stop when a round narrows nothing noticeably */
		double change = 0;
		for (int i = 0; i < K->n_vars && ok; i++) {
			double shrink = (dom[i].lo - prev[i].lo) + (prev[i].hi - dom[i].hi);
			double rel = isfinite(shrink) ? shrink / (1 + fabs(dom[i].hi)) : 1;
			if (rel > change)
				change = rel;
		}
		if (change < 1e-12)
			break;
	}
	free(prev);
	free(dom);
	return ok;
}

static calc_grid *grid_for(claims *K, int edition, int year)
{
	for (int i = 0; i < K->n_grids; i++)
		if (K->grids[i].edition == edition && K->grids[i].year == year)
			return K->grids[i].g;
	calc_grid *g = calc_grid_load(K->C->s, K->C->m, edition, year, K->C->err);
	if (!g) {
		K->rc = LERR_DB;
		return NULL;
	}
	K->grids = xrealloc(K->grids, sizeof *K->grids * (size_t)(K->n_grids + 1));
	K->grids[K->n_grids].edition = edition;
	K->grids[K->n_grids].year = year;
	K->grids[K->n_grids++].g = g;
	return g;
}

/* The value of a reference: observed values are evidence; estimated or
 * unknown ones are not (known = 0 then). */
static calc_value ref_value(claims *K, const char *edition, int is_fig, const char *area, const char *item, int year)
{
	const model *m = K->C->m;
	int ai = model_area_index(m, area), ed;
	calc_value v = {0, 0, 0};
	if (K->rc < 0 || ai < 0)
		return v;
	if (calc_edition_id(K->C->s, edition, year, &ed, K->C->err) < 0) {
		K->rc = LERR_DB;
		return v;
	}
	if (is_fig) {
		calc_grid *g = ed ? grid_for(K, ed, year) : NULL;
		if (g)
			v = calc_grid_get(g, ai, model_node_index(m, item));
	} else if (calc_context(K->C->s, m, ai, year, item, ed, &v, K->C->err) < 0) {
		K->rc = LERR_DB;
	}
	return v;
}

static int is_evidence(calc_value v)
{
	return v.known && !(v.flags & (CALC_ESTIMATED | CALC_SYNTHETIC | CALC_CONFIDENTIAL));
}

static int var_of(claims *K, int is_fig, const char *area, const char *item, int year)
{
	char key[192];
	snprintf(key, sizeof key, "%s|%s|%s|%d", is_fig ? "fig" : "ctx", area, item, year);
	int i;
	if (strmap_get(&K->var_index, key, &i))
		return i;
	K->vars = xrealloc(K->vars, sizeof *K->vars * (size_t)(K->n_vars + 1));
	var *v = &K->vars[K->n_vars];
	v->key = arena_strdup(&K->mem, key);
	v->area = arena_strdup(&K->mem, area);
	v->item = arena_strdup(&K->mem, item);
	v->year = year;
	v->init = (iv){0, INFINITY};
	if (!is_fig) {
		int ii = model_indicator_index(K->C->m, item);
		if (ii >= 0 && K->C->m->indicators[ii].unit == UNIT_PERCENT)
			v->init.hi = 100;
	}
	strmap_put(&K->var_index, v->key, K->n_vars);
	return K->n_vars++;
}

static int push_node(cons *c, cnode n)
{
	c->nodes = xrealloc(c->nodes, sizeof *c->nodes * (size_t)(c->n + 1));
	c->nodes[c->n] = n;
	return c->n++;
}

/* A leaf for a figure cell: a constant when observed, else a variable. */
static int cell_leaf(claims *K, cons *c, const char *edition, int is_fig, const char *area, const char *item, int year)
{
	calc_value v = ref_value(K, edition, is_fig, area, item, year);
	if (is_evidence(v))
		return push_node(c, (cnode){C_CONST, v.v, -1, -1, -1});
	return push_node(c, (cnode){C_VAR, 0, var_of(K, is_fig, area, item, year), -1, -1});
}

/* parent - (sum of children) in [lo, hi]: the additive structure. */
static void add_structure(claims *K, const char *edition, const char *area, int parent, int year, int exact)
{
	const model *m = K->C->m;
	char key[160];
	snprintf(key, sizeof key, "%s|%d|%d", area, parent, year);
	int seen;
	if (strmap_get(&K->structure_done, key, &seen))
		return;
	strmap_put(&K->structure_done, arena_strdup(&K->mem, key), 1);
	const model_node *p = &m->nodes[parent];
	cons c = {0};
	c.claim = -1;
	int sum = -1;
	for (int i = 0; i < p->n_children; i++) {
		const model_node *child = &m->nodes[p->children[i]];
		if (!child->in_headline && p->rung != 6)
			continue;
		int leaf = cell_leaf(K, &c, edition, 1, area, child->code, year);
		sum = sum < 0 ? leaf : push_node(&c, (cnode){C_ADD, 0, -1, sum, leaf});
	}
	if (sum < 0) {
		free(c.nodes);
		return;
	}
	int top = cell_leaf(K, &c, edition, 1, area, p->code, year);
	c.root = push_node(&c, (cnode){C_SUB, 0, -1, top, sum});
	c.want = exact ? (iv){0, 0} : (iv){0, INFINITY};
	K->cons = xrealloc(K->cons, sizeof *K->cons * (size_t)(K->n_cons + 1));
	K->cons[K->n_cons++] = c;
}

/* The structure around an unknown figure: the headline is exactly its rungs;
 * a total is at least its known parts. */
static void structure_for(claims *K, const char *edition, const char *area, const char *item, int year)
{
	const model *m = K->C->m;
	int n = model_node_index(m, item);
	if (n < 0)
		return;
	const model_node *x = &m->nodes[n];
	if (x->kind == KIND_HEADLINE)
		add_structure(K, edition, area, n, year, 1);
	else if (x->parent >= 0)
		add_structure(K, edition, area, x->parent, year, m->nodes[x->parent].kind == KIND_HEADLINE);
}

static int build_tree(claims *K, claim_row *row, cons *c, int k)
{
	const claim_node *n = &row->expr->nodes[k];
	switch (n->op) {
	case OP_NUM:
		return push_node(c, (cnode){C_CONST, n->num, -1, -1, -1});
	case OP_FIG:
	case OP_CTX: {
		int year = claim_ref_year(n, row->year);
		calc_value v = ref_value(K, row->edition, n->op == OP_FIG, n->area, n->item, year);
		if (is_evidence(v))
			return push_node(c, (cnode){C_CONST, v.v, -1, -1, -1});
		row->n_vars++;
		if (n->op == OP_FIG)
			structure_for(K, row->edition, n->area, n->item, year);
		return push_node(c, (cnode){C_VAR, 0, var_of(K, n->op == OP_FIG, n->area, n->item, year), -1, -1});
	}
	case OP_NEG: {
		int a = build_tree(K, row, c, n->a);
		return push_node(c, (cnode){C_NEG, 0, -1, a, -1});
	}
	default: {
		int a = build_tree(K, row, c, n->a), b = build_tree(K, row, c, n->b);
		int op = n->op == OP_ADD ? C_ADD : n->op == OP_SUB ? C_SUB : n->op == OP_MUL ? C_MUL : C_DIV;
		return push_node(c, (cnode){op, 0, -1, a, b});
	}
	}
}

static void add_claim(void *ctx, const store_claim *c)
{
	claims *K = ctx;
	checker *C = K->C;
	int ai = *c->area ? model_area_index(C->m, c->area) : -1;
	if ((C->o->year && C->o->year != c->year) || (C->o->area >= 0 && (ai < 0 || !in_scope(C->m, ai, C->o->area))))
		return;
	claim_row r = {0};
	r.expr_text = xstrdup(c->expr);
	r.stated_text = xstrdup(c->stated);
	lerr e;
	const char *why;
	r.expr = claim_expr_parse(r.expr_text, &e);
	if (!r.expr || claim_stated_parse(r.stated_text, c->tolerance, &r.stated, &why) < 0) {
		claim_expr_free(r.expr);
		free(r.expr_text);
		free(r.stated_text);
		return; /* import refuses these; a hand-edited store is not our problem here */
	}
	r.id = xstrdup(c->id);
	r.text = xstrdup(c->text);
	r.area = xstrdup(c->area);
	r.edition = xstrdup(C->o->claims_edition ? C->o->claims_edition : c->edition);
	r.year = c->year;
	r.cons = -1;
	K->rows = xrealloc(K->rows, sizeof *K->rows * (size_t)(K->n + 1));
	K->rows[K->n++] = r;
}

static int load_claims(claims *K)
{
	return store_claims(K->C->s, add_claim, K, K->C->err);
}

static void resolve_ref(void *ctx, const claim_node *ref, int year, claim_value *out)
{
	void **pair = ctx;
	claims *K = pair[0];
	claim_row *row = pair[1];
	calc_value v = ref_value(K, row->edition, ref->op == OP_FIG, ref->area, ref->item, year);
	out->v = v.v;
	out->known = v.known;
	out->flags = v.flags;
}

static void quote_claim(check_finding *f, const claim_row *r, check_claim_role role)
{
	f->claims = xrealloc(f->claims, sizeof *f->claims * (size_t)(f->n_claims + 1));
	f->claims[f->n_claims++] = (check_claim_ref){xstrdup(r->id), xstrdup(r->text), xstrdup(r->stated_text), role};
}

static void add_ref(check_finding *f, const model *m, int is_fig, const char *area, const char *item, int year)
{
	for (int i = 0; i < f->n_refs; i++)
		if (strcmp(f->refs[i].area_code, area) == 0 && strcmp(f->refs[i].item, item) == 0 && f->refs[i].year == year)
			return;
	f->refs = xrealloc(f->refs, sizeof *f->refs * (size_t)(f->n_refs + 1));
	f->refs[f->n_refs++] = (check_ref){is_fig, model_area_index(m, area), xstrdup(area), xstrdup(item), year};
}

/* A claim on observed figures only: compare. */
static void check_direct(claims *K, int i)
{
	claim_row *r = &K->rows[i];
	void *pair[2] = {K, r};
	claim_value v = claim_eval(r->expr, r->year, resolve_ref, pair);
	K->C->r->claims_checked++;
	if (v.known && claim_stated_holds(&r->stated, v.v))
		return;
	int ai = *r->area ? model_area_index(K->C->m, r->area) : -1;
	check_finding *f = finding(K->C, "claim", CHECK_CLAIM, SEV_ERROR, ai, r->year);
	f->stated = r->stated;
	quote_claim(f, r, CLAIM_SUBJECT);
	/* claims about the same quantity that do hold */
	for (int j = 0; j < K->n; j++) {
		claim_row *o = &K->rows[j];
		if (j == i || o->year != r->year || strcmp(o->expr_text, r->expr_text) != 0 || o->n_vars)
			continue;
		void *p2[2] = {K, o};
		claim_value ov = claim_eval(o->expr, o->year, resolve_ref, p2);
		if (claim_stated_holds(&o->stated, ov.v))
			quote_claim(f, o, CLAIM_HOLDS);
	}
	char *name = xasprintf("claim:%s", r->id);
	figure(f, name, r->stated.value, 1);
	free(name);
	figure(f, "computed", v.v, v.known);
	for (int k = 0; k < r->expr->n_nodes; k++) {
		const claim_node *n = &r->expr->nodes[k];
		if (n->op != OP_FIG && n->op != OP_CTX)
			continue;
		int year = claim_ref_year(n, r->year);
		calc_value rv = ref_value(K, r->edition, n->op == OP_FIG, n->area, n->item, year);
		char *label = xasprintf("%s(%s, %s, %d)", n->op == OP_FIG ? "fig" : "ctx", n->area, n->item, year);
		figure(f, label, rv.v, rv.known);
		free(label);
		add_ref(f, K->C->m, n->op == OP_FIG, n->area, n->item, year);
	}
}

static int uses_var(const cons *c, int v)
{
	for (int i = 0; i < c->n; i++)
		if (c->nodes[i].op == C_VAR && c->nodes[i].var == v)
			return 1;
	return 0;
}

/* Marks the variables reachable from the core claims through any
 * constraint (the additive structure included). */
static void reach(const claims *K, const int *core, char *seen)
{
	for (int i = 0; i < K->n; i++)
		if (core[i])
			for (int k = 0; k < K->cons[K->rows[i].cons].n; k++)
				if (K->cons[K->rows[i].cons].nodes[k].op == C_VAR)
					seen[K->cons[K->rows[i].cons].nodes[k].var] = 1;
	for (int grew = 1; grew;) {
		grew = 0;
		for (int c = 0; c < K->n_cons; c++) {
			if (K->cons[c].claim >= 0)
				continue;
			int touches = 0;
			for (int v = 0; v < K->n_vars && !touches; v++)
				touches = seen[v] && uses_var(&K->cons[c], v);
			for (int v = 0; v < K->n_vars && touches; v++)
				if (!seen[v] && uses_var(&K->cons[c], v))
					seen[v] = 1, grew = 1;
		}
	}
}

static int linked(const claims *K, int claim, const char *seen)
{
	for (int v = 0; v < K->n_vars; v++)
		if (seen[v] && uses_var(&K->cons[K->rows[claim].cons], v))
			return 1;
	return 0;
}

/* Reports one minimal set of claims that cannot hold together. */
static void report_conflict(claims *K, const int *core, const int *initial)
{
	int first = -1;
	for (int i = 0; i < K->n && first < 0; i++)
		if (core[i])
			first = i;
	const claim_row *r0 = &K->rows[first];
	int ai = *r0->area ? model_area_index(K->C->m, r0->area) : -1;
	check_finding *f = finding(K->C, "claims_conflict", CHECK_CLAIMS_CONFLICT, SEV_ERROR, ai, r0->year);
	for (int i = 0; i < K->n; i++) {
		if (!core[i])
			continue;
		const claim_row *r = &K->rows[i];
		quote_claim(f, r, CLAIM_SUBJECT);
		const cons *c = &K->cons[r->cons];
		for (int k = 0; k < c->n; k++)
			if (c->nodes[k].op == C_VAR) {
				const var *v = &K->vars[c->nodes[k].var];
				add_ref(f, K->C->m, strncmp(v->key, "fig|", 4) == 0, v->area, v->item, v->year);
			}
	}
	char *seen = xcalloc((size_t)K->n_vars + 1, 1);
	reach(K, core, seen);
	for (int i = 0; i < K->n; i++) {
		if (core[i] || !initial[i] || K->rows[i].cons < 0 || K->rows[i].in_conflict || !linked(K, i, seen))
			continue;
		quote_claim(f, &K->rows[i], CLAIM_SEE_ALSO);
	}
	free(seen);
	for (int i = 0; i < K->n; i++)
		if (core[i]) {
			char *name = xasprintf("claim:%s", K->rows[i].id);
			figure(f, name, K->rows[i].stated.value, 1);
			free(name);
			K->rows[i].in_conflict = 1;
		}
}

/* Advances a k-subset of {0..n-1} in lexicographic order; 0 at the end. */
static int next_combination(int *idx, int k, int n)
{
	int i = k - 1;
	while (i >= 0 && idx[i] == n - k + i)
		i--;
	if (i < 0)
		return 0;
	idx[i]++;
	for (int j = i + 1; j < k; j++)
		idx[j] = idx[j - 1] + 1;
	return 1;
}

/* The smallest set of claims that cannot hold together: the simplest
 * explanation to show a reader. Exhaustive for a handful of claims, else a
 * deletion filter (minimal, not always smallest). */
static void smallest_core(claims *K, const int *active, int *core)
{
	int *cand = xmalloc(sizeof *cand * (size_t)(K->n + 1)), nc = 0;
	for (int i = 0; i < K->n; i++)
		if (active[i])
			cand[nc++] = i;
	if (nc <= 16) {
		int *idx = xmalloc(sizeof *idx * (size_t)(nc + 1));
		for (int k = 1; k <= nc; k++) {
			for (int j = 0; j < k; j++)
				idx[j] = j;
			do {
				memset(core, 0, sizeof *core * (size_t)K->n);
				for (int j = 0; j < k; j++)
					core[cand[idx[j]]] = 1;
				if (!feasible(K, core)) {
					free(idx);
					free(cand);
					return;
				}
			} while (next_combination(idx, k, nc));
		}
		free(idx);
	}
	memcpy(core, active, sizeof *core * (size_t)K->n);
	for (int i = 0; i < K->n; i++) {
		if (!core[i])
			continue;
		core[i] = 0;
		if (feasible(K, core))
			core[i] = 1;
	}
	free(cand);
}

static void check_conflicts(claims *K)
{
	int *active = xcalloc((size_t)K->n + 1, sizeof *active);
	int *initial = xcalloc((size_t)K->n + 1, sizeof *initial);
	int *core = xcalloc((size_t)K->n + 1, sizeof *core);
	for (int i = 0; i < K->n; i++)
		active[i] = initial[i] = K->rows[i].cons >= 0;
	while (!feasible(K, active)) {
		smallest_core(K, active, core);
		report_conflict(K, core, initial);
		for (int i = 0; i < K->n; i++)
			if (core[i])
				active[i] = 0;
	}
	free(core);
	free(active);
	free(initial);
}

static int rule_claims(checker *C)
{
	int rc;
	claims K = {0};
	K.C = C;
	strmap_init(&K.var_index);
	strmap_init(&K.structure_done);
	arena_init(&K.mem);
	if ((rc = load_claims(&K)) == 0) {
		for (int i = 0; i < K.n; i++) {
			claim_row *r = &K.rows[i];
			cons c = {0};
			c.claim = i;
			c.root = build_tree(&K, r, &c, r->expr->root);
			if (!r->n_vars) {
				free(c.nodes);
				continue;
			}
			c.want = (iv){r->stated.lo, r->stated.hi};
			K.cons = xrealloc(K.cons, sizeof *K.cons * (size_t)(K.n_cons + 1));
			r->cons = K.n_cons;
			K.cons[K.n_cons++] = c;
		}
		for (int i = 0; i < K.n; i++)
			if (!K.rows[i].n_vars)
				check_direct(&K, i);
		check_conflicts(&K);
		for (int i = 0; i < K.n; i++) {
			claim_row *r = &K.rows[i];
			if (r->cons < 0 || r->in_conflict)
				continue;
			C->r->unchecked = xrealloc(C->r->unchecked, sizeof *C->r->unchecked * (size_t)(C->r->n_unchecked + 1));
			check_unchecked *u = &C->r->unchecked[C->r->n_unchecked++];
			u->claim = xstrdup(r->id);
			u->text = xstrdup(r->text ? r->text : r->id);
		}
	}
	for (int i = 0; i < K.n; i++) {
		claim_row *r = &K.rows[i];
		claim_expr_free(r->expr);
		free(r->id);
		free(r->text);
		free(r->area);
		free(r->edition);
		free(r->expr_text);
		free(r->stated_text);
	}
	for (int i = 0; i < K.n_cons; i++)
		free(K.cons[i].nodes);
	for (int i = 0; i < K.n_grids; i++)
		calc_grid_free(K.grids[i].g);
	free(K.grids);
	free(K.cons);
	free(K.vars);
	free(K.rows);
	strmap_release(&K.var_index);
	strmap_release(&K.structure_done);
	arena_release(&K.mem);
	return rc < 0 ? rc : K.rc;
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

/* The rules that look at one year's figures, in order. */
typedef void (*year_rule)(checker *C, year_ctx *y);
static const year_rule year_rules[] = {rule_parts_total, rule_year_on_year, rule_reform_unlinked, rule_validity,
				       rule_mixed_units, rule_programme_twice, rule_population};

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
	rule_overlap(&C);
	calc_grid *last = NULL;
	int last_edition = 0, last_year = 0;
	calc_value *population = xcalloc((size_t)m->n_areas + 1, sizeof *population);
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
		y.g = calc_grid_load(s, m, y.edition, y.year, err);
		/* the year before in the same edition: often the grid just checked */
		if (y.g && last && last_edition == y.edition && last_year == y.year - 1) {
			y.prev = last;
			last = NULL;
		} else if (y.g) {
			y.prev = calc_grid_load(s, m, y.edition, y.year - 1, err);
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
	free(population);
	free(years);
	if (rc >= 0 && ((!o->claims_only && (rule_revisions(&C) < 0 || rule_context_values(&C) < 0)) || rule_claims(&C) < 0))
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
		if (f->area < 0 && f->what != CHECK_CLAIM && f->what != CHECK_CLAIMS_CONFLICT)
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
