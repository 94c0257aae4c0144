/* pivot.c - a table of your own: the reader's choice read from query
 * parameters, and the cube of protected values it asks for (pivot.h). The
 * table, JSON and JSON-stat of a cube are in fmt_pivot.c. */
#include "pivot.h"
#include "../base/num.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const dim_codes[PVT_N_DIMS] = {"area", "year", "form", "measure"};
static const char *const measure_codes[PVT_N_MEASURES] = {"persons", "share", "change", "change_pct"};

const char *pvt_dim_code(enum pvt_dim d)
{
	return dim_codes[d];
}

const char *pvt_measure_code(enum pvt_measure k)
{
	return measure_codes[k];
}

const char *pvt_dim_name(enum pvt_dim d, int en)
{
	switch (d) {
	case PVT_AREA:
		return V(en, table_dim_area);
	case PVT_YEAR:
		return V(en, table_dim_year);
	case PVT_FORM:
		return V(en, table_dim_form);
	default:
		return V(en, table_dim_measure);
	}
}

const char *pvt_measure_name(enum pvt_measure k, int en)
{
	switch (k) {
	case PVT_PERSONS:
		return V(en, table_m_persons);
	case PVT_SHARE:
		return V(en, table_m_share);
	case PVT_CHANGE:
		return V(en, table_m_change);
	default:
		return V(en, table_m_change_pct);
	}
}

/* ---------------------------------------------------------------- parsing */

/* Every value of name: repeated parameters and comma lists, trimmed,
 * empty ones dropped. */
static int values(const pvt_param *p, int n, const char *name, arena *mem, const char ***out)
{
	int cap = 8, k = 0;
	const char **v = arena_alloc(mem, sizeof *v * (size_t)cap);
	for (int i = 0; i < n; i++) {
		if (strcmp(p[i].name, name) != 0)
			continue;
		char *s = arena_strdup(mem, p[i].value);
		for (char *tok = s; tok;) {
			char *comma = strchr(tok, ',');
			if (comma)
				*comma = '\0';
			while (*tok == ' ')
				tok++;
			size_t len = strlen(tok);
			while (len && tok[len - 1] == ' ')
				tok[--len] = '\0';
			if (*tok) {
				if (k == cap) {
					const char **w = arena_alloc(mem, sizeof *w * (size_t)cap * 2);
					memcpy(w, v, sizeof *v * (size_t)cap);
					v = w;
					cap *= 2;
				}
				v[k++] = tok;
			}
			tok = comma ? comma + 1 : NULL;
		}
	}
	*out = v;
	return k;
}

static int choice(const char *const *codes, int n, const char *s)
{
	for (int i = 0; i < n; i++)
		if (strcmp(codes[i], s) == 0)
			return i;
	return -1;
}

static int bad_choice(lerr *err, int en, const char *param, const char *value, const char *const *codes, int n)
{
	buf list = BUF_INIT;
	for (int i = 0; i < n; i++)
		buf_printf(&list, "%s%s", i ? ", " : "", codes[i]);
	lerr_set(err, LERR_USAGE, V(en, table_bad_choice), param, value, list.ptr);
	buf_release(&list);
	return LERR_USAGE;
}

static int add_unique(int *list, int *n, int v)
{
	for (int i = 0; i < *n; i++)
		if (list[i] == v)
			return 0;
	list[(*n)++] = v;
	return 1;
}

/* Is area a under w: in w's tree, or a member of grouping w (or under one)? */
static int is_within(const model *m, int a, int w)
{
	for (int x = a; x >= 0; x = m->areas[x].parent) {
		if (x == w)
			return 1;
		if (m->areas[w].level == LEVEL_GROUPING)
			for (int k = 0; k < m->areas[w].n_children; k++)
				if (m->areas[w].children[k] == x)
					return 1;
	}
	return 0;
}

static int parse_years(const pvt_param *p, int n, const int *avail, int n_avail, int en, arena *mem, pvt_spec *sp,
		       lerr *err)
{
	const char **v;
	int nv = values(p, n, "year", mem, &v);
	sp->years = arena_alloc(mem, sizeof(int) * (size_t)(nv + n_avail + 1));
	sp->n_years = 0;
	for (int i = 0; i < nv; i++) {
		long long y;
		if (num_parse_option_int(v[i], 1990, 2100, &y) < 0)
			return lerr_set(err, LERR_USAGE, V(en, table_bad_year), "year", v[i]);
		add_unique(sp->years, &sp->n_years, (int)y);
	}
	const char *from = NULL, *to = NULL;
	for (int i = 0; i < n; i++) {
		if (strcmp(p[i].name, "from") == 0 && *p[i].value)
			from = p[i].value;
		if (strcmp(p[i].name, "to") == 0 && *p[i].value)
			to = p[i].value;
	}
	if (from || to) {
		long long f = 0, t = 0;
		if (!from || num_parse_option_int(from, 1990, 2100, &f) < 0)
			return lerr_set(err, LERR_USAGE, V(en, table_bad_year), "from", from ? from : "");
		if (!to || num_parse_option_int(to, 1990, 2100, &t) < 0 || t < f)
			return lerr_set(err, LERR_USAGE, V(en, table_bad_year), "to", to ? to : "");
		for (int i = 0; i < n_avail; i++)
			if (avail[i] >= f && avail[i] <= t)
				add_unique(sp->years, &sp->n_years, avail[i]);
	}
	if (!sp->n_years && n_avail)
		sp->years[sp->n_years++] = avail[n_avail - 1];
	for (int i = 1; i < sp->n_years; i++) /* ascending */
		for (int j = i; j > 0 && sp->years[j] < sp->years[j - 1]; j--) {
			int t = sp->years[j];
			sp->years[j] = sp->years[j - 1];
			sp->years[j - 1] = t;
		}
	if (sp->n_years > PVT_MAX_YEARS)
		return lerr_set(err, LERR_USAGE, V(en, table_too_many_years), PVT_MAX_YEARS);
	return 0;
}

int pvt_map_year(const pvt_spec *sp)
{
	return sp->geography ? sp->geography : sp->n_years ? sp->years[sp->n_years - 1] : 0;
}

static int parse_geography(const pvt_param *p, int n, int en, arena *mem, pvt_spec *sp, lerr *err)
{
	const char **v;
	long long y;
	if (!values(p, n, "geography", mem, &v) || !*v[0])
		return 0;
	if (num_parse_option_int(v[0], 1977, 2100, &y) < 0)
		return lerr_set(err, LERR_USAGE, V(en, table_bad_year), "geography", v[0]);
	sp->geography = (int)y;
	return 0;
}

/* level= and within=: every area of the level (on the table's map) under
 * within; within alone: the areas right under it. */
static int parse_level(const model *m, const pvt_param *p, int n, int en, arena *mem, pvt_spec *sp, lerr *err)
{
	const char **lv, **wv;
	int nl = values(p, n, "level", mem, &lv), nw = values(p, n, "within", mem, &wv);
	sp->level = sp->within = -1;
	if (nw) {
		lerr e;
		if ((sp->within = model_find_area_msg(m, wv[0], en, &e)) < 0)
			return lerr_set(err, LERR_NOTFOUND, "within: %s", e.msg);
	}
	if (nl) {
		enum model_level l;
		if (model_level_parse(lv[0], &l) < 0) {
			static const char *const levels[] = {"region", "province", "arrondissement", "municipality", "grouping"};
			return bad_choice(err, en, "level", lv[0], levels, 5);
		}
		sp->level = (int)l;
	}
	int year = pvt_map_year(sp);
	for (int a = 0; a < m->n_areas && (nl || nw); a++) {
		const model_area *x = &m->areas[a];
		int in = nl ? (int)x->level == sp->level && (!nw || is_within(m, a, sp->within))
			    : x->parent == sp->within || (m->areas[sp->within].level == LEVEL_GROUPING && a != sp->within &&
							  is_within(m, a, sp->within) && x->level == LEVEL_MUNICIPALITY);
		if (in && (!year || model_area_valid_in_year(x, year)))
			add_unique(sp->areas, &sp->n_areas, a);
	}
	return 0;
}

/* An area named that is not on the table's map: what became of it. */
static int off_map(const model *m, int a, int year, int en, lerr *err)
{
	buf why = BUF_INIT;
	model_area_off_map_reason(m, a, year, en, &why);
	lerr_set(err, LERR_USAGE, V(en, table_area_off_map), m->areas[a].code, model_area_name(&m->areas[a], en), year,
		 why.ptr);
	buf_release(&why);
	return LERR_USAGE;
}

static int parse_areas(const model *m, const pvt_param *p, int n, int en, arena *mem, pvt_spec *sp, lerr *err)
{
	const char **v;
	int nv = values(p, n, "area", mem, &v);
	sp->areas = arena_alloc(mem, sizeof(int) * (size_t)(nv + m->n_areas + 1));
	sp->n_areas = 0;
	for (int i = 0; i < nv; i++) {
		lerr e;
		int a = model_find_area_msg(m, v[i], en, &e);
		if (a < 0)
			return lerr_set(err, e.code == LERR_AMBIGUOUS ? LERR_USAGE : LERR_NOTFOUND, "area: %s", e.msg);
		if (pvt_map_year(sp) && !model_area_valid_in_year(&m->areas[a], pvt_map_year(sp)))
			return off_map(m, a, pvt_map_year(sp), en, err);
		add_unique(sp->areas, &sp->n_areas, a);
	}
	sp->n_listed = sp->n_areas;
	if (parse_level(m, p, n, en, mem, sp, err) < 0)
		return err->code;
	if (!sp->n_areas && sp->level < 0 && sp->within < 0 && m->flanders >= 0) {
		sp->areas[sp->n_areas++] = m->flanders;
		for (int k = 0; k < m->areas[m->flanders].n_children; k++)
			sp->areas[sp->n_areas++] = m->areas[m->flanders].children[k];
		sp->n_listed = sp->n_areas;
	}
	return 0;
}

static int parse_forms(const model *m, const pvt_param *p, int n, int en, arena *mem, pvt_spec *sp, lerr *err)
{
	const char **v;
	int nv = values(p, n, "form", mem, &v);
	sp->nodes = arena_alloc(mem, sizeof(int) * (size_t)(nv + 8));
	sp->n_nodes = 0;
	for (int i = 0; i < nv; i++) {
		int x = model_node_index(m, v[i]);
		if (x < 0)
			return lerr_set(err, LERR_NOTFOUND, V(en, table_unknown_form), "form", v[i]);
		add_unique(sp->nodes, &sp->n_nodes, x);
	}
	if (!sp->n_nodes) {
		sp->nodes[sp->n_nodes++] = m->headline;
		for (int r = 5; r >= 3; r--)
			if (m->rung_node[r] >= 0)
				sp->nodes[sp->n_nodes++] = m->rung_node[r];
		if (m->rung_node[6] >= 0)
			sp->nodes[sp->n_nodes++] = m->rung_node[6];
	}
	return 0;
}

static int parse_measures(const pvt_param *p, int n, int en, arena *mem, pvt_spec *sp, lerr *err)
{
	const char **v;
	int nv = values(p, n, "measure", mem, &v);
	sp->n_measures = 0;
	for (int i = 0; i < nv; i++) {
		int k = choice(measure_codes, PVT_N_MEASURES, v[i]);
		if (k < 0)
			return bad_choice(err, en, "measure", v[i], measure_codes, PVT_N_MEASURES);
		add_unique(sp->measures, &sp->n_measures, k);
	}
	if (!sp->n_measures)
		sp->measures[sp->n_measures++] = PVT_PERSONS;
	return 0;
}

static int parse_dim(const pvt_param *p, int n, const char *name, enum pvt_dim dflt, int en, arena *mem,
		     enum pvt_dim *out, lerr *err)
{
	const char **v;
	*out = dflt;
	if (!values(p, n, name, mem, &v))
		return 0;
	int d = choice(dim_codes, PVT_N_DIMS, v[0]);
	if (d < 0)
		return bad_choice(err, en, name, v[0], dim_codes, PVT_N_DIMS);
	*out = (enum pvt_dim)d;
	return 0;
}

int pvt_parse(const model *m, const pvt_param *p, int n, const int *avail, int n_avail, int en, arena *mem,
	      pvt_spec *sp, lerr *err)
{
	memset(sp, 0, sizeof *sp);
	sp->english = en;
	const char **ed;
	if (values(p, n, "edition", mem, &ed))
		sp->edition = ed[0];
	if (parse_years(p, n, avail, n_avail, en, mem, sp, err) < 0 || parse_geography(p, n, en, mem, sp, err) < 0 ||
	    parse_areas(m, p, n, en, mem, sp, err) < 0 ||
	    parse_forms(m, p, n, en, mem, sp, err) < 0 || parse_measures(p, n, en, mem, sp, err) < 0 ||
	    parse_dim(p, n, "rows", PVT_AREA, en, mem, &sp->rows, err) < 0 ||
	    parse_dim(p, n, "cols", sp->rows == PVT_FORM ? PVT_AREA : PVT_FORM, en, mem, &sp->cols, err) < 0)
		return err->code;
	if (sp->rows == sp->cols)
		return lerr_set(err, LERR_USAGE, "%s", V(en, table_same_dims));
	if (!sp->n_areas)
		return lerr_set(err, LERR_USAGE, "%s", V(en, table_no_areas));
	long long cells = (long long)sp->n_areas * sp->n_years * sp->n_nodes * sp->n_measures;
	if (cells > PVT_MAX_CELLS)
		return lerr_set(err, LERR_USAGE, V(en, table_too_many_cells), cells, PVT_MAX_CELLS);
	return 0;
}

/* Query strings hold codes (area and node codes, years, words): they
 * pass as they are; anything else is percent-escaped. */
static void list_param(buf *out, const char *name, const char *const *v, int n)
{
	if (!n)
		return;
	buf_printf(out, "%s%s=", out->len ? "&" : "", name);
	for (int i = 0; i < n; i++) {
		buf_adds(out, i ? "," : "");
		for (const unsigned char *c = (const unsigned char *)v[i]; *c; c++) /* codes pass, the rest escaped */
			if ((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || strchr("._-", *c))
				buf_addc(out, (char)*c);
			else
				buf_printf(out, "%%%02X", *c);
	}
}

void pvt_query_string(buf *out, const model *m, const pvt_spec *sp)
{
	int cap = sp->n_listed + sp->n_years + sp->n_nodes + PVT_N_MEASURES + 1;
	const char **v = xmalloc(sizeof *v * (size_t)cap);
	char (*years)[8] = xmalloc(sizeof *years * (size_t)(sp->n_years + 1));
	buf tail = BUF_INIT; /* appended after the lists: out may hold text before */
	for (int i = 0; i < sp->n_listed; i++)
		v[i] = m->areas[sp->areas[i]].code;
	list_param(&tail, "area", v, sp->n_listed);
	if (sp->level >= 0)
		buf_printf(&tail, "%slevel=%s", tail.len ? "&" : "", model_level_name((enum model_level)sp->level, 1));
	if (sp->within >= 0)
		list_param(&tail, "within", &m->areas[sp->within].code, 1);
	for (int i = 0; i < sp->n_years; i++) {
		snprintf(years[i], sizeof years[i], "%d", sp->years[i]);
		v[i] = years[i];
	}
	list_param(&tail, "year", v, sp->n_years);
	for (int i = 0; i < sp->n_nodes; i++)
		v[i] = m->nodes[sp->nodes[i]].code;
	list_param(&tail, "form", v, sp->n_nodes);
	for (int i = 0; i < sp->n_measures; i++)
		v[i] = measure_codes[sp->measures[i]];
	list_param(&tail, "measure", v, sp->n_measures);
	buf_printf(&tail, "&rows=%s&cols=%s", dim_codes[sp->rows], dim_codes[sp->cols]);
	if (sp->edition)
		list_param(&tail, "edition", &sp->edition, 1);
	if (sp->geography)
		buf_printf(&tail, "&geography=%d", sp->geography);
	buf_add(out, tail.ptr, tail.len);
	buf_release(&tail);
	free(years);
	free(v);
}

/* ------------------------------------------------------------------ cube */

/* The grids of one year (and the year before, for changes) and rung 6,
 * which is no cell of a grid but the wage employees minus rung 5. */
typedef struct year_read {
	calc_grid *g[2];            /* [0] the year, [1] the year before (NULL when no change is asked) */
	calc_value *rung6[2], *wage;
} year_read;

static void year_read_free(year_read *y)
{
	for (int k = 0; k < 2; k++) {
		calc_grid_free(y->g[k]);
		free(y->rung6[k]);
	}
	free(y->wage);
}

static int wants_change(const pvt_spec *sp)
{
	for (int i = 0; i < sp->n_measures; i++)
		if (sp->measures[i] == PVT_CHANGE || sp->measures[i] == PVT_CHANGE_PCT)
			return 1;
	return 0;
}

static int year_read_open(store *s, const model *m, const pvt_spec *sp, int year, int edition, year_read *y, lerr *err)
{
	memset(y, 0, sizeof *y);
	int n_years = wants_change(sp) ? 2 : 1;
	for (int k = 0; k < n_years; k++) {
		if (!(y->g[k] = calc_grid_load_protected(s, m, edition, year - k, err)))
			return LERR_DB;
		y->rung6[k] = xcalloc((size_t)m->n_areas + 1, sizeof(calc_value));
		if (calc_rung6_year(s, m, y->g[k], year - k, edition, y->rung6[k], err) < 0)
			return LERR_DB;
	}
	y->wage = xcalloc((size_t)m->n_areas + 1, sizeof(calc_value));
	return calc_context_year(s, m, year, "wage_employees", edition, y->wage, err);
}

static calc_value node_value(const model *m, const year_read *y, int k, int a, int node)
{
	if (!y->g[k])
		return (calc_value){0, 0, 0};
	if (node == m->rung_node[6])
		return y->rung6[k][a];
	return calc_grid_get(y->g[k], a, node);
}

static calc_value measure_value(const model *m, const year_read *y, enum pvt_measure k, int a, int node)
{
	calc_value v = node_value(m, y, 0, a, node);
	switch (k) {
	case PVT_PERSONS:
		return v;
	case PVT_SHARE:
		return calc_ratio(v, node == m->rung_node[6] ? y->wage[a] : node_value(m, y, 0, a, m->headline));
	case PVT_CHANGE:
		return calc_minus(v, node_value(m, y, 1, a, node));
	default:
		return calc_ratio(calc_minus(v, node_value(m, y, 1, a, node)), node_value(m, y, 1, a, node));
	}
}

static size_t cube_at(const pvt_spec *sp, int mi, int yi, int ai, int ni)
{
	return (((size_t)mi * (size_t)sp->n_years + (size_t)yi) * (size_t)sp->n_areas + (size_t)ai) * (size_t)sp->n_nodes +
	       (size_t)ni;
}

calc_value pvt_get(const pvt_cube *c, int mi, int yi, int ai, int ni)
{
	return c->v[cube_at(c->sp, mi, yi, ai, ni)];
}

static int cube_year(pvt_cube *c, store *s, int yi, lerr *err)
{
	const pvt_spec *sp = c->sp;
	const model *m = c->m;
	int edition;
	if (calc_edition_id(s, sp->edition, sp->years[yi], &edition, err) < 0)
		return LERR_DB;
	if (!edition)
		return 0; /* no figures: every value stays unknown */
	if (store_edition_code(s, edition, c->edition[yi], err) < 0)
		return LERR_DB;
	year_read y;
	int rc = year_read_open(s, m, sp, sp->years[yi], edition, &y, err);
	for (int mi = 0; mi < sp->n_measures && rc == 0; mi++)
		for (int ai = 0; ai < sp->n_areas; ai++)
			for (int ni = 0; ni < sp->n_nodes; ni++) {
				calc_value v = measure_value(m, &y, (enum pvt_measure)sp->measures[mi], sp->areas[ai], sp->nodes[ni]);
				if (!rnd_value_shown(v))
					v.v = 0; /* a hidden number goes no further */
				c->v[cube_at(sp, mi, yi, ai, ni)] = v;
				c->flags |= v.flags;
			}
	year_read_free(&y);
	return rc;
}

pvt_cube *pvt_cube_new(store *s, const model *m, const pvt_spec *sp, lerr *err)
{
	pvt_cube *c = xcalloc(1, sizeof *c);
	c->m = m;
	c->sp = sp;
	c->v = xcalloc(cube_at(sp, sp->n_measures, 0, 0, 0) + 1, sizeof *c->v);
	c->edition = xcalloc((size_t)sp->n_years + 1, sizeof *c->edition);
	for (int yi = 0; yi < sp->n_years; yi++)
		if (cube_year(c, s, yi, err) < 0) {
			pvt_cube_free(c);
			return NULL;
		}
	return c;
}

void pvt_cube_free(pvt_cube *c)
{
	if (!c)
		return;
	free(c->v);
	free(c->edition);
	free(c);
}
