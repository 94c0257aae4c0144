/* calc_protect.c - the protected grid: the settings, the disclosure table
 * of a grid over every map its year can be shown on, and the pattern kept
 * in the store (see calc.h). */
#include "calc_internal.h"
#include "../base/varint.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
int calc_counted(const model *m, int parent, int child)
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
			calc_value v = calc_resolve(gm, a, n);
			if (v.known)
				dc[k] = map_cell(t, gm, a, k, 0, v.v);
		}
		/* gaps after the cells of the area, so a cell's index does not
		 * depend on its neighbours' gaps */
		for (int n = 0; n < g->nn; n++) {
			size_t k = (size_t)a * (size_t)g->nn + (size_t)n;
			if (dc[k] < 0)
				continue;
			calc_value total = calc_resolve(gm, a, n), parts = calc_node_sum(gm, a, n);
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
				if (!calc_counted(m, n, c) || dc[kc] < 0)
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
	calc_figs own_figs = {0}, *figs = g->figs ? g->figs : &own_figs;
	for (int j = 0; j < g->n_maps && rc == 0; j++) {
		model_set_map(m, g->map_year[j]);
		calc_grid *gm = j == g->self ? g : calc_grid_load_figs(s, m, g->edition, g->year, figs, err);
		if (!gm) {
			rc = LERR_DB;
			g->n_maps = j;
			break;
		}
		tbuild t = {g, o, j, 0, NULL, NULL, NULL};
		add_map(&t, gm, parts);
		if (gm != g && g->keep_maps)
			g->map_grid[j] = gm;
		else if (gm != g)
			calc_grid_free(gm);
	}
	model_set_map(m, own);
	free(parts);
	free(own_figs.f);
	calc_grid_free_figs(g);
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

int calc_grid_protect_begin(calc_grid *g, store *s, const calc_protect_opts *o, int *solve, lerr *err)
{
	size_t cells = (size_t)g->na * (size_t)g->nn;
	*solve = 0;
	if (o->unprotected) {
		g->protection = PROT_OFF;
		return 0;
	}
	calc_grid_free_table(g);
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
	if (o->primary_only)
		disc_primary_only(g->dt);
	else if (o->fresh || !reuse_pattern(g, s)) /* else the stored pattern was computed, and proven, from the same input */
		*solve = 1;
	return 0;
}

int calc_grid_protect_solve(calc_grid *g, lerr *err)
{
	return disc_protect(g->dt, err) < 0 ? err->code : 0;
}

void calc_grid_protect_end(calc_grid *g, store *s, const calc_protect_opts *o, int solved)
{
	if (o->unprotected)
		return;
	if (solved && !o->fresh)
		keep_pattern(g, s);
	size_t cells = (size_t)g->na * (size_t)g->nn;
	for (size_t k = 0; k < cells; k++) {
		g->supp[k] = g->dcell[k] >= 0 && disc_get_state(g->dt, g->dcell[k]) != DISC_PUBLISHED;
		g->supp_gap[k] = g->dgap[k] >= 0 && disc_get_state(g->dt, g->dgap[k]) != DISC_PUBLISHED;
	}
}

calc_grid *calc_grid_sibling(calc_grid *g, int map_year)
{
	int want = model_map_epoch(g->m, map_year);
	for (int j = 0; j < g->n_maps; j++) {
		calc_grid *x = g->map_grid[j];
		if (!x || model_map_epoch(g->m, g->map_year[j]) != want)
			continue;
		g->map_grid[j] = NULL;
		size_t cells = (size_t)g->na * (size_t)g->nn;
		x->supp = xcalloc(cells + 1, 1);
		x->supp_gap = xcalloc(cells + 1, 1);
		for (size_t k = 0; k < cells; k++) {
			int c = g->mcell[j][k], d = g->mgap[j][k];
			x->supp[k] = c >= 0 && disc_get_state(g->dt, c) != DISC_PUBLISHED;
			x->supp_gap[k] = d >= 0 && disc_get_state(g->dt, d) != DISC_PUBLISHED;
		}
		x->protection = PROT_ON;
		return x;
	}
	return NULL;
}

int calc_grid_protect(calc_grid *g, store *s, const calc_protect_opts *o, lerr *err)
{
	int solve, rc = calc_grid_protect_begin(g, s, o, &solve, err);
	if (rc == 0 && solve)
		rc = calc_grid_protect_solve(g, err);
	if (rc == 0)
		calc_grid_protect_end(g, s, o, solve);
	return rc;
}
