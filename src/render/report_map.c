/* report_map.c - the map section of the report (and so of the dashboard
 * page): the municipalities of the area on the chosen year's map, shaded
 * by a measure (persons of rungs 3-5 per 1 000 inhabitants, the share of a
 * rung, the change on the year before), with the Flemish value and the
 * ranking.
 *
 * The shapes are those of 2019 (map.h). A year's municipality is drawn as
 * the 2019 shapes that lie in it: itself from 2019 to 2024, the shapes of
 * the municipalities it absorbed from 2025 (successions, dissolved). The
 * 2019 file has no shapes of the municipalities that merged in 2019, so a
 * year before 2019 is drawn on the 2019 map: the merged municipality's
 * shape, its figure the sum of its predecessors' (counts add up; a hidden
 * part hides the sum), and the map says so. A region's or province's map
 * can shade its arrondissements or provinces instead (rpt_map_levels):
 * the shapes of the municipalities lying in each dissolved into one, each
 * shaded by the area's own protected figure. */
#include "report.h"
#include "map.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One area drawn: its shapes, the areas of the year whose figures it adds. */
typedef struct unit {
	int *shapes, n_shapes, cap;
	int members[16], n_members;
	int later; /* the 2019 municipality its one shape is of, when that came later than the year; else -1 */
	calc_value a, b; /* the measure's two parts, added over the members */
} unit;

typedef struct mapb {
	const model *m;
	const map_topo *t;
	const rpt_map_in *in;
	unit *u;
	int n;
	int before_2019; /* some shape stands for municipalities merged later */
	int moved;       /* some such shape is drawn in another area than a member's figures count in */
} mapb;

static int inside(const model *m, int a, int area)
{
	for (; a >= 0; a = m->areas[a].parent)
		if (a == area)
			return 1;
	return 0;
}

/* The area of level that a lies in (a itself when of that level), or -1. */
static int above(const model *m, int a, enum model_level level)
{
	while (a >= 0 && m->areas[a].level != level)
		a = m->areas[a].parent;
	return a;
}

/* Is municipality a of the year on the page's map (its area; a
 * municipality's page shows its province; a grouping its members)? */
static int on_page(const model *m, int a, int area)
{
	const model_area *x = &m->areas[area];
	if (x->level == LEVEL_MUNICIPALITY)
		return inside(m, a, above(m, area, LEVEL_PROVINCE));
	if (x->level == LEVEL_GROUPING) {
		for (int i = 0; i < x->n_children; i++)
			if (x->children[i] == a)
				return 1;
		return 0;
	}
	return inside(m, a, area);
}

/* The area of year that area a lies in, following its successions; -1
 * when a's territory belongs to a later area only. */
static int of_year(const model *m, int a, int year)
{
	for (int hops = 0; hops < 16 && a >= 0; hops++) {
		if (model_area_valid_in_year(&m->areas[a], year))
			return a;
		const model_succession *s = model_area_successor(m, a);
		if (!s || atoi(s->effective) > year)
			return -1;
		a = s->to;
	}
	return -1;
}

static void add_shape(unit *x, int shape)
{
	if (x->n_shapes == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 8;
		x->shapes = xrealloc(x->shapes, sizeof *x->shapes * (size_t)x->cap);
	}
	x->shapes[x->n_shapes++] = shape;
}

static unit *unit_with_member(unit **u, int *n, int member)
{
	for (int i = 0; i < *n; i++)
		if ((*u)[i].n_members && (*u)[i].members[0] == member)
			return &(*u)[i];
	*u = xrealloc(*u, sizeof **u * (size_t)(*n + 1));
	unit *x = &(*u)[(*n)++];
	memset(x, 0, sizeof *x);
	x->later = -1;
	x->members[x->n_members++] = member;
	return x;
}

static void units_free(unit *u, int n)
{
	for (int i = 0; i < n; i++)
		free(u[i].shapes);
	free(u);
}

/* A 2019 shape whose municipality came later than year: its predecessors
 * of that year on the page's map, all of them drawn as the one shape. */
static void later_shape(mapb *b, int shape, int later)
{
	const model *m = b->m;
	unit *x = NULL;
	for (int p = 0; p < m->n_areas; p++) {
		const model_area *a = &m->areas[p];
		if (a->level != LEVEL_MUNICIPALITY || !model_area_valid_in_year(a, b->in->year) ||
		    of_year(m, p, 2019) != later || !on_page(m, p, b->in->area))
			continue;
		if (!x) {
			x = unit_with_member(&b->u, &b->n, p);
			x->later = later;
			add_shape(x, shape);
		} else if (x->n_members < 16) {
			x->members[x->n_members++] = p;
		}
	}
	b->before_2019 |= x && x->n_members > 1;
}

/* The municipalities of the year, each the 2019 shapes that lie in it.
 * Whether one is on the page is asked of the year's municipality, not of
 * the shape's: Zwijndrecht's shape belongs to Oost-Vlaanderen from 2025. */
static void collect_units(mapb *b)
{
	const model *m = b->m;
	for (int s = 0; s < b->t->n_shapes; s++) {
		int a = model_area_index(m, b->t->code[s]);
		if (a < 0)
			continue;
		int y = of_year(m, a, b->in->year);
		if (y < 0)
			later_shape(b, s, a);
		else if (on_page(m, y, b->in->area))
			add_shape(unit_with_member(&b->u, &b->n, y), s);
	}
}

/* The municipalities gathered into the areas of level they lie in, each
 * one unit with the shapes of its municipalities. Before 2019 a shape
 * standing for municipalities of two arrondissements (Opglabbeek of
 * Hasselt with Meeuwen-Gruitrode of Maaseik) is drawn in the area of its
 * 2019 municipality; the figures are the area's own all the same. */
static void gather_units(mapb *b, enum model_level level)
{
	const model *m = b->m;
	unit *g = NULL;
	int n = 0;
	for (int i = 0; i < b->n; i++) {
		const unit *x = &b->u[i];
		int p = above(m, x->later >= 0 ? x->later : x->members[0], level);
		if (p < 0)
			continue;
		for (int k = 0; k < x->n_members; k++)
			b->moved |= above(m, x->members[k], level) != p;
		unit *to = unit_with_member(&g, &n, p);
		for (int k = 0; k < x->n_shapes; k++)
			add_shape(to, x->shapes[k]);
	}
	units_free(b->u, b->n);
	b->u = g;
	b->n = n;
}

static enum model_level model_level_of(int level)
{
	return level == RPT_MAP_PROVINCES	  ? LEVEL_PROVINCE
	       : level == RPT_MAP_ARRONDISSEMENTS ? LEVEL_ARRONDISSEMENT
						  : LEVEL_MUNICIPALITY;
}

int rpt_map_levels(const model *m, int area, int *levels)
{
	int n = 0;
	levels[n++] = RPT_MAP_MUNICIPALITIES;
	enum model_level l = m->areas[area].level;
	if (l == LEVEL_REGION || l == LEVEL_PROVINCE)
		levels[n++] = RPT_MAP_ARRONDISSEMENTS;
	if (l == LEVEL_REGION)
		levels[n++] = RPT_MAP_PROVINCES;
	return n;
}

const char *rpt_map_level_key(int level)
{
	return model_level_name(model_level_of(level), 1);
}

int rpt_map_level_parse(const char *s, int *level)
{
	enum model_level l;
	if (model_level_parse(s, &l) < 0)
		return LERR_PARSE;
	for (int k = 0; k < RPT_MAP_N_LEVELS; k++)
		if (model_level_of(k) == l) {
			*level = k;
			return 0;
		}
	return LERR_PARSE;
}

/* ------------------------------------------------------------ the measure */

static void add_to(calc_value *sum, calc_value v, int first)
{
	if (first)
		*sum = (calc_value){0, 1, 0};
	sum->known &= v.known && !(v.flags & CALC_CONFIDENTIAL);
	sum->v += v.known ? v.v : 0;
	sum->flags |= v.flags;
}

/* The parts of the measure for one area: a over b. */
static void parts(const rpt_map_in *in, const model *m, int area, calc_value *a, calc_value *b, int first)
{
	const int head = m->headline;
	switch (in->measure) {
	case RPT_MAP_RATE:
		add_to(a, calc_grid_get(in->grid, area, head), first);
		add_to(b, in->population[area], first);
		break;
	case RPT_MAP_CHANGE:
		add_to(a, calc_grid_get(in->grid, area, head), first);
		add_to(b, in->prev ? calc_grid_get(in->prev, area, head) : (calc_value){0, 0, 0}, first);
		break;
	default: /* the share of a rung */
		add_to(a, calc_grid_get(in->grid, area, m->rung_node[in->measure]), first);
		add_to(b, calc_grid_get(in->grid, area, head), first);
	}
}

static calc_value measure_of(const rpt_map_in *in, calc_value a, calc_value b)
{
	calc_value v = {0, a.known && b.known && b.v > 0, (a.flags | b.flags) & (CALC_ESTIMATED | CALC_SYNTHETIC |
									      CALC_CONFIDENTIAL)};
	if (v.flags & CALC_CONFIDENTIAL)
		v.known = 0;
	if (v.known)
		v.v = in->measure == RPT_MAP_RATE     ? a.v / b.v * 1000
		      : in->measure == RPT_MAP_CHANGE ? (a.v - b.v) / b.v * 100
						      : a.v / b.v * 100;
	return v;
}

static calc_value unit_value(mapb *b, unit *x)
{
	for (int k = 0; k < x->n_members; k++)
		parts(b->in, b->m, x->members[k], &x->a, &x->b, k == 0);
	if (b->in->measure == RPT_MAP_RATE && !x->b.known && !(x->b.flags & CALC_CONFIDENTIAL)) {
		/* the population of another year lies on the 2019 shapes */
		x->b = (calc_value){0, 1, 0};
		for (int k = 0; k < x->n_shapes; k++) {
			int s = model_area_index(b->m, b->t->code[x->shapes[k]]);
			add_to(&x->b, s >= 0 ? b->in->population[s] : (calc_value){0, 0, 0}, k == 0);
		}
	}
	return measure_of(b->in, x->a, x->b);
}

/* ----------------------------------------------------------------- labels */

static const char *unit_label(mapb *b, const unit *x, arena *mem)
{
	const model *m = b->m;
	if (x->n_members == 1)
		return model_area_name(&m->areas[x->members[0]], b->in->english);
	buf t = BUF_INIT;
	for (int k = 0; k < x->n_members; k++)
		buf_printf(&t, "%s%s", k ? " + " : "", model_area_name(&m->areas[x->members[k]], b->in->english));
	const char *s = arena_strdup(mem, t.ptr);
	buf_release(&t);
	return s;
}

static const char *measure_name(const rpt_map_in *in, int en, arena *mem)
{
	switch (in->measure) {
	case RPT_MAP_RATE:
		return in->population_year == in->year
			       ? arena_printf(mem, V(en, map_per_1000), in->population_name)
			       : arena_printf(mem, V(en, map_per_1000_other_year), in->population_name, in->population_year);
	case RPT_MAP_CHANGE:
		return arena_printf(mem, V(en, map_change_on), in->year - 1);
	default:
		return arena_printf(mem, V(en, map_share_of_rung), in->measure);
	}
}

/* The same for the ranking's column: short, the title says the rest. */
static const char *measure_column(const rpt_map_in *in, int en)
{
	switch (in->measure) {
	case RPT_MAP_RATE:
		return V(en, map_by_rate);
	case RPT_MAP_CHANGE:
		return V(en, map_by_change);
	case RPT_MAP_RUNG3:
		return V(en, map_by_rung3);
	case RPT_MAP_RUNG4:
		return V(en, map_by_rung4);
	default:
		return V(en, map_by_rung5);
	}
}

/* Areas of one level above the municipalities, as borders on the map. */
static chart_map_unit *outlines(mapb *b, enum model_level level, int *n_out, arena *mem)
{
	chart_map_unit *o = NULL;
	int n = 0;
	for (int i = 0; i < b->n; i++) {
		int p = b->u[i].members[0];
		while (p >= 0 && b->m->areas[p].level != level)
			p = b->m->areas[p].parent;
		if (p < 0)
			continue;
		int k = 0;
		while (k < n && strcmp(o[k].label, b->m->areas[p].code) != 0)
			k++;
		if (k == n) {
			o = xrealloc(o, sizeof *o * (size_t)(n + 1));
			o[n++] = (chart_map_unit){b->m->areas[p].code, arena_alloc(mem, sizeof(int) * (size_t)b->t->n_shapes), 0,
						  {0, 0, 0}, 0, NULL};
		}
		for (int s = 0; s < b->u[i].n_shapes; s++)
			((int *)o[k].shapes)[o[k].n_shapes++] = b->u[i].shapes[s];
	}
	*n_out = n;
	return o;
}

int rpt_map_level_offered(const model *m, int area, int level)
{
	int levels[RPT_MAP_N_LEVELS], n = rpt_map_levels(m, area, levels);
	for (int i = 0; i < n; i++)
		if (levels[i] == level)
			return level;
	return RPT_MAP_MUNICIPALITIES;
}

/* "Map of 22 arrondissements in 2017, ..." */
static const char *map_desc(int level, int n, int year, int en, arena *mem)
{
	const char *f = level == RPT_MAP_PROVINCES	  ? V(en, map_desc_provinces)
			: level == RPT_MAP_ARRONDISSEMENTS ? V(en, map_desc_arrondissements)
							   : V(en, map_desc);
	return arena_printf(mem, f, n, year);
}

chart *rpt_map_chart(const rpt_map_in *in, const char *id, arena *mem, lerr *err)
{
	map_topo *t = map_topo_load(err);
	if (!t)
		return NULL;
	mapb b = {in->m, t, in, NULL, 0, 0, 0};
	collect_units(&b);
	int level = rpt_map_level_offered(in->m, in->area, in->level);
	if (level != RPT_MAP_MUNICIPALITIES)
		gather_units(&b, model_level_of(level));
	chart_map_unit *cu = xcalloc((size_t)b.n + 1, sizeof *cu);
	for (int i = 0; i < b.n; i++)
		cu[i] = (chart_map_unit){unit_label(&b, &b.u[i], mem), b.u[i].shapes, b.u[i].n_shapes, unit_value(&b, &b.u[i]),
					 b.u[i].members[0] == in->area,
					 b.u[i].n_members == 1 ? in->m->areas[b.u[i].members[0]].code : NULL};
	const model_area *x = &in->m->areas[in->area];
	/* borders of the level above what is shaded: a region's provinces, a
	 * province's arrondissements; none around provinces */
	enum model_level border = x->level == LEVEL_REGION ? LEVEL_PROVINCE : LEVEL_ARRONDISSEMENT;
	int n_out = 0;
	chart_map_unit *ou = x->level == LEVEL_GROUPING || model_level_of(level) <= border ? NULL
											 : outlines(&b, border, &n_out, mem);
	int en = in->english;
	unit fl = {NULL, 0, 0, {in->m->flanders}, 1, -1, {0, 0, 0}, {0, 0, 0}};
	chart_map_in ci = {t, cu, b.n, ou, n_out, NULL, NULL, measure_name(in, en, mem), measure_column(in, 0),
			   measure_column(in, 1), in->measure != RPT_MAP_RATE, 1, NULL, {0, 0, 0}, NULL, en};
	if (in->m->flanders >= 0) {
		ci.reference_name = model_area_name(&in->m->areas[in->m->flanders], en);
		ci.reference = unit_value(&b, &fl);
	}
	ci.title = arena_printf(mem, V(en, map_title), ci.measure, model_area_name(x, en), in->year);
	ci.desc = map_desc(level, b.n, in->year, en, mem);
	if (b.before_2019 && level == RPT_MAP_MUNICIPALITIES)
		ci.note = V(en, map_before_2019);
	else if (b.moved)
		ci.note = V(en, map_before_2019_moved);
	chart *c = chart_map(id, &ci, err);
	free(cu);
	free(ou);
	units_free(b.u, b.n);
	map_topo_free(t);
	return c;
}

/* ------------------------------------------------------------- population */

/* a map needs the municipalities' population, not only a province's */
static int any_municipal(const model *m, const calc_value *v)
{
	for (int i = 0; i < m->n_areas; i++)
		if (v[i].known && m->areas[i].level == LEVEL_MUNICIPALITY)
			return 1;
	return 0;
}

/* Flanders' population as the sum of its municipalities of that year,
 * when it has none of its own and every municipality has one. */
static void flanders_total(const model *m, int year, calc_value *out)
{
	if (m->flanders < 0 || out[m->flanders].known)
		return;
	calc_value sum = {0, 1, 0};
	for (int i = 0; i < m->n_areas; i++)
		if (m->areas[i].level == LEVEL_MUNICIPALITY && model_area_valid_in_year(&m->areas[i], year))
			add_to(&sum, out[i], 0);
	out[m->flanders] = sum;
}

int rpt_map_population(store *s, const model *m, int year, int edition, int english, calc_value *out, int *pop_year,
		       const char **name, lerr *err)
{
	*pop_year = 0;
	static const char *const ind[] = {"population_18_64", "population"};
	for (int d = 0; d <= 10; d++)
		for (int sign = 1; sign >= -1; sign -= 2)
			for (int i = 0; i < 2; i++) {
				int y = year + sign * d;
				if (calc_context_year(s, m, y, ind[i], edition, out, err) < 0)
					return LERR_DB;
				if (any_municipal(m, out)) {
					*pop_year = y;
					flanders_total(m, y, out);
					*name = i ? V(english, map_inhabitants) : V(english, map_inhabitants_18_64);
					return 0;
				}
			}
	return 0;
}
