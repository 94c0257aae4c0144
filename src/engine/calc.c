/* calc.c - resolving figures over the area and work-form trees, and the
 * ladder of one area. See calc.h for the rules. */
#include "calc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef calc_diff diff;

struct calc_grid {
	const model *m;
	int edition, year;
	int na, nn;
	double *rep;
	unsigned *rflags;
	unsigned char *has;   /* reported figure present */
	calc_value *res;
	unsigned char *state; /* 0 todo, 1 busy, 2 done */
	unsigned char *below; /* 0 todo, 1 no, 2 yes: a figure is reported at this area for the node or under it */
	diff *diffs;
	int n_diffs;
};

static int *id_index(int n, const int *ids, int *max_out)
{
	int max = 0;
	for (int i = 0; i < n; i++)
		if (ids[i] > max)
			max = ids[i];
	int *map = xmalloc(sizeof(int) * (size_t)(max + 1));
	for (int i = 0; i <= max; i++)
		map[i] = -1;
	for (int i = 0; i < n; i++)
		map[ids[i]] = i;
	*max_out = max;
	return map;
}

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

calc_grid *calc_grid_load(store *s, const model *m, int edition, int year, lerr *err)
{
	calc_grid *g = xcalloc(1, sizeof *g);
	g->m = m;
	g->edition = edition;
	g->year = year;
	g->na = m->n_areas;
	g->nn = m->n_nodes;
	size_t cells = (size_t)g->na * (size_t)g->nn;
	g->rep = xcalloc(cells, sizeof *g->rep);
	g->rflags = xcalloc(cells, sizeof *g->rflags);
	g->has = xcalloc(cells, 1);
	g->res = xcalloc(cells, sizeof *g->res);
	g->state = xcalloc(cells, 1);
	g->below = xcalloc(cells, 1);
	if (!edition)
		return g;

	int *aid = xmalloc(sizeof(int) * (size_t)(g->na + 1)), *nid = xmalloc(sizeof(int) * (size_t)(g->nn + 1));
	for (int i = 0; i < g->na; i++)
		aid[i] = m->areas[i].id;
	for (int i = 0; i < g->nn; i++)
		nid[i] = m->nodes[i].id;
	int amax, nmax;
	int *amap = id_index(g->na, aid, &amax), *nmap = id_index(g->nn, nid, &nmax);
	free(aid);
	free(nid);

	sqlite3_stmt *st;
	if (store_prepare(s, "SELECT area, work_form, persons, flag FROM figure WHERE edition = ? AND year = ?", &st, err) < 0) {
		free(amap);
		free(nmap);
		calc_grid_free(g);
		return NULL;
	}
	sqlite3_bind_int(st, 1, edition);
	sqlite3_bind_int(st, 2, year);
	while (sqlite3_step(st) == SQLITE_ROW) {
		int a = sqlite3_column_int(st, 0), n = sqlite3_column_int(st, 1);
		if (a > amax || n > nmax || amap[a] < 0 || nmap[n] < 0)
			continue;
		size_t k = (size_t)amap[a] * (size_t)g->nn + (size_t)nmap[n];
		g->has[k] = 1;
		g->rflags[k] = flag_bits((const char *)sqlite3_column_text(st, 3));
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			g->rflags[k] |= CALC_MISSING;
		else
			g->rep[k] = sqlite3_column_double(st, 2);
	}
	sqlite3_finalize(st);
	free(amap);
	free(nmap);
	return g;
}

void calc_grid_free(calc_grid *g)
{
	if (!g)
		return;
	free(g->rep);
	free(g->rflags);
	free(g->has);
	free(g->res);
	free(g->state);
	free(g->below);
	free(g->diffs);
	free(g);
}

static calc_value resolve(calc_grid *g, int a, int n);

/* Sum over sub-areas (or members); known only if every one is known. */
static calc_value area_sum(calc_grid *g, int a, int n)
{
	const model_area *x = &g->m->areas[a];
	calc_value s = {0, 0, 0};
	if (x->n_children == 0)
		return s;
	for (int i = 0; i < x->n_children; i++) {
		calc_value c = resolve(g, x->children[i], n);
		if (!c.known)
			return (calc_value){0, 0, 0};
		s.v += c.v;
		s.flags |= c.flags;
	}
	s.known = 1;
	return s;
}

/* Sum over the node's known children that count in it. */
static calc_value node_sum(calc_grid *g, int a, int n)
{
	const model_node *x = &g->m->nodes[n];
	calc_value s = {0, 0, 0};
	for (int i = 0; i < x->n_children; i++) {
		const model_node *child = &g->m->nodes[x->children[i]];
		/* rung 6 stands outside the headline, its own forms still add up */
		if (!child->in_headline && x->rung != 6)
			continue;
		calc_value c = resolve(g, a, x->children[i]);
		if (!c.known)
			continue;
		s.v += c.v;
		s.flags |= c.flags;
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

static calc_value resolve(calc_grid *g, int a, int n)
{
	size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
	if (g->state[k] == 2)
		return g->res[k];
	if (g->state[k] == 1)
		return (calc_value){0, 0, 0}; /* cannot happen in a tree; guards bad data */
	g->state[k] = 1;
	calc_value out = {0, 0, 0};
	calc_value by_area = area_sum(g, a, n);
	calc_value by_node = node_sum(g, a, n);
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

int calc_grid_diffs(calc_grid *g, const calc_diff **out)
{
	for (int a = 0; a < g->na; a++)
		for (int n = 0; n < g->nn; n++)
			resolve(g, a, n);
	*out = g->diffs;
	return g->n_diffs;
}

int calc_grid_reported(const calc_grid *g, int area, int node, calc_value *out)
{
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
	return resolve(g, area, node);
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

/* A context figure: this edition's if it has one, else the latest edition's;
 * sub-areas add up (persons only) when the area has none. */
calc_value calc_context(store *s, const model *m, int area, int year, const char *indicator, int edition)
{
	calc_value v = {0, 0, 0};
	int ii = model_indicator_index(m, indicator);
	if (ii < 0)
		return v;
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(s,
			  "SELECT c.value, c.flag FROM context c JOIN edition e ON e.id = c.edition"
			  " WHERE c.area = ? AND c.year = ? AND c.indicator = ?"
			  " ORDER BY c.edition = ? DESC, CAST(e.code AS INTEGER) DESC, e.code DESC LIMIT 1",
			  &st, &e) < 0)
		return v;
	sqlite3_bind_int(st, 1, m->areas[area].id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, m->indicators[ii].id);
	sqlite3_bind_int(st, 4, edition);
	if (sqlite3_step(st) == SQLITE_ROW) {
		v.flags = flag_bits((const char *)sqlite3_column_text(st, 1));
		v.known = sqlite3_column_type(st, 0) != SQLITE_NULL;
		v.v = sqlite3_column_double(st, 0);
		sqlite3_finalize(st);
		return v;
	}
	sqlite3_finalize(st);
	const model_area *x = &m->areas[area];
	if (m->indicators[ii].unit != UNIT_PERSONS || x->n_children == 0)
		return v;
	for (int i = 0; i < x->n_children; i++) {
		calc_value c = calc_context(s, m, x->children[i], year, indicator, edition);
		if (!c.known)
			return (calc_value){0, 0, 0};
		v.v += c.v;
		v.flags |= c.flags;
	}
	v.known = 1;
	v.flags |= CALC_ROLLED_UP;
	return v;
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
		calc_value total = calc_grid_get(g, l->area, node);
		calc_value parts = node_sum(g, l->area, node);
		if (total.known && parts.known && total.v - parts.v > 1e-9) {
			calc_value gap = {total.v - parts.v, 1, total.flags | parts.flags};
			add_form(l, node, gap, 1);
		}
	}
}

static void add_note(calc_ladder *l, char *nl, char *en)
{
	l->notes = xrealloc(l->notes, sizeof *l->notes * (size_t)(l->n_notes + 1));
	l->notes[l->n_notes++] = (calc_note){nl, en};
}

static void notes_from_diffs(calc_ladder *l, calc_grid *g)
{
	for (int i = 0; i < g->n_diffs; i++) {
		const diff *d = &g->diffs[i];
		if (d->area != l->area)
			continue;
		const model_node *n = &l->m->nodes[d->node];
		if (!d->by_area && d->reported > d->parts)
			continue; /* shown as a "not specified" row */
		double delta = d->reported - d->parts;
		if (d->by_area)
			add_note(l,
				 xasprintf("%s: gerapporteerd %.0f, som van de deelgebieden %.0f (verschil %+.0f); het gerapporteerde cijfer is gebruikt",
					   n->code, d->reported, d->parts, delta),
				 xasprintf("%s: reported %.0f, sum of the sub-areas %.0f (difference %+.0f); the reported figure is used",
					   n->code, d->reported, d->parts, delta));
		else
			add_note(l,
				 xasprintf("%s: gerapporteerd %.0f, maar de onderdelen tellen op tot %.0f (verschil %+.0f)",
					   n->code, d->reported, d->parts, delta),
				 xasprintf("%s: reported %.0f, but its parts add up to %.0f (difference %+.0f)", n->code,
					   d->reported, d->parts, delta));
	}
}

static int pick_edition(store *s, int year, const char *code, int *id, char out[64], lerr *err)
{
	if (code && *code) {
		if (store_edition(s, code, 0, id, err) < 0)
			return LERR_DB;
		if (!*id)
			return lerr_set(err, LERR_NOTFOUND, "unknown edition '%s'", code);
		snprintf(out, 64, "%s", code);
		return 0;
	}
	return store_latest_edition(s, "figure", year, id, out, err);
}

int calc_edition_id(store *s, const char *code, int year)
{
	int id = 0;
	lerr e;
	if (code && *code) {
		if (store_edition(s, code, 0, &id, &e) < 0)
			return 0;
		return id;
	}
	if (store_latest_edition(s, "figure", year, &id, NULL, &e) < 0)
		return 0;
	return id;
}

calc_ladder *calc_ladder_new(store *s, const model *m, int area, int year, const char *edition_code, lerr *err)
{
	calc_ladder *l = xcalloc(1, sizeof *l);
	l->m = m;
	l->area = area;
	l->year = year;
	if (pick_edition(s, year, edition_code, &l->edition, l->edition_code, err) < 0) {
		free(l);
		return NULL;
	}
	calc_grid *g = calc_grid_load(s, m, l->edition, year, err);
	calc_grid *prev = g ? calc_grid_load(s, m, l->edition, year - 1, err) : NULL;
	if (!g || !prev) {
		calc_grid_free(g);
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

	l->wage_employees = calc_context(s, m, area, year, "wage_employees", l->edition);
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
	for (int i = 0; i < l->n_notes; i++) {
		free(l->notes[i].text_nl);
		free(l->notes[i].text_en);
	}
	free(l->notes);
	free(l->forms);
	free(l);
}
