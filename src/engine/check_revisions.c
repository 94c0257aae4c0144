/* check_revisions.c - rule revision: one year's figure differing between
 * editions. See check_internal.h. */
#include "check_internal.h"
#include "../base/num.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		check_finding *f = check_add_finding(C, "revision", CHECK_REVISION, SEV_INFO, ai, year);
		f->node = ni;
		f->editions[0] = xstrdup(prev_ed);
		f->editions[1] = xstrdup(ed);
		char *n1 = xasprintf("edition_%s", prev_ed), *n2 = xasprintf("edition_%s", ed);
		check_add_figure(f, n1, prev_v, 1);
		check_add_figure(f, n2, v, 1);
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
		if (check_in_scope(C->m, ai, C->o->area))
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

int check_rule_revisions(checker *C)
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

