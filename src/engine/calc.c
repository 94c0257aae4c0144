/* calc.c - resolving figures over the area and work-form trees, and the
 * ladder of one area. See calc.h for the rules; the protected grid is in
 * calc_protect.c, the grid cache and the read transaction's memo in
 * calc_cache.c, the grid's internals they share in calc_internal.h. */
#include "calc_internal.h"
#include "../base/varint.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static unsigned flag_bits(const char *f)
{
	if (!f || !*f)
		return 0;
	if (strcmp(f, "estimated") == 0)
		return CALC_ESTIMATED;
	if (strcmp(f, "synthetic") == 0)
		return CALC_SYNTHETIC;
	if (strcmp(f, "confidential") == 0)
		return CALC_CONFIDENTIAL;
	if (strcmp(f, "missing") == 0)
		return CALC_MISSING;
	return 0;
}

unsigned calc_flag_bits(const char *flag)
{
	return flag_bits(flag);
}

/* An empty grid: nothing reported, nothing resolved yet. */
/* Zeroing the cells of a grid decoded from the cache (each area written
 * before it is read) cost a page of the 2 million figures store 40 % of its
 * time: some twenty grids of 90 000 cells, 31 bytes each. */
static void *cells_alloc(size_t n, size_t size, int zeroed)
{
	return zeroed ? xcalloc(n, size) : xmalloc(n * size + 1);
}

calc_grid *calc_grid_alloc(const model *m, int edition, int year, int zeroed)
{
	calc_grid *g = xcalloc(1, sizeof *g);
	g->m = m;
	g->edition = edition;
	g->year = year;
	g->na = m->n_areas;
	g->nn = m->n_nodes;
	size_t cells = (size_t)g->na * (size_t)g->nn;
	g->rep = cells_alloc(cells, sizeof *g->rep, zeroed);
	g->rflags = cells_alloc(cells, sizeof *g->rflags, zeroed);
	g->has = cells_alloc(cells, 1, zeroed);
	g->res = cells_alloc(cells, sizeof *g->res, zeroed);
	g->state = cells_alloc(cells, 1, zeroed);
	g->below = cells_alloc(cells, 1, zeroed);
	return g;
}

/* A grid of another year's map: the figures put on the model's map
 * (model_map_targets); a recomputed area's cell holds the sum of its
 * predecessors' figures when every one of them has the figure, else none. */
typedef struct remap {
	int *target, *npred;
	unsigned char *recomputed, *count;
} remap;

static int remap_open(const model *m, int year, remap *r)
{
	size_t n = (size_t)m->n_areas + 1;
	r->target = xmalloc(sizeof(int) * n);
	r->npred = xmalloc(sizeof(int) * n);
	r->recomputed = xmalloc(n);
	r->count = NULL;
	if (model_map_targets(m, year, r->target, r->recomputed, r->npred))
		return 1;
	free(r->target);
	free(r->npred);
	free(r->recomputed);
	return 0;
}

static void remap_close(calc_grid *g, remap *r)
{
	for (int a = 0; a < g->na; a++) {
		if (!r->recomputed[a])
			continue;
		for (int n = 0; n < g->nn; n++) {
			size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
			if (!g->has[k])
				continue;
			if (r->count[k] == r->npred[a]) {
				g->rflags[k] |= CALC_RECOMPUTED;
			} else { /* a predecessor lacks it: the sum would be short */
				g->has[k] = 0;
				g->rep[k] = 0;
				g->rflags[k] = 0;
			}
		}
	}
	free(r->target);
	free(r->npred);
	free(r->recomputed);
	free(r->count);
}

/* The store ids of the areas whose figures land on an area of within (on
 * the model's map: a predecessor counts for its successor). */
static int *ids_within(const model *m, const unsigned char *within, const remap *r, int remapped, int *n)
{
	int *ids = xmalloc(sizeof(int) * ((size_t)m->n_areas + 1));
	*n = 0;
	for (int i = 0; i < m->n_areas; i++) {
		int t = remapped ? r->target[i] : i;
		if (t >= 0 && within[t])
			ids[(*n)++] = m->areas[i].id;
	}
	return ids;
}

calc_grid *calc_grid_load(store *s, const model *m, int edition, int year, lerr *err)
{
	return calc_grid_load_within(s, m, edition, year, NULL, err);
}

/* The next figure: from the store, recorded into figs when given; or,
 * once figs holds them all, from figs. 1, 0 at the end, or LERR_*. */
static int next_fig(store_figures *it, calc_figs *figs, size_t *at, calc_fig *out, lerr *err)
{
	if (figs && figs->complete) {
		if (*at >= figs->n)
			return 0;
		*out = figs->f[(*at)++];
		return 1;
	}
	store_figure f;
	int rc = store_figures_next(it, &f, err);
	if (rc <= 0)
		return rc;
	*out = (calc_fig){f.area, f.work_form, f.known, flag_bits(f.flag), f.persons};
	if (figs) {
		if (figs->n == figs->cap) {
			figs->cap = figs->cap ? 2 * figs->cap : 4096;
			figs->f = xrealloc(figs->f, figs->cap * sizeof *figs->f);
		}
		figs->f[figs->n++] = *out;
	}
	return 1;
}

static calc_grid *load(store *s, const model *m, int edition, int year, const unsigned char *within, calc_figs *figs,
		       lerr *err)
{
	calc_grid *g = calc_grid_alloc(m, edition, year, 1);
	if (!edition)
		return g;
	if (within) {
		g->within = xmalloc((size_t)g->na + 1);
		memcpy(g->within, within, (size_t)g->na);
	}

	int *aid = xmalloc(sizeof(int) * (size_t)(g->na + 1)), *nid = xmalloc(sizeof(int) * (size_t)(g->nn + 1));
	for (int i = 0; i < g->na; i++)
		aid[i] = m->areas[i].id;
	for (int i = 0; i < g->nn; i++)
		nid[i] = m->nodes[i].id;
	int amax, nmax;
	int *amap = xid_index(g->na, aid, &amax), *nmap = xid_index(g->nn, nid, &nmax);
	free(aid);
	free(nid);
	remap r;
	int remapped = remap_open(m, year, &r);
	if (remapped)
		r.count = xcalloc((size_t)g->na * (size_t)g->nn + 1, 1);

	store_figures *it = NULL;
	calc_fig f;
	size_t at = 0;
	int rc = 0;
	if (!figs || !figs->complete) {
		int n_ids = 0, *ids = within ? ids_within(m, within, &r, remapped, &n_ids) : NULL;
		rc = store_figures_open(s, edition, year, ids, n_ids, &it, err);
		free(ids);
		if (figs)
			figs->n = 0;
	}
	while (rc >= 0 && (rc = next_fig(it, figs, &at, &f, err)) > 0) {
		int a = f.area, n = f.work_form;
		if (a > amax || n > nmax || amap[a] < 0 || nmap[n] < 0)
			continue;
		a = amap[a];
		if (remapped && (a = r.target[a]) < 0)
			continue;
		size_t k = (size_t)a * (size_t)g->nn + (size_t)nmap[n];
		if (remapped && r.recomputed[a]) { /* one of its predecessors */
			g->has[k] = 1;
			g->rflags[k] |= f.flags | (f.known ? 0 : CALC_MISSING);
			g->rep[k] += f.known ? f.persons : 0;
			r.count[k]++;
			continue;
		}
		g->has[k] = 1;
		g->rflags[k] = f.flags;
		if (!f.known)
			g->rflags[k] |= CALC_MISSING;
		else
			g->rep[k] = f.persons;
	}
	if (it)
		store_figures_close(it);
	if (figs && rc == 0)
		figs->complete = 1;
	free(amap);
	free(nmap);
	if (remapped)
		remap_close(g, &r);
	if (rc < 0) {
		calc_grid_free(g);
		return NULL;
	}
	return g;
}

calc_grid *calc_grid_load_within(store *s, const model *m, int edition, int year, const unsigned char *within,
				 lerr *err)
{
	return load(s, m, edition, year, within, NULL, err);
}

calc_grid *calc_grid_load_figs(store *s, const model *m, int edition, int year, calc_figs *figs, lerr *err)
{
	return load(s, m, edition, year, NULL, figs, err);
}

void calc_grid_free_table(calc_grid *g)
{
	disc_table_free(g->dt);
	for (int j = 0; j < g->n_maps; j++) {
		free(g->mcell[j]);
		free(g->mgap[j]);
	}
	free(g->dref);
	for (int j = 0; j < CALC_MAX_MAPS; j++) {
		calc_grid_free(g->map_grid[j]);
		g->map_grid[j] = NULL;
	}
	g->dt = NULL;
	g->dcell = g->dgap = g->dref = NULL;
	g->n_maps = g->n_dref = 0;
}

void calc_grid_free_figs(calc_grid *g)
{
	if (g->figs) {
		free(g->figs->f);
		free(g->figs);
		g->figs = NULL;
	}
}

void calc_grid_free(calc_grid *g)
{
	if (!g)
		return;
	if (g->shares > 0) {
		g->shares--;
		return;
	}
	calc_grid_free_figs(g);
	free(g->rep);
	free(g->rflags);
	free(g->has);
	free(g->res);
	free(g->state);
	free(g->below);
	free(g->diffs);
	free(g->supp);
	free(g->supp_gap);
	free(g->within);
	free(g->blob);
	free(g->row_at);
	free(g->row_in);
	calc_grid_free_table(g);
	free(g);
}

/* Sum over sub-areas (or members); known only if every one is known. */
static calc_value area_sum(calc_grid *g, int a, int n)
{
	const model_area *x = &g->m->areas[a];
	calc_value s = {0, 0, 0};
	if (x->n_children == 0)
		return s;
	for (int i = 0; i < x->n_children; i++) {
		calc_value c = calc_resolve(g, x->children[i], n);
		if (!c.known)
			return (calc_value){0, 0, 0};
		s.v += c.v;
		s.flags |= c.flags & ~(unsigned)CALC_CONFIDENTIAL;
	}
	s.known = 1;
	return s;
}

/* Sum over the node's known children that count in it. */
calc_value calc_node_sum(calc_grid *g, int a, int n)
{
	const model_node *x = &g->m->nodes[n];
	calc_value s = {0, 0, 0};
	for (int i = 0; i < x->n_children; i++) {
		const model_node *child = &g->m->nodes[x->children[i]];
		/* rung 6 stands outside the headline, its own forms still add up */
		if (!child->in_headline && x->rung != 6)
			continue;
		calc_value c = calc_resolve(g, a, x->children[i]);
		if (!c.known)
			continue;
		s.v += c.v;
		s.flags |= c.flags & ~(unsigned)CALC_CONFIDENTIAL;
		s.known = 1;
	}
	return s;
}

/* Is a figure reported at area a for node n or any node under it? */
static int reported_below(calc_grid *g, int a, int n)
{
	size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
	if (!g->below[k]) {
		int yes = g->has[k];
		const model_node *x = &g->m->nodes[n];
		for (int i = 0; i < x->n_children && !yes; i++)
			yes = reported_below(g, a, x->children[i]);
		g->below[k] = yes ? 2 : 1;
	}
	return g->below[k] == 2;
}

static void add_diff(calc_grid *g, int a, int n, calc_value reported, calc_value parts, int by_area)
{
	g->diffs = xrealloc(g->diffs, sizeof *g->diffs * (size_t)(g->n_diffs + 1));
	g->diffs[g->n_diffs++] = (diff){a, n, reported.v, parts.v, by_area, reported.flags | parts.flags};
}

calc_value calc_resolve(calc_grid *g, int a, int n)
{
	calc_area_in(g, a);
	size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
	if (g->state[k] == 2)
		return g->res[k];
	if (g->state[k] == 1)
		return (calc_value){0, 0, 0}; /* cannot happen in a tree; guards bad data */
	g->state[k] = 1;
	calc_value out = {0, 0, 0};
	calc_value by_area = area_sum(g, a, n);
	calc_value by_node = calc_node_sum(g, a, n);
	if (g->has[k]) {
		out.flags = g->rflags[k];
		out.known = !(out.flags & CALC_MISSING);
		out.v = g->rep[k];
		if (out.known && by_area.known && fabs(by_area.v - out.v) > 1e-9)
			add_diff(g, a, n, out, by_area, 1);
		if (out.known && by_node.known && fabs(by_node.v - out.v) > 1e-9)
			add_diff(g, a, n, out, by_node, 0);
	} else if (by_node.known && reported_below(g, a, n)) {
		/* the area reported parts of this node itself: build on them */
		out = by_node;
		out.flags |= CALC_ROLLED_UP;
	} else if (by_area.known) {
		out = by_area;
		out.flags |= CALC_ROLLED_UP;
	} else if (by_node.known) {
		out = by_node;
		out.flags |= CALC_ROLLED_UP;
	}
	g->res[k] = out;
	g->state[k] = 2;
	return out;
}

/* What may be shown of a resolved value: confidential where the pattern
 * hides it, and only there once the grid is protected or unprotected. */
calc_value calc_shown(const calc_grid *g, calc_value v, int hidden)
{
	if (g->protection != PROT_RAW)
		v.flags &= ~(unsigned)CALC_CONFIDENTIAL;
	if (g->protection == PROT_ON && hidden)
		v.flags |= CALC_CONFIDENTIAL;
	return v;
}

int calc_grid_diffs(calc_grid *g, const calc_diff **out)
{
	for (int a = 0; a < g->na; a++)
		for (int n = 0; n < g->nn && (!g->within || g->within[a]); n++)
			calc_resolve(g, a, n);
	*out = g->diffs;
	return g->n_diffs;
}

int calc_grid_reported(const calc_grid *g, int area, int node, calc_value *out)
{
	calc_area_in(g, area);
	size_t k = (size_t)area * (size_t)g->nn + (size_t)node;
	if (!g->has[k])
		return 0;
	out->flags = g->rflags[k];
	out->known = !(out->flags & CALC_MISSING);
	out->v = g->rep[k];
	return 1;
}

calc_value calc_grid_get(calc_grid *g, int area, int node)
{
	if (area < 0 || node < 0)
		return (calc_value){0, 0, 0};
	size_t k = (size_t)area * (size_t)g->nn + (size_t)node;
	calc_value v = calc_resolve(g, area, node); /* decodes the area: before supp is read */
	return calc_shown(g, v, g->supp && g->supp[k]);
}

calc_value calc_grid_gap(calc_grid *g, int area, int node)
{
	if (area < 0 || node < 0)
		return (calc_value){0, 0, 0};
	calc_value total = calc_resolve(g, area, node), parts = calc_node_sum(g, area, node);
	if (!total.known || !parts.known || total.v - parts.v <= 1e-9)
		return (calc_value){0, 0, 0};
	calc_value gap = {total.v - parts.v, 1, (total.flags | parts.flags) & ~(unsigned)(CALC_CONFIDENTIAL | CALC_ROLLED_UP)};
	size_t k = (size_t)area * (size_t)g->nn + (size_t)node;
	return calc_shown(g, gap, g->supp_gap && g->supp_gap[k]);
}

/* ------------------------------------------------------------ the ladder */

static calc_value ratio(calc_value a, calc_value b)
{
	calc_value r = {0, 0, a.flags | b.flags};
	if (a.known && b.known && b.v != 0) {
		r.v = a.v / b.v * 100.0;
		r.known = 1;
	}
	return r;
}

static calc_value minus(calc_value a, calc_value b)
{
	calc_value r = {a.v - b.v, a.known && b.known, a.flags | b.flags};
	return r;
}

calc_value calc_ratio(calc_value a, calc_value b)
{
	return ratio(a, b);
}

calc_value calc_minus(calc_value a, calc_value b)
{
	return minus(a, b);
}

static context_all *context_all_of(store *s, const model *m, int ii, int edition, int year, int *owned, lerr *err);
static calc_value context_sum(const context_all *c, int area, int persons);

int calc_context_year(store *s, const model *m, int year, const char *indicator, int edition, calc_value *out, lerr *err)
{
	for (int a = 0; a < m->n_areas; a++)
		out[a] = (calc_value){0, 0, 0};
	int ii = model_indicator_index(m, indicator);
	if (ii < 0)
		return 0;
	int owned;
	context_all *c = context_all_of(s, m, ii, edition, year, &owned, err);
	if (!c)
		return LERR_DB;
	for (int a = 0; a < m->n_areas; a++)
		out[a] = context_sum(c, a, m->indicators[ii].unit == UNIT_PERSONS);
	if (owned)
		calc_context_all_free(c);
	return 0;
}

int calc_rung6_year(store *s, const model *m, calc_grid *g, int year, int edition, calc_value *out, lerr *err)
{
	if (calc_context_year(s, m, year, "wage_employees", edition, out, err) < 0)
		return LERR_DB;
	for (int a = 0; a < m->n_areas; a++)
		out[a] = m->rung_node[5] < 0 ? (calc_value){0, 0, 0} : minus(out[a], calc_grid_get(g, a, m->rung_node[5]));
	return 0;
}

typedef struct context_rows {
	int *amap, amax;
	context_all *c;
} context_rows;

static void context_rows_add(void *ctx, int area, int known, double value, const char *flag)
{
	context_rows *R = ctx;
	if (area > R->amax || R->amap[area] < 0)
		return;
	R->c->v[R->amap[area]] = (calc_value){known ? value : 0, known, flag_bits(flag)};
	R->c->has[R->amap[area]] = 1;
}

static context_all *context_all_read(store *s, const model *m, int ii, int edition, int year, lerr *err)
{
	context_all *c = xcalloc(1, sizeof *c);
	*c = (context_all){m, m->indicators[ii].id, edition, year, xcalloc((size_t)m->n_areas + 1, sizeof *c->v),
			   xcalloc((size_t)m->n_areas + 1, 1)};
	int *ids = xmalloc(sizeof *ids * (size_t)(m->n_areas + 1));
	for (int a = 0; a < m->n_areas; a++)
		ids[a] = m->areas[a].id;
	context_rows R = {NULL, 0, c};
	R.amap = xid_index(m->n_areas, ids, &R.amax);
	free(ids);
	int rc = store_context_of_year(s, year, m->indicators[ii].id, edition, context_rows_add, &R, err);
	free(R.amap);
	if (rc < 0) {
		calc_context_all_free(c);
		return NULL;
	}
	return c;
}

/* The indicator's figures of a year in this read transaction, read once;
 * outside one the caller frees it (*owned). */
static context_all *context_all_of(store *s, const model *m, int ii, int edition, int year, int *owned, lerr *err)
{
	calc_memo *cm = calc_memo_of(s, 1);
	*owned = 0;
	for (int i = 0; cm && i < cm->n_ctx; i++) {
		context_all *c = cm->ctx[i];
		if (c->m == m && c->indicator == m->indicators[ii].id && c->edition == edition && c->year == year)
			return c;
	}
	context_all *c = context_all_read(s, m, ii, edition, year, err);
	if (!c || !cm) {
		*owned = c != NULL;
		return c;
	}
	int i = cm->n_ctx < CONTEXT_MEMO_MAX ? cm->n_ctx++ : cm->next_ctx++ % CONTEXT_MEMO_MAX;
	calc_context_all_free(cm->ctx[i]);
	cm->ctx[i] = c;
	return c;
}

/* As calc_context on the figures of a year read: the area's own, else
 * (persons) the sum over its sub-areas on the model's map, unknown if one
 * is. */
static calc_value context_sum(const context_all *c, int area, int persons)
{
	if (c->has[area])
		return c->v[area];
	const model_area *x = &c->m->areas[area];
	calc_value v = {0, 0, 0};
	if (!persons || x->n_children == 0)
		return v;
	for (int i = 0; i < x->n_children; i++) {
		calc_value e = context_sum(c, x->children[i], persons);
		if (!e.known)
			return (calc_value){0, 0, 0};
		v.v += e.v;
		v.flags |= e.flags;
	}
	v.known = 1;
	v.flags |= CALC_ROLLED_UP;
	return v;
}

int calc_context(store *s, const model *m, int area, int year, const char *indicator, int edition, calc_value *out,
		 lerr *err)
{
	*out = (calc_value){0, 0, 0};
	int ii = model_indicator_index(m, indicator);
	if (ii < 0)
		return 0;
	store_value sv;
	if (store_context_value(s, m->areas[area].id, year, m->indicators[ii].id, edition, &sv, err) < 0)
		return LERR_DB;
	if (sv.found) { /* one lookup where the area has its own */
		*out = (calc_value){sv.value, sv.known, flag_bits(sv.flag)};
		return 0;
	}
	int persons = m->indicators[ii].unit == UNIT_PERSONS;
	if (!persons || m->areas[area].n_children == 0)
		return 0;
	int owned;
	context_all *c = context_all_of(s, m, ii, edition, year, &owned, err);
	if (!c)
		return LERR_DB;
	*out = context_sum(c, area, persons);
	if (owned)
		calc_context_all_free(c);
	return 0;
}

static void add_form(calc_ladder *l, int node, calc_value v, int gap)
{
	l->forms = xrealloc(l->forms, sizeof *l->forms * (size_t)(l->n_forms + 1));
	l->forms[l->n_forms++] = (calc_form_row){node, v, gap};
	l->flags |= v.flags;
}

/* Rows for a subtree: known work forms and subcategories, and a "not
 * specified" row where a reported total exceeds its known parts. */
static void collect_forms(calc_ladder *l, calc_grid *g, int node)
{
	const model_node *x = &l->m->nodes[node];
	if (x->kind == KIND_FORM || x->kind == KIND_SUBCATEGORY) {
		calc_value v = calc_grid_get(g, l->area, node);
		if (v.known)
			add_form(l, node, v, 0);
	}
	for (int i = 0; i < x->n_children; i++)
		collect_forms(l, g, x->children[i]);
	if (x->kind == KIND_RUNG || x->kind == KIND_SUBCATEGORY) {
		calc_value gap = calc_grid_gap(g, l->area, node);
		if (gap.known)
			add_form(l, node, gap, 1);
	}
}

static void add_note(calc_ladder *l, calc_note n)
{
	l->notes = xrealloc(l->notes, sizeof *l->notes * (size_t)(l->n_notes + 1));
	l->notes[l->n_notes++] = n;
}

static int hidden(const calc_grid *g, int a, int n)
{
	calc_area_in(g, a);
	return g->protection == PROT_ON && g->supp[(size_t)a * (size_t)g->nn + (size_t)n];
}

/* A note's figures would publish the sum of the parts it compares: only
 * when neither the total nor any part is suppressed. */
static int diff_hidden(const calc_grid *g, const diff *d)
{
	if (hidden(g, d->area, d->node))
		return 1;
	if (d->by_area) {
		const model_area *x = &g->m->areas[d->area];
		for (int i = 0; i < x->n_children; i++)
			if (hidden(g, x->children[i], d->node))
				return 1;
	} else {
		const model_node *x = &g->m->nodes[d->node];
		for (int i = 0; i < x->n_children; i++)
			if (calc_counted(g->m, d->node, x->children[i]) && hidden(g, d->area, x->children[i]))
				return 1;
	}
	return 0;
}

static void notes_from_diffs(calc_ladder *l, calc_grid *g)
{
	for (int i = 0; i < g->n_diffs; i++) {
		const diff *d = &g->diffs[i];
		if (d->area != l->area)
			continue;
		if (!d->by_area && d->reported > d->parts)
			continue; /* shown as a "not specified" row */
		int confidential = diff_hidden(g, d);
		add_note(l, (calc_note){d->node, d->by_area, confidential, confidential ? 0 : d->reported, confidential ? 0 : d->parts, 0});
		if (confidential)
			l->flags |= CALC_CONFIDENTIAL;
	}
}

/* Totals add persons; a form counting another unit (trajecten, places,
 * FTE) is added as the publisher adds it, and the ladder says so. */
static void notes_from_units(calc_ladder *l)
{
	for (int i = 0; i < l->n_forms; i++) {
		const calc_form_row *f = &l->forms[i];
		const model_node *x = &l->m->nodes[f->node];
		if (f->not_specified || x->kind != KIND_FORM || x->unit == FORM_PERSONS || !x->in_headline ||
		    !f->persons.known || (f->persons.v == 0 && !(f->persons.flags & CALC_CONFIDENTIAL)))
			continue;
		int confidential = (f->persons.flags & CALC_CONFIDENTIAL) != 0;
		add_note(l, (calc_note){f->node, 0, confidential, confidential ? 0 : f->persons.v, 0, 1});
	}
}

static int pick_edition(store *s, int year, const char *code, int *id, char out[64], lerr *err)
{
	if (code && *code) {
		if (store_edition(s, code, 0, id, err) < 0)
			return LERR_DB;
		if (!*id)
			return lerr_set(err, LERR_NOTFOUND, V(store_english(s), engine_unknown_edition), code);
		snprintf(out, 64, "%s", code);
		return 0;
	}
	return store_latest_edition(s, "figure", year, id, out, err);
}

int calc_edition_id(store *s, const char *code, int year, int *id, lerr *err)
{
	*id = 0;
	if (code && *code)
		return store_edition(s, code, 0, id, err);
	return store_latest_edition(s, "figure", year, id, NULL, err);
}

calc_ladder *calc_ladder_new(store *s, const model *m, int area, int year, const char *edition_code, lerr *err)
{
	calc_protect_opts o;
	if (calc_protect_opts_load(s, &o, err) < 0)
		return NULL;
	return calc_ladder_new_opts(s, m, area, year, edition_code, &o, err);
}

calc_ladder *calc_ladder_new_opts(store *s, const model *m, int area, int year, const char *edition_code,
				  const calc_protect_opts *o, lerr *err)
{
	calc_ladder *l = xcalloc(1, sizeof *l);
	l->m = m;
	l->area = area;
	l->year = year;
	l->unprotected = o->unprotected;
	if (pick_edition(s, year, edition_code, &l->edition, l->edition_code, err) < 0) {
		free(l);
		return NULL;
	}
	/* both years are published (the change on the previous year shows its
	 * total), so both are protected, each with its own pattern */
	calc_grid *g = calc_grid_open(s, m, l->edition, year, o, err);
	calc_grid *prev = g ? calc_grid_open(s, m, l->edition, year - 1, o, err) : NULL;
	if (!g || !prev) {
		calc_grid_free(g);
		calc_grid_free(prev);
		free(l);
		return NULL;
	}
	l->total = calc_grid_get(g, area, m->headline);
	l->flags |= l->total.flags;
	for (int r = 3; r <= 5; r++) {
		l->rung[r] = calc_grid_get(g, area, m->rung_node[r]);
		l->rung_share[r] = ratio(l->rung[r], l->total);
		l->flags |= l->rung[r].flags;
	}
	l->collective = calc_grid_get(g, area, model_node_index(m, "trede5.collectief"));
	l->individual = calc_grid_get(g, area, model_node_index(m, "trede5.individueel"));
	l->collective_share = ratio(l->collective, l->rung[5]);
	l->individual_share = ratio(l->individual, l->rung[5]);

	if (calc_context(s, m, area, year, "wage_employees", l->edition, &l->wage_employees, err) < 0) {
		calc_grid_free(g);
		calc_grid_free(prev);
		free(l);
		return NULL;
	}
	l->rung5_share_of_wage = ratio(l->rung[5], l->wage_employees);
	l->rung[6] = minus(l->wage_employees, l->rung[5]);
	l->rung_share[6] = ratio(l->rung[6], l->wage_employees);
	l->share_of_wage_employment = ratio(l->total, l->wage_employees);

	if (m->flanders >= 0) {
		l->flanders_total = calc_grid_get(g, m->flanders, m->headline);
		l->share_of_flemish_total = ratio(l->total, l->flanders_total);
		for (int r = 3; r <= 5; r++)
			l->rung_share_of_flemish[r] = ratio(l->rung[r], calc_grid_get(g, m->flanders, m->rung_node[r]));
	}

	l->prev_total = calc_grid_get(prev, area, m->headline);
	l->change_abs = minus(l->total, l->prev_total);
	l->change_pct = ratio(l->change_abs, l->prev_total);

	static const int order[] = {5, 4, 3, 6}; /* as the ladder is read: top of the headline first */
	for (int i = 0; i < 4; i++)
		if (m->rung_node[order[i]] >= 0)
			collect_forms(l, g, m->rung_node[order[i]]);
	notes_from_diffs(l, g);
	notes_from_units(l);
	/* everything shown marks the result: the legend lists these flags */
	const calc_value *shown[] = {
		&l->total, &l->collective, &l->individual, &l->wage_employees, &l->rung[6], &l->flanders_total,
		&l->share_of_flemish_total, &l->prev_total, &l->change_abs, &l->share_of_wage_employment,
		&l->rung_share_of_flemish[3], &l->rung_share_of_flemish[4], &l->rung_share_of_flemish[5],
	};
	for (size_t i = 0; i < sizeof shown / sizeof shown[0]; i++)
		l->flags |= shown[i]->flags;
	calc_grid_free(g);
	calc_grid_free(prev);
	return l;
}

void calc_ladder_free(calc_ladder *l)
{
	if (!l)
		return;
	free(l->notes);
	free(l->forms);
	free(l);
}
