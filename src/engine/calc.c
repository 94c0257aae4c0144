/* calc.c - resolving figures over the area and work-form trees, and the
 * ladder of one area. See calc.h for the rules.
 *
 * This file is over 1000 lines because resolving, the grid cache and the
 * protected grid share the grid's internals, and several changes of one
 * session (the store's queries, the vocabulary) went through it at once;
 * it splits along those three parts next. */
#include "calc.h"
#include "../base/varint.h"
#include "../base/vocab.h"

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
	/* protection (calc_grid_protect) */
	int protection;          /* PROT_RAW, PROT_ON or PROT_OFF */
	unsigned char *supp;     /* per cell: suppressed */
	unsigned char *supp_gap; /* per cell: its "not specified" gap suppressed */
	disc_table *dt;          /* every map's cells (build_table) */
	int *dcell, *dgap;       /* per cell of the grid's map: disc index of the cell / of its gap, -1 */
	int *dref;               /* per disc index: (map slot * cells + cell index) * 2 + is_gap */
	int n_dref;              /* dref's capacity */
	int n_maps, self;        /* the maps the table covers; the slot of the grid's own */
	int map_year[CALC_MAX_MAPS];
	int *mcell[CALC_MAX_MAPS], *mgap[CALC_MAX_MAPS]; /* dcell and dgap per map slot */
	int shares; /* owners besides the first: a grid of the transaction's memo is shared, never changed */
};

enum { PROT_RAW, PROT_ON, PROT_OFF };


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
static calc_grid *grid_new(const model *m, int edition, int year)
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

calc_grid *calc_grid_load(store *s, const model *m, int edition, int year, lerr *err)
{
	calc_grid *g = grid_new(m, edition, year);
	if (!edition)
		return g;

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

	store_figures *it;
	store_figure f;
	int rc = store_figures_open(s, edition, year, NULL, 0, &it, err);
	while (rc >= 0 && (rc = store_figures_next(it, &f, err)) > 0) {
		int a = f.area, n = f.work_form;
		if (a > amax || n > nmax || amap[a] < 0 || nmap[n] < 0)
			continue;
		a = amap[a];
		if (remapped && (a = r.target[a]) < 0)
			continue;
		size_t k = (size_t)a * (size_t)g->nn + (size_t)nmap[n];
		if (remapped && r.recomputed[a]) { /* one of its predecessors */
			g->has[k] = 1;
			g->rflags[k] |= flag_bits(f.flag) | (f.known ? 0 : CALC_MISSING);
			g->rep[k] += f.known ? f.persons : 0;
			r.count[k]++;
			continue;
		}
		g->has[k] = 1;
		g->rflags[k] = flag_bits(f.flag);
		if (!f.known)
			g->rflags[k] |= CALC_MISSING;
		else
			g->rep[k] = f.persons;
	}
	store_figures_close(it);
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

static void free_table(calc_grid *g)
{
	disc_table_free(g->dt);
	for (int j = 0; j < g->n_maps; j++) {
		free(g->mcell[j]);
		free(g->mgap[j]);
	}
	free(g->dref);
	g->dt = NULL;
	g->dcell = g->dgap = g->dref = NULL;
	g->n_maps = g->n_dref = 0;
}

void calc_grid_free(calc_grid *g)
{
	if (!g)
		return;
	if (g->shares > 0) {
		g->shares--;
		return;
	}
	free(g->rep);
	free(g->rflags);
	free(g->has);
	free(g->res);
	free(g->state);
	free(g->below);
	free(g->diffs);
	free(g->supp);
	free(g->supp_gap);
	free_table(g);
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
		s.flags |= c.flags & ~(unsigned)CALC_CONFIDENTIAL;
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

/* What may be shown of a resolved value: confidential where the pattern
 * hides it, and only there once the grid is protected or unprotected. */
static calc_value shown(const calc_grid *g, calc_value v, int hidden)
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
	size_t k = (size_t)area * (size_t)g->nn + (size_t)node;
	return shown(g, resolve(g, area, node), g->supp && g->supp[k]);
}

calc_value calc_grid_gap(calc_grid *g, int area, int node)
{
	if (area < 0 || node < 0)
		return (calc_value){0, 0, 0};
	calc_value total = resolve(g, area, node), parts = node_sum(g, area, node);
	if (!total.known || !parts.known || total.v - parts.v <= 1e-9)
		return (calc_value){0, 0, 0};
	calc_value gap = {total.v - parts.v, 1, (total.flags | parts.flags) & ~(unsigned)(CALC_CONFIDENTIAL | CALC_ROLLED_UP)};
	size_t k = (size_t)area * (size_t)g->nn + (size_t)node;
	return shown(g, gap, g->supp_gap && g->supp_gap[k]);
}

/* ------------------------------------------------------------ protection */

void calc_protect_defaults(calc_protect_opts *o)
{
	memset(o, 0, sizeof *o);
	for (int i = 0; i < 5; i++) {
		o->threshold[i] = 4;
		o->width[i] = -1;
	}
}

/* A setting's count: digits only (strtol would also take blanks, signs and
 * "-0"), at most 1 000 000. */
static int parse_count(const char *v, int *out)
{
	long n = 0;
	if (!*v || strlen(v) > 7)
		return -1;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		n = n * 10 + (*p - '0');
	}
	if (n > 1000000)
		return -1;
	*out = (int)n;
	return 0;
}

/* disclosure.threshold.LEVEL / disclosure.width.LEVEL: which and level */
static int setting_level(const char *key, int *width, int *level)
{
	const char *rest;
	if (strncmp(key, "disclosure.threshold.", 21) == 0) {
		*width = 0;
		rest = key + 21;
	} else if (strncmp(key, "disclosure.width.", 17) == 0) {
		*width = 1;
		rest = key + 17;
	} else {
		return -1;
	}
	enum model_level l;
	if (model_level_parse(rest, &l) < 0)
		return -1;
	*level = (int)l;
	return 0;
}

/* disclosure.cost's values, by enum disc_cost */
static const char *const cost_names[] = {"cells", "persons", "mixed"};

const char *calc_cost_name(int cost)
{
	return cost >= 0 && cost < 3 ? cost_names[cost] : "?";
}

static int parse_cost(const char *v)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(v, cost_names[i]) == 0)
			return i;
	return -1;
}

int calc_protect_setting_check(const char *key, const char *value, int english, lerr *err)
{
	int width, level, n;
	if (strcmp(key, "disclosure.cost") == 0) {
		if (parse_cost(value) < 0)
			return lerr_set(err, LERR_USAGE, V(english, engine_setting_cost), key, value);
		return 0;
	}
	if (strcmp(key, "disclosure.keep_previous") == 0) {
		if (strcmp(value, "0") && strcmp(value, "1"))
			return lerr_set(err, LERR_USAGE, V(english, engine_setting_zero_one), key, value);
		return 0;
	}
	if (setting_level(key, &width, &level) < 0)
		return lerr_set(err, LERR_USAGE, V(english, engine_setting_unknown), key);
	if (parse_count(value, &n) < 0)
		return lerr_set(err, LERR_USAGE, V(english, engine_setting_count), key, value);
	return 0;
}

static void protect_setting(void *ctx, const char *key, const char *val)
{
	calc_protect_opts *o = ctx;
	int width, level, n;
	if (strcmp(key, "disclosure.cost") == 0) {
		if (parse_cost(val) >= 0)
			o->cost = parse_cost(val);
		return;
	}
	if (parse_count(val, &n) < 0)
		return; /* checked when set; a hand-edited bad value keeps the default */
	if (strcmp(key, "disclosure.keep_previous") == 0)
		o->keep_previous = n != 0;
	else if (setting_level(key, &width, &level) == 0)
		(width ? o->width : o->threshold)[level] = n;
}

int calc_protect_opts_load(store *s, calc_protect_opts *o, lerr *err)
{
	calc_protect_defaults(o);
	return store_settings(s, "disclosure.", protect_setting, o, err);
}

/* Does child count in parent's sum (node_sum's rule)? */
static int counted(const model *m, int parent, int child)
{
	return m->nodes[child].in_headline || m->nodes[parent].rung == 6;
}

int calc_area_block(const model *m, int a)
{
	if (m->areas[a].level == LEVEL_GROUPING) {
		if (!m->areas[a].n_children)
			return m->n_areas;
		a = m->areas[a].children[0];
	}
	if (m->areas[a].parent < 0)
		return m->n_areas + 1 + a;
	while (m->areas[a].parent >= 0 && m->areas[m->areas[a].parent].parent >= 0)
		a = m->areas[a].parent;
	return a;
}

/* The disc table of everything the grid's year can publish, on every map
 * it can be shown on: one map per territorial layout (the year's own, and
 * 1977, 2019 and 2025 for the others), so that no hidden count can be
 * worked out by subtracting one map from another (a hidden Nevele of 2018
 * would be Deinze 44083 on the map of 2019 minus Deinze 44011 on its own).
 * A cell of another map whose area has the same territory as on the
 * year's own map is the same cell; the others (a merged municipality, an
 * arrondissement or province whose territory moved) are margins of their
 * own, tied to the rest by the sums that define them: a merged municipality
 * is the sum of its predecessors, the others sum their members on their
 * map, and the work-form tree holds on every map. */
typedef struct tbuild {
	calc_grid *g;             /* owns the table */
	const calc_protect_opts *o;
	int slot, first_new;      /* this map's slot; the first disc index it added */
	int *target, *npred;      /* model_map_targets of the year onto this map */
	unsigned char *recomputed;
} tbuild;

static int layout_of(const int *starts, int n, int year)
{
	int y = year ? year : 9999, i = 0;
	while (i + 1 < n && starts[i + 1] <= y)
		i++;
	return i;
}

/* The maps of the table: the year's own first, then the first year of
 * every other layout; g->self the slot of the grid's own map. */
static void table_maps(calc_grid *g)
{
	const model *m = g->m;
	int starts[CALC_MAX_MAPS], ns = 1;
	starts[0] = 1977;
	for (int i = 0; i < m->n_successions && ns < CALC_MAX_MAPS; i++) {
		int y = atoi(m->successions[i].effective);
		if (y > starts[ns - 1])
			starts[ns++] = y;
	}
	int own = layout_of(starts, ns, g->year), mine = layout_of(starts, ns, m->map_year);
	g->n_maps = 0;
	g->map_year[g->n_maps++] = g->year;
	g->self = 0;
	for (int i = 0; i < ns; i++) {
		if (i == own)
			continue;
		if (i == mine)
			g->self = g->n_maps;
		g->map_year[g->n_maps++] = starts[i];
	}
}

static int fresh(const tbuild *t, int d)
{
	return d >= t->first_new;
}

/* Does area a have the territory of the year's own map on this one? */
static int shared_area(const tbuild *t, int a)
{
	const model_area *x = &t->g->m->areas[a];
	if (x->level == LEVEL_GROUPING)
		return 1;
	return t->target[a] == a && !(x->level == LEVEL_MUNICIPALITY && t->recomputed[a]);
}

static int add_cell(tbuild *t, size_t k, int gap, double v, int thr, int width, int block)
{
	calc_grid *g = t->g;
	int d = disc_add_cell(g->dt, v, thr, width);
	if (d >= g->n_dref) {
		g->n_dref = 2 * d + 64;
		g->dref = xrealloc(g->dref, sizeof *g->dref * (size_t)g->n_dref);
	}
	size_t cells = (size_t)g->na * (size_t)g->nn;
	g->dref[d] = (int)(((size_t)t->slot * cells + k) * 2 + (size_t)gap);
	disc_set_block(g->dt, d, block);
	return d;
}

/* The cell k (or its gap) of this map: the year's own map's when the area
 * has its territory and the same value, else a new one. */
static int map_cell(tbuild *t, calc_grid *gm, int a, size_t k, int gap, double v)
{
	calc_grid *g = t->g;
	if (t->slot && shared_area(t, a)) {
		int d = gap ? g->mgap[0][k] : g->mcell[0][k];
		if (d >= 0 && fabs(disc_value(g->dt, d) - v) <= 1e-9)
			return d;
	}
	int lv = (int)g->m->areas[a].level;
	int thr = t->o->threshold[lv], width = t->o->width[lv] < 0 ? thr : t->o->width[lv];
	int d = add_cell(t, k, gap, v, thr, width, calc_area_block(g->m, a));
	if (!gap && gm->has[k] && (gm->rflags[k] & CALC_CONFIDENTIAL))
		disc_set_confidential(g->dt, d);
	return d;
}

static void add_cells(tbuild *t, calc_grid *gm)
{
	calc_grid *g = t->g;
	int *dc = g->mcell[t->slot], *dg = g->mgap[t->slot];
	for (int a = 0; a < g->na; a++) {
		for (int n = 0; n < g->nn; n++) {
			size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
			dc[k] = dg[k] = -1;
			calc_value v = resolve(gm, a, n);
			if (v.known)
				dc[k] = map_cell(t, gm, a, k, 0, v.v);
		}
		/* gaps after the cells of the area, so a cell's index does not
		 * depend on its neighbours' gaps */
		for (int n = 0; n < g->nn; n++) {
			size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
			if (dc[k] < 0)
				continue;
			calc_value total = resolve(gm, a, n), parts = node_sum(gm, a, n);
			if (parts.known && total.v - parts.v > 1e-9)
				dg[k] = map_cell(t, gm, a, k, 1, total.v - parts.v);
		}
	}
}

/* A relation of this map, unless the year's own map holds it already
 * (none of its cells is new here). */
static void add_relation(tbuild *t, int total, const int *parts, int np)
{
	int any = !t->slot || fresh(t, total);
	for (int i = 0; i < np && !any; i++)
		any = fresh(t, parts[i]);
	if (any)
		disc_add_relation(t->g->dt, total, parts, np);
}

/* the work-form tree: a total is the sum of its known counted parts, plus
 * its "not specified" gap where it exceeds them */
static void add_tree_relations(tbuild *t, int *parts)
{
	calc_grid *g = t->g;
	const model *m = g->m;
	const int *dc = g->mcell[t->slot], *dg = g->mgap[t->slot];
	for (int a = 0; a < g->na; a++)
		for (int n = 0; n < g->nn; n++) {
			size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
			if (dc[k] < 0)
				continue;
			const model_node *x = &m->nodes[n];
			int np = 0;
			double sum = 0;
			for (int i = 0; i < x->n_children; i++) {
				int c = x->children[i];
				size_t kc = (size_t)a * (size_t)g->nn + (size_t)c;
				if (!counted(m, n, c) || dc[kc] < 0)
					continue;
				parts[np++] = dc[kc];
				sum += disc_value(g->dt, dc[kc]);
			}
			if (!np)
				continue;
			double total = disc_value(g->dt, dc[k]);
			if (dg[k] >= 0)
				parts[np++] = dg[k];
			else if (fabs(total - sum) > 1e-9)
				continue; /* reported below its parts: no equation holds */
			add_relation(t, dc[k], parts, np);
		}
}

/* the area tree and the groupings of this map: where every sub-area is
 * known and they add up exactly */
static void add_area_relations(tbuild *t, int *parts)
{
	calc_grid *g = t->g;
	const model *m = g->m;
	const int *dc = g->mcell[t->slot];
	for (int a = 0; a < g->na; a++) {
		const model_area *x = &m->areas[a];
		if (!x->n_children)
			continue;
		for (int n = 0; n < g->nn; n++) {
			size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
			if (dc[k] < 0)
				continue;
			int np = 0;
			double sum = 0;
			for (int i = 0; i < x->n_children && np == i; i++) {
				size_t kc = (size_t)x->children[i] * (size_t)g->nn + (size_t)n;
				if (dc[kc] < 0)
					break;
				parts[np++] = dc[kc];
				sum += disc_value(g->dt, dc[kc]);
			}
			if (np == x->n_children && fabs(sum - disc_value(g->dt, dc[k])) <= 1e-9)
				add_relation(t, dc[k], parts, np);
		}
	}
}

/* a merged municipality of this map is the sum of its predecessors on the
 * year's own map */
static void add_merger_relations(tbuild *t, int *parts)
{
	calc_grid *g = t->g;
	const model *m = g->m;
	for (int mt = 0; mt < g->na; mt++) {
		if (!t->recomputed[mt] || m->areas[mt].level != LEVEL_MUNICIPALITY)
			continue;
		for (int n = 0; n < g->nn; n++) {
			int d = g->mcell[t->slot][(size_t)mt * (size_t)g->nn + (size_t)n], np = 0, whole = 1;
			if (d < 0 || !fresh(t, d))
				continue;
			double sum = 0;
			for (int a = 0; a < g->na && whole; a++) {
				if (t->target[a] != mt || m->areas[a].level != LEVEL_MUNICIPALITY)
					continue;
				int p = g->mcell[0][(size_t)a * (size_t)g->nn + (size_t)n];
				whole = p >= 0;
				if (whole) {
					parts[np++] = p;
					sum += disc_value(g->dt, p);
				}
			}
			if (whole && np && fabs(sum - disc_value(g->dt, d)) <= 1e-9)
				disc_add_relation(g->dt, d, parts, np);
		}
	}
}

/* Adds the map of slot t->slot (the model is on it): gm's cells, then its
 * relations. */
static void add_map(tbuild *t, calc_grid *gm, int *parts)
{
	calc_grid *g = t->g;
	size_t cells = (size_t)g->na * (size_t)g->nn, n = (size_t)g->m->n_areas + 1;
	g->mcell[t->slot] = xmalloc((cells + 1) * sizeof **g->mcell);
	g->mgap[t->slot] = xmalloc((cells + 1) * sizeof **g->mgap);
	t->first_new = disc_n_cells(g->dt);
	t->target = xmalloc(sizeof(int) * n);
	t->npred = xmalloc(sizeof(int) * n);
	t->recomputed = xmalloc(n);
	model_map_targets(g->m, g->year, t->target, t->recomputed, t->npred);
	add_cells(t, gm);
	add_tree_relations(t, parts);
	add_area_relations(t, parts);
	if (t->slot)
		add_merger_relations(t, parts);
	free(t->target);
	free(t->npred);
	free(t->recomputed);
}

static int build_table(calc_grid *g, store *s, const calc_protect_opts *o, lerr *err)
{
	/* the model's map moves to each map and back: the caller's model is
	 * its thread's own (the audit's workers load one each) */
	model *m = (model *)g->m;
	int own = m->map_year, rc = 0;
	g->dt = disc_table_new();
	disc_set_cost(g->dt, (enum disc_cost)o->cost);
	table_maps(g);
	int *parts = xmalloc(((size_t)(g->na > g->nn ? g->na : g->nn) + 2) * sizeof *parts);
	for (int j = 0; j < g->n_maps && rc == 0; j++) {
		model_set_map(m, g->map_year[j]);
		calc_grid *gm = j == g->self ? g : calc_grid_load(s, m, g->edition, g->year, err);
		if (!gm) {
			rc = LERR_DB;
			g->n_maps = j;
			break;
		}
		tbuild t = {g, o, j, 0, NULL, NULL, NULL};
		add_map(&t, gm, parts);
		if (gm != g)
			calc_grid_free(gm);
	}
	model_set_map(m, own);
	free(parts);
	if (rc == 0) {
		g->dcell = g->mcell[g->self];
		g->dgap = g->mgap[g->self];
	}
	return rc;
}

/* A stored pattern for the same input (same fingerprint), if any. */
static int reuse_pattern(calc_grid *g, store *s)
{
	size_t n = (size_t)disc_n_cells(g->dt);
	if (!g->edition || !n)
		return 0;
	char fp[65];
	disc_fingerprint(g->dt, fp);
	unsigned char *states = xmalloc(n);
	int found = 0;
	lerr e;
	if (store_pattern_get(s, g->edition, g->year, fp, states, n, &found, &e) == 0 && found)
		disc_set_states(g->dt, states);
	free(states);
	return found;
}

/* Stores the pattern for the next show; a store that cannot be written
 * (read-only file, busy) only costs the next show the computation. */
static void keep_pattern(calc_grid *g, store *s)
{
	size_t n = (size_t)disc_n_cells(g->dt);
	if (!g->edition || !n)
		return;
	char fp[65];
	disc_fingerprint(g->dt, fp);
	unsigned char *states = xmalloc(n);
	disc_get_states(g->dt, states);
	lerr e;
	if (store_pattern_put(s, g->edition, g->year, fp, states, n, &e) < 0) {
		/* not an error for the caller: see above */
	}
	free(states);
}

/* What p (the previous edition's grid of the year) hides, g hides too, on
 * every map. */
static void keep_hidden(calc_grid *g, const calc_grid *p)
{
	size_t cells = (size_t)g->na * (size_t)g->nn;
	for (int j = 0; j < g->n_maps && j < p->n_maps; j++)
		for (size_t k = 0; k < cells; k++) {
			if (p->mcell[j][k] >= 0 && g->mcell[j][k] >= 0 && disc_get_state(p->dt, p->mcell[j][k]) != DISC_PUBLISHED)
				disc_force(g->dt, g->mcell[j][k]);
			if (p->mgap[j][k] >= 0 && g->mgap[j][k] >= 0 && disc_get_state(p->dt, p->mgap[j][k]) != DISC_PUBLISHED)
				disc_force(g->dt, g->mgap[j][k]);
		}
}

int calc_grid_protect(calc_grid *g, store *s, const calc_protect_opts *o, lerr *err)
{
	size_t cells = (size_t)g->na * (size_t)g->nn;
	if (o->unprotected) {
		g->protection = PROT_OFF;
		return 0;
	}
	free_table(g);
	free(g->supp);
	free(g->supp_gap);
	if (build_table(g, s, o, err) < 0)
		return err->code ? err->code : LERR_DB;
	g->supp = xcalloc(cells + 1, 1);
	g->supp_gap = xcalloc(cells + 1, 1);
	g->protection = PROT_ON;
	if (o->keep_previous && g->edition) {
		int prev_ed;
		if (store_previous_edition(s, "figure", g->year, g->edition, &prev_ed, err) < 0)
			return LERR_DB;
		if (prev_ed) {
			calc_grid *p = calc_grid_load(s, g->m, prev_ed, g->year, err);
			if (!p)
				return LERR_DB;
			int rc = calc_grid_protect(p, s, o, err);
			if (rc == 0)
				keep_hidden(g, p);
			calc_grid_free(p);
			if (rc < 0)
				return rc;
		}
	}
	if (o->primary_only) {
		disc_primary_only(g->dt);
	} else if (reuse_pattern(g, s)) {
		/* the stored pattern was computed, and proven, from the same input */
	} else {
		if (disc_protect(g->dt, err) < 0)
			return err->code;
		keep_pattern(g, s);
	}
	for (size_t k = 0; k < cells; k++) {
		g->supp[k] = g->dcell[k] >= 0 && disc_get_state(g->dt, g->dcell[k]) != DISC_PUBLISHED;
		g->supp_gap[k] = g->dgap[k] >= 0 && disc_get_state(g->dt, g->dgap[k]) != DISC_PUBLISHED;
	}
	return 0;
}

/* ------------------------------------------------------------ grid cache */

/* A cached grid (store_grid_cache_*) is compact, because show reads two of
 * them on every run: after the magic, the counts of areas, nodes and diffs;
 * per cell a state byte (bit 0 known, bits 1-5 flags, bit 6 suppressed, bit 7
 * gap suppressed) and a reported byte (bit 0 reported, bits 1-5 its flags),
 * then the value when known or reported (a reported cell's resolved value is
 * its reported one); then the diffs. Numbers are varint.h's, so a blob means
 * the same on any machine. */
static const char cache_magic[8] = "ladgrid3";
_Static_assert(CALC_RECOMPUTED < 64, "calc flags must fit in 6 bits of the cache");

/* The protection options a pattern depends on and the map the grid's sums
 * were made on (model_set_map), as the cache's key. */
/* The key of a grid beside its stamp: the protection options and the map it
 * is put on (any year of the same epoch gives the same grid). */
static void opts_key(const calc_protect_opts *o, int map_year, char out[160])
{
	snprintf(out, 160, "t=%d,%d,%d,%d,%d w=%d,%d,%d,%d,%d k=%d m=%d c=%d", o->threshold[0], o->threshold[1],
		 o->threshold[2], o->threshold[3], o->threshold[4], o->width[0], o->width[1], o->width[2], o->width[3],
		 o->width[4], o->keep_previous, map_year, o->cost);
}

/* A resolved and protected grid as one blob (every cell resolved first). */
static void grid_to_cache(calc_grid *g, buf *out)
{
	const calc_diff *d;
	int nd = calc_grid_diffs(g, &d);
	size_t cells = (size_t)g->na * (size_t)g->nn;
	buf_add(out, cache_magic, sizeof cache_magic);
	vint_put(out, (unsigned long long)g->na);
	vint_put(out, (unsigned long long)g->nn);
	vint_put(out, (unsigned long long)nd);
	for (size_t k = 0; k < cells; k++) {
		calc_value v = g->res[k];
		unsigned state = (v.known ? 1u : 0u) | (v.flags & 63u) << 1 | (g->supp[k] ? 128u : 0u);
		unsigned reported = (g->has[k] ? 1u : 0u) | (g->rflags[k] & 63u) << 1 | (g->supp_gap[k] ? 128u : 0u);
		buf_addc(out, (char)state);
		buf_addc(out, (char)reported);
		if (v.known || g->has[k])
			vint_put_number(out, v.v);
	}
	for (int i = 0; i < nd; i++) {
		vint_put(out, (unsigned long long)d[i].area);
		vint_put(out, (unsigned long long)d[i].node);
		vint_put_number(out, d[i].reported);
		vint_put_number(out, d[i].parts);
		vint_put(out, (unsigned long long)d[i].by_area);
		vint_put(out, d[i].flags);
	}
}

/* The grid of a blob; NULL when it does not fit the model (a miss). */
static calc_grid *grid_from_cache(const model *m, int edition, int year, const void *blob, size_t len)
{
	vint_reader r = {(const unsigned char *)blob, (const unsigned char *)blob + len, 0};
	if (len < sizeof cache_magic || memcmp(blob, cache_magic, sizeof cache_magic) != 0)
		return NULL;
	r.p += sizeof cache_magic;
	unsigned long long na = vint_get(&r), nn = vint_get(&r), nd = vint_get(&r);
	if (r.bad || na != (unsigned long long)m->n_areas || nn != (unsigned long long)m->n_nodes || nd > len)
		return NULL;
	calc_grid *g = grid_new(m, edition, year);
	size_t cells = (size_t)g->na * (size_t)g->nn;
	g->supp = xcalloc(cells + 1, 1);
	g->supp_gap = xcalloc(cells + 1, 1);
	for (size_t k = 0; k < cells && !r.bad; k++) {
		if (r.end - r.p < 2) {
			r.bad = 1;
			break;
		}
		unsigned state = *r.p++, reported = *r.p++;
		calc_value v = {0, (int)(state & 1u), (state >> 1) & 63u};
		g->has[k] = reported & 1u;
		g->rflags[k] = (reported >> 1) & 63u;
		if (v.known || g->has[k])
			v.v = vint_get_number(&r);
		if (g->has[k])
			g->rep[k] = v.v;
		g->res[k] = v;
		g->state[k] = 2; /* every cell was resolved before it was cached */
		g->supp[k] = (state & 128u) != 0;
		g->supp_gap[k] = (reported & 128u) != 0;
	}
	g->diffs = xcalloc((size_t)nd + 1, sizeof *g->diffs);
	for (g->n_diffs = 0; (unsigned long long)g->n_diffs < nd && !r.bad; g->n_diffs++) {
		diff *x = &g->diffs[g->n_diffs];
		unsigned long long a = vint_get(&r), n = vint_get(&r);
		x->reported = vint_get_number(&r);
		x->parts = vint_get_number(&r);
		x->by_area = (int)vint_get(&r);
		x->flags = (unsigned)vint_get(&r);
		r.bad |= a >= na || n >= nn;
		x->area = (int)a;
		x->node = (int)n;
	}
	if (r.bad || r.p != r.end) {
		calc_grid_free(g);
		return NULL;
	}
	return g;
}

/* Decoded grids of one read transaction (store_memo): a page or report
 * opens the same (edition, year) dozens of times (the report's grid of
 * every year, then a ladder per area and year, each with the year before),
 * and reading the stamp and the blob and decoding it costs more than
 * everything else the page does with it. Only grids read from the cache
 * are kept (resolved and protected, no disclosure table: never changed
 * once read), and shared (calc_grid_free drops a share): a copy of each
 * cost a page of the full demo a tenth of its time. Room for every year
 * of two editions' series. */
#define GRID_MEMO_MAX 48
typedef struct grid_memo {
	int n, next;
	struct {
		const model *m;
		int edition, year;
		char key[160];
		calc_grid *g;
	} e[GRID_MEMO_MAX];
} grid_memo;

/* An indicator's context figures of one year, every area (store ids mapped
 * to model indices), as read for one read transaction: a page of a region
 * adds up its municipalities' context, which one query per indicator and
 * year and sums in memory answer instead of a lookup per municipality. */
#define CONTEXT_MEMO_MAX 128
typedef struct context_all {
	const model *m;
	int indicator, edition, year; /* store ids, year */
	calc_value *v;		      /* [area] */
	unsigned char *has;	      /* a row was found */
} context_all;

/* What the engine keeps for one read transaction (store_memo). */
typedef struct calc_memo {
	grid_memo grids;
	int n_ctx, next_ctx;
	context_all *ctx[CONTEXT_MEMO_MAX];
} calc_memo;

static void context_all_free(context_all *c)
{
	if (!c)
		return;
	free(c->v);
	free(c->has);
	free(c);
}

static void calc_memo_free(void *p)
{
	calc_memo *cm = p;
	for (int i = 0; i < cm->grids.n; i++)
		calc_grid_free(cm->grids.e[i].g);
	for (int i = 0; i < cm->n_ctx; i++)
		context_all_free(cm->ctx[i]);
	free(cm);
}

/* The transaction's memo, made when create; NULL outside a read
 * transaction. */
static calc_memo *memo_of(store *s, int create)
{
	calc_memo *cm = store_memo(s);
	if (!cm && create) {
		cm = xcalloc(1, sizeof *cm);
		if (store_set_memo(s, cm, calc_memo_free) < 0) {
			free(cm); /* not in a read transaction: nothing to share */
			return NULL;
		}
	}
	return cm;
}

static calc_grid *memo_get(store *s, const model *m, int edition, int year, const char *key)
{
	calc_memo *cm = memo_of(s, 0);
	grid_memo *gm = cm ? &cm->grids : NULL;
	for (int i = 0; gm && i < gm->n; i++)
		if (gm->e[i].m == m && gm->e[i].edition == edition && gm->e[i].year == year && strcmp(gm->e[i].key, key) == 0)
			return gm->e[i].g->shares++, gm->e[i].g;
	return NULL;
}

static void memo_put(store *s, const calc_grid *g, const char *key)
{
	calc_memo *cm = memo_of(s, 1);
	if (!cm)
		return;
	grid_memo *gm = &cm->grids;
	int i = gm->n < GRID_MEMO_MAX ? gm->n++ : gm->next++ % GRID_MEMO_MAX;
	if (gm->e[i].g)
		calc_grid_free(gm->e[i].g);
	gm->e[i].m = g->m;
	gm->e[i].edition = g->edition;
	gm->e[i].year = g->year;
	snprintf(gm->e[i].key, sizeof gm->e[i].key, "%s", key);
	gm->e[i].g = (calc_grid *)g;
	gm->e[i].g->shares++;
}

calc_grid *calc_grid_open(store *s, const model *m, int edition, int year, const calc_protect_opts *o, lerr *err)
{
	char key[160];
	buf stamp = {0};
	lerr e;
	int memo = edition && !o->primary_only && !o->unprotected;
	if (memo) {
		opts_key(o, model_map_epoch(m, m->map_year), key);
		calc_grid *g = memo_get(s, m, edition, year, key);
		if (g)
			return g;
	}
	/* the stamp is read before the figures: a grid cached under it is
	 * never newer than what it was computed from */
	int cacheable = edition && !o->primary_only && store_grid_stamp(s, edition, year, o->keep_previous, &stamp, &e) == 0;
	if (cacheable) {
		void *blob;
		size_t len;
		opts_key(o, model_map_epoch(m, m->map_year), key);
		if (store_grid_cache_get(s, edition, year, buf_cstr(&stamp), key, &blob, &len, &e) == 0 && blob) {
			calc_grid *g = grid_from_cache(m, edition, year, blob, len);
			free(blob);
			if (g) {
				g->protection = o->unprotected ? PROT_OFF : PROT_ON;
				if (memo)
					memo_put(s, g, key);
				buf_release(&stamp);
				return g;
			}
		}
	}
	calc_grid *g = calc_grid_load(s, m, edition, year, err);
	if (g && calc_grid_protect(g, s, o, err) < 0) {
		calc_grid_free(g);
		g = NULL;
	}
	if (g && cacheable && !o->unprotected) {
		buf b = {0};
		grid_to_cache(g, &b);
		if (store_grid_cache_put(s, edition, year, buf_cstr(&stamp), key, b.ptr, b.len, &e) < 0) {
			/* only the next reader's time is lost */
		}
		buf_release(&b);
	}
	buf_release(&stamp);
	return g;
}

/* Is (edition, year) stale after the figures of pairs changed? Itself, or
 * with keep_previous a later edition of a year whose earlier one changed. */
static int refresh_needed(store *s, const int (*pairs)[2], int n, int edition, int year, int keep_previous)
{
	for (int i = 0; i < n; i++) {
		if (pairs[i][1] != year)
			continue;
		if (pairs[i][0] == edition)
			return 1;
		int prev = 0;
		lerr e;
		if (keep_previous && store_previous_edition(s, "figure", year, edition, &prev, &e) == 0 && prev &&
		    refresh_needed(s, pairs, n, prev, year, keep_previous))
			return 1;
	}
	return 0;
}

/* The map epochs of the years with figures, each once. */
static int map_epochs(store *s, const model *m, int **out, int *n, lerr *err)
{
	int *years, ny;
	*out = NULL;
	*n = 0;
	if (store_years(s, "figure", NULL, &years, &ny, err) < 0)
		return LERR_DB;
	*out = xmalloc(sizeof **out * (size_t)(ny + 1));
	for (int i = 0; i < ny; i++) {
		int e = model_map_epoch(m, years[i]), seen = 0;
		for (int j = 0; j < *n; j++)
			seen |= (*out)[j] == e;
		if (!seen)
			(*out)[(*n)++] = e;
	}
	free(years);
	return 0;
}

typedef struct pair_list {
	int (*p)[2], n;
} pair_list;

static void pair_add(void *ctx, int edition, const char *code, int year)
{
	(void)code;
	pair_list *L = ctx;
	L->p = xrealloc(L->p, sizeof *L->p * (size_t)(L->n + 1));
	L->p[L->n][0] = edition;
	L->p[L->n++][1] = year;
}

/* A grid cached on one map is cached on every map of epochs: figures of a
 * year on a new map (the first of 2025) make every page of that year ask
 * for the grids of all the other years there too. With all, every pair
 * with figures is, cached or not. */
static int fill_epochs(store *s, model *m, const calc_protect_opts *o, const int *epochs, int n_epochs, int all_pairs,
		       lerr *err)
{
	pair_list L = {NULL, 0};
	if (store_coverage(s, "figure", 0, 9999, pair_add, &L, err) < 0)
		return LERR_DB;
	int rc = 0;
	unsigned char *has = xcalloc((size_t)n_epochs + 1, 1);
	for (int i = 0; i < L.n && rc == 0; i++) {
		buf stamp = {0};
		int any = 0, all = 1;
		if (store_grid_stamp(s, L.p[i][0], L.p[i][1], o->keep_previous, &stamp, err) < 0)
			rc = LERR_DB;
		for (int j = 0; j < n_epochs && rc == 0; j++) {
			char key[160];
			int h;
			opts_key(o, epochs[j], key);
			rc = store_grid_cache_has(s, L.p[i][0], L.p[i][1], buf_cstr(&stamp), key, &h, err);
			has[j] = (unsigned char)h;
			any |= h;
			all &= h;
		}
		for (int j = 0; j < n_epochs && rc == 0 && (any || all_pairs) && !all; j++) {
			if (has[j])
				continue;
			model_set_map(m, epochs[j]);
			calc_grid *g = calc_grid_open(s, m, L.p[i][0], L.p[i][1], o, err);
			if (!g)
				rc = err->code ? err->code : LERR_DB;
			calc_grid_free(g);
		}
		buf_release(&stamp);
	}
	free(has);
	free(L.p);
	return rc;
}

int calc_grids_refresh(store *s, const int (*pairs)[2], int n, calc_progress_fn progress, void *arg, lerr *err)
{
	calc_protect_opts o;
	if (calc_protect_opts_load(s, &o, err) < 0)
		return err->code;
	model *m = store_load_model(s, err);
	if (!m)
		return LERR_DB;
	/* the stale pairs, each year's editions oldest first (a kept pattern
	 * is computed before the edition that keeps it) */
	int (*todo)[2] = NULL, n_todo = 0, rc = 0;
	for (int i = 0; i < n && rc == 0; i++) {
		int year = pairs[i][1], seen = 0;
		for (int j = 0; j < i; j++)
			seen |= pairs[j][1] == year;
		store_edition_ref *eds;
		int n_eds;
		if (seen)
			continue;
		if ((rc = store_year_editions(s, "figure", year, &eds, &n_eds, err)) < 0)
			break;
		todo = xrealloc(todo, sizeof *todo * (size_t)(n_todo + n_eds + 1));
		for (int k = 0; k < n_eds; k++)
			if (refresh_needed(s, pairs, n, eds[k].id, year, o.keep_previous)) {
				todo[n_todo][0] = eds[k].id;
				todo[n_todo++][1] = year;
			}
		free(eds);
	}
	/* on every map a page may put them on: that of each year with figures
	 * (a page of a year shows the series of every year on its map) */
	int *epochs = NULL, n_epochs = 0;
	if (rc == 0 && n_todo)
		rc = map_epochs(s, m, &epochs, &n_epochs, err);
	for (int i = 0; i < n_todo && rc == 0; i++) {
		if (progress)
			progress(i, n_todo, arg);
		model_set_map(m, todo[i][1]); /* its own year's map first: the one show reads */
		int own = model_map_epoch(m, todo[i][1]);
		for (int j = -1; j < n_epochs && rc == 0; j++) {
			if (j >= 0 && epochs[j] == own)
				continue;
			if (j >= 0)
				model_set_map(m, epochs[j]);
			calc_grid *g = calc_grid_open(s, m, todo[i][0], todo[i][1], &o, err);
			if (!g)
				rc = err->code ? err->code : LERR_DB;
			calc_grid_free(g);
		}
	}
	if (rc == 0 && n_todo)
		rc = fill_epochs(s, m, &o, epochs, n_epochs, 0, err);
	if (progress && rc == 0)
		progress(n_todo, n_todo, arg);
	free(epochs);
	free(todo);
	model_free(m);
	return rc;
}

int calc_grids_complete(store *s, lerr *err)
{
	calc_protect_opts o;
	if (calc_protect_opts_load(s, &o, err) < 0)
		return err->code;
	model *m = store_load_model(s, err);
	if (!m)
		return LERR_DB;
	int *epochs, n_epochs;
	int rc = map_epochs(s, m, &epochs, &n_epochs, err);
	if (rc == 0)
		rc = fill_epochs(s, m, &o, epochs, n_epochs, 1, err);
	free(epochs);
	model_free(m);
	return rc;
}

calc_grid *calc_grid_load_protected(store *s, const model *m, int edition, int year, lerr *err)
{
	calc_protect_opts o;
	if (calc_protect_opts_load(s, &o, err) < 0)
		return NULL;
	return calc_grid_open(s, m, edition, year, &o, err);
}

int calc_grid_audit(calc_grid *g, calc_exposure **out, int *n_out, disc_stats *st, lerr *err)
{
	*out = NULL;
	*n_out = 0;
	if (!g->dt)
		return lerr_set(err, LERR_USAGE, "calc_grid_audit: the grid is not protected");
	const disc_exposure *x;
	int n;
	if (disc_audit(g->dt, &x, &n, err) < 0)
		return err->code;
	if (st)
		*st = *disc_get_stats(g->dt);
	*out = xcalloc((size_t)n + 1, sizeof **out);
	for (int i = 0; i < n; i++) {
		int ref = g->dref[x[i].cell];
		size_t cells = (size_t)g->na * (size_t)g->nn, slot = (size_t)ref / 2 / cells, k = (size_t)ref / 2 % cells;
		(*out)[i] = (calc_exposure){(int)(k / (size_t)g->nn), (int)(k % (size_t)g->nn), ref % 2, x[i].lo, x[i].hi,
					    x[i].required, slot ? g->map_year[slot] : 0};
	}
	*n_out = n;
	return 0;
}

int calc_grid_hides_under(const calc_grid *g, int area)
{
	if (g->protection != PROT_ON || area < 0)
		return 0;
	for (int n = 0; n < g->nn; n++) {
		size_t k = (size_t)area * (size_t)g->nn + (size_t)n;
		if (g->supp[k] || g->supp_gap[k])
			return 1;
	}
	const model_area *x = &g->m->areas[area];
	for (int i = 0; i < x->n_children; i++)
		if (calc_grid_hides_under(g, x->children[i]))
			return 1;
	return 0;
}

const disc_stats *calc_grid_stats(const calc_grid *g)
{
	return g->dt ? disc_get_stats(g->dt) : NULL;
}

disc_table *calc_grid_table(calc_grid *g)
{
	return g->dt;
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
		context_all_free(c);
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
		context_all_free(c);
		return NULL;
	}
	return c;
}

/* The indicator's figures of a year in this read transaction, read once;
 * outside one the caller frees it (*owned). */
static context_all *context_all_of(store *s, const model *m, int ii, int edition, int year, int *owned, lerr *err)
{
	calc_memo *cm = memo_of(s, 1);
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
	context_all_free(cm->ctx[i]);
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
		context_all_free(c);
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
			if (counted(g->m, d->node, x->children[i]) && hidden(g, d->area, x->children[i]))
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
