/* demo_full.c - `ladder demo --full`: a complete synthetic edition made by
 * code at demo time (see docs/demo.md), so that the repository holds rules,
 * not a large CSV, and every run gives the same bytes.
 *
 * Every Flemish municipality on the map of each year 2003-2025, every work
 * form of the catalogue in the years it is valid, the labour-market context
 * of data/ref/indicators.csv; all flagged synthetic. Figures start as a
 * Flemish level per work form (form_levels), go to the provinces and within
 * them to the municipalities by population (the 2019 inhabitants of the demo,
 * a merged municipality's as the sum of its parts), each split by the
 * largest remainder so that the parts add up exactly. Arrondissements,
 * provinces and the region are left to ladder's sums. Where the seed reports
 * a province's figure (West-Vlaanderen 2016 and 2017), the province's values
 * are fitted to it exactly, and every year of that work form or indicator is
 * scaled alike so that the series runs through the seed without a jump. */
#include "cli.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Flemish level of a work form in 2017 (or of level_2019 from 2019, when
 * a reform moved people into it), its yearly growth and, for a programme that
 * started from nothing, the years it took to reach its level. Rough orders of
 * magnitude, not observations. A work form missing here gets default_level. */
typedef struct form_level {
	const char *code;
	double level, growth, level_2019;
	int ramp;
} form_level;

static const form_level form_levels[] = {
	{"dienstencheques", 95000, 0.03, 0, 5},
	{"jongeren_arbeidsdeelname", 12000, 0.01, 0, 0},
	{"maatwerkbedrijf", 2500, 0.01, 26000, 0},
	{"beschutte_werkplaats", 17500, 0.01, 0, 0},
	{"sociale_werkplaats", 5200, 0, 0, 0},
	{"invoegbedrijf", 2500, 0, 0, 0},
	{"lde", 4200, 0.02, 0, 2},
	{"vop", 21000, 0.04, 0, 0},
	{"sine", 3000, -0.02, 0, 0},
	{"doelgroep_jongeren", 24000, 0.02, 0, 0},
	{"doelgroep_ouderen", 120000, 0.03, 0, 0},
	{"tewerkstellingspremie_50plus", 14000, 0, 0, 0},
	{"activa", 45000, 0, 0, 0},
	{"activering_se", 900, 0, 0, 0},
	{"maatwerkafdeling", 1800, 0.05, 0, 0},
	{"individueel_maatwerk", 32000, 0.03, 0, 0},
	{"art60", 7000, 0.02, 0, 0},
	{"art61", 350, 0, 0, 0},
	{"wep_plus", 1600, 0, 0, 0},
	{"twe", 7500, 0.02, 0, 0},
	{"tat", 5800, 0, 0, 0},
	{"gesco_opleiding", 900, 0, 0, 0},
	{"werkplekleren", 42000, 0.03, 0, 0},
	{"starterslabo", 400, 0.05, 0, 2},
	{"duaal_leren", 2000, 0.04, 0, 0},
	{"pwa", 5500, -0.03, 0, 0},
	{"wijkwerken", 6000, 0.02, 0, 0},
	{"doorstroom_arbeidszorg", 900, 0.01, 0, 0},
	{"w2_activeringstraject", 1200, 0.03, 0, 0},
	{"az_sw_decreet_t4", 300, 0, 0, 0},
	{"meerbanenplan_t4", 250, 0, 0, 2},
	{"arbeidszorg_se", 2200, 0.01, 0, 0},
	{"arbeidszorg_ggz", 1500, 0.01, 0, 0},
	{"arbeidszorg_vaph", 3200, 0.01, 0, 0},
	{"arbeidszorg_welzijn", 1200, 0.01, 0, 0},
	{"arbeidszorg_wzd", 600, 0, 0, 0},
	{"az_sw_decreet_t3", 350, 0, 0, 0},
	{"meerbanenplan_t3", 300, 0, 0, 2},
	{"ama", 3000, 0.02, 0, 0},
};
static const form_level default_level = {"", 1000, 0, 0, 0};

/* The employment rate (20-64) and the unemployment rate of Flanders by year,
 * 2003-2025; provinces and cities differ from them by fixed offsets. */
static const double employment_rate[DEMO_FULL_LAST - DEMO_FULL_FIRST + 1] = {
	66.5, 66.8, 67.2, 67.5, 68.3, 69.0, 68.2, 68.6, 69.1, 69.4, 69.6, 70.0, 70.6,
	71.4, 72.9, 73.8, 75.0, 74.6, 75.4, 76.3, 76.6, 76.8, 77.0};
static const double unemployment_rate[DEMO_FULL_LAST - DEMO_FULL_FIRST + 1] = {
	7.4, 8.0, 8.5, 8.2, 7.0, 6.0, 7.4, 7.8, 7.6, 8.1, 8.6, 8.7, 8.5,
	8.0, 7.0, 6.3, 5.6, 6.1, 6.0, 5.6, 5.8, 6.0, 6.1};

/* Indicators made per municipality, in persons (added up by ladder), and
 * those made at every level from sums (percentages). */
enum ind {
	I_POPULATION, I_POP_18_64, I_POP_20_64, I_EMPLOYED, I_JOB_SEEKERS, I_OUTSIDE, I_SICK, I_WAGE,
	I_JS_LOW, I_JS_LONG, I_JS_50, I_JS_MIGR, I_JS_DIS, I_JS_KANS, /* job seekers of a group: counts */
	I_N
};
static const char *const ind_code[I_N] = {
	"population", "population_18_64", "population_20_64", "employed", "job_seekers",
	"outside_labour_force", "sick_or_invalid", "wage_employees", NULL, NULL, NULL, NULL, NULL, NULL};
/* The percentages: numerator and denominator (I_N: employed + job seekers). */
static const struct {
	const char *code;
	int num, den;
} rates[] = {
	{"employment_rate", I_EMPLOYED, I_POP_18_64}, /* as the seed derives it (docs/demo.md) */
	{"unemployment_rate", I_JOB_SEEKERS, I_N},
	{"job_seekers_low_skilled_share", I_JS_LOW, I_JOB_SEEKERS},
	{"job_seekers_long_term_share", I_JS_LONG, I_JOB_SEEKERS},
	{"job_seekers_50plus_share", I_JS_50, I_JOB_SEEKERS},
	{"job_seekers_migration_share", I_JS_MIGR, I_JOB_SEEKERS},
	{"job_seekers_disability_share", I_JS_DIS, I_JOB_SEEKERS},
	{"job_seekers_kansengroep_share", I_JS_KANS, I_JOB_SEEKERS},
};
#define N_RATES ((int)(sizeof rates / sizeof rates[0]))
/* What the seed gives per area: the rates, the persons, the target. */
#define SEED_TARGET (N_RATES + I_N)
#define SEED_SLOTS (SEED_TARGET + 1)

typedef struct gen {
	store *s;
	model *m;
	lerr *err;
	int n_years;
	double *pop2019;      /* by area index: inhabitants on 1 January 2019, 0 when none */
	int *area_of_id;      /* store id -> area index */
	int *node_of_id;      /* store id -> node index */
	int max_area_id, max_node_id;
	double *form_scale;   /* by node index: fitted / generated over the seed's figures */
	double ind_scale[I_N];
	double *fit_sum, *gen_sum; /* by node index, first pass */
	double ind_fit[I_N], ind_gen[I_N];
	int measuring;        /* first pass: only sums, no rows */
	double *scratch;      /* by area index, for concentrate */
	buf fig, ctx;
} gen;

/* ------------------------------------------------------------ splitting */

/* Splits total over n weights: each part the floor of its share, the rest
 * one by one to the largest remainders (ties to the first), so the parts
 * add up to total exactly. All weights 0: equal weights. */
static void split_total(long total, const double *w, int n, long *out)
{
	double sum = 0;
	for (int i = 0; i < n; i++)
		sum += w[i];
	long given = 0;
	double *rem = xmalloc(sizeof *rem * (size_t)(n ? n : 1));
	for (int i = 0; i < n; i++) {
		double share = sum > 0 ? (double)total * w[i] / sum : (double)total / n;
		out[i] = (long)floor(share);
		rem[i] = share - (double)out[i];
		given += out[i];
	}
	for (; given < total && n > 0; given++) {
		int best = 0;
		for (int i = 1; i < n; i++)
			if (rem[i] > rem[best])
				best = i;
		out[best]++;
		rem[best] = -1;
	}
	free(rem);
}

/* -------------------------------------------------------- the geography */

static int year_of(const char *iso)
{
	return iso && *iso ? atoi(iso) : 0;
}

static double pop_of_2025_merger(const gen *g, int a)
{
	int pred[16];
	int n = model_area_predecessors(g->m, a, "2025-01-01", pred, 16);
	if (n == 0)
		return -1;
	double sum = model_area_valid_in_year(&g->m->areas[a], 2024) ? g->pop2019[a] : 0; /* Antwerpen 11002 */
	for (int i = 0; i < n && i < 16; i++)
		sum += g->pop2019[pred[i]];
	return sum;
}

/* A municipality's inhabitants in 2019 terms on the map of year: the
 * reference list's; a municipality of 2025 made of others the sum of its
 * parts; one that merged in 2019 an equal part of what it became (the list
 * has no older populations). */
static double base_pop(const gen *g, int a, int year)
{
	double merged = year >= 2025 ? pop_of_2025_merger(g, a) : -1;
	if (merged >= 0)
		return merged;
	if (model_area_valid_in_year(&g->m->areas[a], 2019))
		return g->pop2019[a];
	const model_succession *su = model_area_successor(g->m, a);
	if (!su)
		return 0;
	int pred[16];
	int n = model_area_predecessors(g->m, su->to, su->effective, pred, 16);
	return g->pop2019[su->to] / (n > 0 ? n : 1);
}

/* Inhabitants grow 0,45 % a year; 2019 is the reference list itself. */
static double pop_in(const gen *g, int a, int year)
{
	return floor(base_pop(g, a, year) * (1 + 0.0045 * (year - 2019)) + 0.5);
}

/* The municipality of the latest map whose territory a lies in (a itself
 * when it never merged). */
static int final_of(const model *m, int a)
{
	const model_succession *su;
	for (int hops = 0; hops < 8 && (su = model_area_successor(m, a)) != NULL; hops++)
		a = su->to;
	return a;
}

/* A municipality's weight in a split: its inhabitants times a size factor,
 * the size being that of the territory it lies in on the latest map, so
 * that a merger changes no one's share (the parts weigh what the whole
 * weighs after it). */
static double weight(const gen *g, int a, int year, double power)
{
	double size = base_pop(g, final_of(g->m, a), DEMO_FULL_LAST);
	return pop_in(g, a, year) * pow(size > 1 ? size : 1, power - 1);
}

static void collect_municipalities(const model *m, int a, int **out, int *n)
{
	const model_area *x = &m->areas[a];
	if (x->level == LEVEL_MUNICIPALITY) {
		*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
		(*out)[(*n)++] = a;
		return;
	}
	for (int i = 0; i < x->n_children; i++)
		collect_municipalities(m, x->children[i], out, n);
}

/* ---------------------------------------------------- figures of a year */

static const form_level *level_of(const char *code)
{
	for (size_t i = 0; i < sizeof form_levels / sizeof form_levels[0]; i++)
		if (strcmp(form_levels[i].code, code) == 0)
			return &form_levels[i];
	return &default_level;
}

static double flemish_level(const model_node *n, int year)
{
	const form_level *fl = level_of(n->code);
	double v = fl->level_2019 > 0 && year >= 2019 ? fl->level_2019 * pow(1 + fl->growth, year - 2019)
						      : fl->level * pow(1 + fl->growth, year - 2017);
	int from = year_of(n->valid_from);
	if (from && year - from < fl->ramp)
		v *= (year - from + 1.0) / (fl->ramp + 1);
	if (from == year && strcmp(n->valid_from + 4, "-01-01") != 0)
		v *= 0.5; /* started during the year */
	return v;
}

/* How strongly a rung gathers in larger municipalities: weights are
 * inhabitants to this power (cities have more of the social economy and of
 * the trajectories per inhabitant). */
static double rung_power(int rung)
{
	return rung == 4 ? 1.12 : rung == 5 ? 1.06 : 1.0;
}

static long subtree(const model *m, int node, const long *val)
{
	const model_node *n = &m->nodes[node];
	if (n->kind == KIND_FORM)
		return val[node];
	long s = 0;
	for (int i = 0; i < n->n_children; i++)
		s += subtree(m, n->children[i], val);
	return s;
}

/* Fits the forms under node to add up to target: children the seed reports
 * get their figure, the others share the rest in proportion to what was
 * generated for them. */
static int fit(const gen *g, int node, long target, long *val, const long *tgt)
{
	const model_node *n = &g->m->nodes[node];
	if (n->kind == KIND_FORM) {
		val[node] = target;
		return 0;
	}
	long rest = target;
	int n_free = 0, *free_child = xmalloc(sizeof *free_child * (size_t)(n->n_children + 1));
	double *w = xmalloc(sizeof *w * (size_t)(n->n_children + 1));
	for (int i = 0; i < n->n_children; i++) {
		int c = n->children[i];
		if (tgt[c] >= 0)
			rest -= tgt[c];
		else if ((w[n_free] = (double)subtree(g->m, c, val)) > 0)
			free_child[n_free++] = c;
	}
	int rc = 0;
	if (rest < 0 || (rest > 0 && n_free == 0))
		rc = lerr_set(g->err, LERR_PARSE, "demo --full: the seed's %s does not add up with its parts", n->code);
	long *part = xmalloc(sizeof *part * (size_t)(n_free + 1));
	split_total(rest > 0 ? rest : 0, w, n_free, part);
	for (int i = 0; i < n->n_children && rc == 0; i++)
		if (tgt[n->children[i]] >= 0)
			rc = fit(g, n->children[i], tgt[n->children[i]], val, tgt);
	for (int i = 0; i < n_free && rc == 0; i++)
		rc = fit(g, free_child[i], part[i], val, tgt);
	free(part);
	free(w);
	free(free_child);
	return rc;
}

static int fit_reported(const gen *g, int node, long *val, const long *tgt)
{
	if (tgt[node] >= 0)
		return fit(g, node, tgt[node], val, tgt);
	const model_node *n = &g->m->nodes[node];
	for (int i = 0; i < n->n_children; i++)
		if (fit_reported(g, n->children[i], val, tgt) < 0)
			return LERR_PARSE;
	return 0;
}

/* The seed's figures of a province and year (not synthetic ones), by node
 * index into tgt (-1 where none). Returns how many there are. */
static int seed_figures(gen *g, int year, int province, long *tgt)
{
	for (int i = 0; i < g->m->n_nodes; i++)
		tgt[i] = -1;
	int ed = 0, n = 0;
	if (store_latest_edition(g->s, "figure", year, &ed, NULL, g->err) < 0 || !ed)
		return 0;
	int id = g->m->areas[province].id;
	store_figures *it;
	if (store_figures_open(g->s, ed, year, &id, 1, &it, g->err) < 0)
		return 0;
	store_figure f;
	while (store_figures_next(it, &f, g->err) > 0)
		if (f.known && strcmp(f.flag, "synthetic") != 0 && f.work_form <= g->max_node_id &&
		    g->node_of_id[f.work_form] >= 0) {
			tgt[g->node_of_id[f.work_form]] = (long)f.persons;
			n++;
		}
	store_figures_close(it);
	return n;
}

/* A small programme is not everywhere: municipalities whose share would be
 * under MIN_SHARE persons get none, and the others share the whole, as in
 * real deliveries where a small programme has a few sites. It leaves no
 * count of 1 to 4 persons, which protection would hide: by territory of the
 * latest map instead, the parts of later mergers kept such counts, and their
 * secondary suppressions hid even provinces' rungs. */
#define MIN_SHARE 5.0
static void concentrate(gen *g, long total, double *w, const int *mun, int n)
{
	double *terr = g->scratch; /* by area index: a municipality's weight */
	for (int round = 0; round < 8; round++) {
		double sum = 0;
		int dropped = 0, keep = -1;
		for (int i = 0; i < n; i++)
			terr[mun[i]] = 0;
		for (int i = 0; i < n; i++) {
			sum += w[i];
			terr[mun[i]] += w[i];
		}
		if (sum <= 0)
			return;
		for (int i = 0; i < n; i++)
			if (keep < 0 || terr[mun[i]] > terr[mun[keep]])
				keep = i;
		for (int i = 0; i < n; i++) {
			int t = mun[i];
			if (w[i] > 0 && (double)total * terr[t] / sum < MIN_SHARE && t != mun[keep]) {
				w[i] = 0;
				dropped = 1;
			}
		}
		if (!dropped)
			return;
	}
}

static void add_figure_rows(gen *g, int year, int form, const int *mun, int n_mun, long total)
{
	double *w = xmalloc(sizeof *w * (size_t)n_mun);
	long *part = xmalloc(sizeof *part * (size_t)n_mun);
	double power = rung_power(g->m->nodes[form].rung);
	for (int i = 0; i < n_mun; i++)
		w[i] = weight(g, mun[i], year, power);
	concentrate(g, total, w, mun, n_mun);
	split_total(total, w, n_mun, part);
	for (int i = 0; i < n_mun; i++)
		buf_printf(&g->fig, "%d;%s;%s;%ld;" DEMO_FULL_EDITION ";synthetic\n", year, g->m->areas[mun[i]].code,
			   g->m->nodes[form].code, part[i]);
	free(part);
	free(w);
}

/* One province's figures of one year: the Flemish level of each valid form
 * split over the provinces (already done: prov_val), fitted to the seed's
 * figures where it has some, then over the province's municipalities. */
static int province_figures(gen *g, int year, int province, long *val)
{
	model *m = g->m;
	long *tgt = xmalloc(sizeof *tgt * (size_t)m->n_nodes);
	int rc = 0;
	if (seed_figures(g, year, province, tgt) > 0) {
		long *before = xmalloc(sizeof *before * (size_t)m->n_nodes);
		memcpy(before, val, sizeof *val * (size_t)m->n_nodes);
		for (int i = 0; i < m->n_nodes && rc == 0; i++)
			if (m->nodes[i].parent < 0) /* the headline, rung 6 beside it */
				rc = fit_reported(g, i, val, tgt);
		for (int i = 0; i < m->n_nodes; i++)
			if (m->nodes[i].kind == KIND_FORM) {
				g->gen_sum[i] += (double)before[i];
				g->fit_sum[i] += (double)val[i];
			}
		free(before);
	}
	free(tgt);
	if (rc < 0 || g->measuring)
		return rc;
	int *mun = NULL, n_mun = 0;
	collect_municipalities(m, province, &mun, &n_mun);
	for (int i = 0; i < m->n_nodes; i++)
		if (m->nodes[i].kind == KIND_FORM && model_node_valid_in_year(&m->nodes[i], year))
			add_figure_rows(g, year, i, mun, n_mun, val[i]);
	free(mun);
	return 0;
}

/* The figures of a year: per valid form, its Flemish level over the
 * provinces by the weight of their municipalities. vals[p]: province p's
 * value per node index. */
static int year_figures(gen *g, int year)
{
	model *m = g->m;
	const model_area *fl = &m->areas[m->flanders];
	int np = fl->n_children, rc = 0;
	long **vals = xcalloc((size_t)np, sizeof *vals);
	double *w = xmalloc(sizeof *w * (size_t)np);
	long *part = xmalloc(sizeof *part * (size_t)np);
	for (int p = 0; p < np; p++)
		vals[p] = xcalloc((size_t)m->n_nodes, sizeof **vals);
	for (int i = 0; i < m->n_nodes; i++) {
		const model_node *n = &m->nodes[i];
		if (n->kind != KIND_FORM || !model_node_valid_in_year(n, year))
			continue;
		for (int p = 0; p < np; p++) {
			int *mun = NULL, n_mun = 0;
			collect_municipalities(m, fl->children[p], &mun, &n_mun);
			w[p] = 0;
			for (int k = 0; k < n_mun; k++)
				w[p] += weight(g, mun[k], year, rung_power(n->rung));
			free(mun);
		}
		split_total(lround(flemish_level(n, year) * g->form_scale[i]), w, np, part);
		for (int p = 0; p < np; p++)
			vals[p][i] = part[p];
	}
	for (int p = 0; p < np && rc == 0; p++)
		rc = province_figures(g, year, fl->children[p], vals[p]);
	for (int p = 0; p < np; p++)
		free(vals[p]);
	free(vals);
	free(w);
	free(part);
	return rc;
}

/* ---------------------------------------------------- context of a year */

static double province_offset(const char *code, double ant, double vbr, double wvl, double ovl, double lim)
{
	switch (code[0]) {
	case '1': return ant;
	case '2': return vbr;
	case '3': return wvl;
	case '4': return ovl;
	default: return lim;
	}
}

/* One municipality's labour market from its inhabitants, its province and
 * its size on the latest map (no observation: rates of Flanders shifted for
 * province and city). */
static void municipality_context(const gen *g, int a, int province, int year, double *v)
{
	const char *pc = g->m->areas[province].code;
	double pop = pop_in(g, a, year);
	int y = year - DEMO_FULL_FIRST;
	double size = base_pop(g, final_of(g->m, a), DEMO_FULL_LAST); /* as weight() */
	double city = size > 150000 ? 2 : size > 60000 ? 1 : 0;
	double er = employment_rate[y] + province_offset(pc, -1.0, 1.0, 1.5, 0.8, -1.8) - 3.0 * city;
	double ur = unemployment_rate[y] * province_offset(pc, 1.15, 0.85, 0.72, 0.95, 1.2) * (1 + 0.4 * city);
	v[I_POPULATION] = pop;
	v[I_POP_18_64] = floor(pop * 0.615 + 0.5);
	v[I_POP_20_64] = floor(pop * 0.585 + 0.5);
	v[I_EMPLOYED] = floor(v[I_POP_18_64] * er / 100 + 0.5); /* on 18-64, as the seed's 74,4 % */
	v[I_JOB_SEEKERS] = floor(v[I_EMPLOYED] * ur / (100 - ur) + 0.5);
	v[I_OUTSIDE] = fmax(0, v[I_POP_18_64] - v[I_EMPLOYED] - v[I_JOB_SEEKERS]);
	v[I_SICK] = floor(v[I_POP_18_64] * (0.045 + 0.0022 * y) + 0.5);
	v[I_WAGE] = floor(pop * 0.36 * pow(size / 20000, 0.12) + 0.5); /* where people work: more in towns */
	double js = v[I_JOB_SEEKERS];
	v[I_JS_LOW] = floor(js * (0.42 + 0.06 * city) + 0.5);
	v[I_JS_LONG] = floor(js * 0.30 + 0.5);
	v[I_JS_50] = floor(js * (0.24 + 0.003 * y) + 0.5);
	v[I_JS_MIGR] = floor(js * (0.16 + 0.01 * y + 0.12 * city) + 0.5);
	v[I_JS_DIS] = floor(js * 0.13 + 0.5);
	v[I_JS_KANS] = floor(js * (0.78 + 0.03 * city) + 0.5);
}

static void add_context_row(gen *g, int year, int a, const char *code, double value, int decimals)
{
	char num[64];
	snprintf(num, sizeof num, "%.*f", decimals, value);
	char *dot = strchr(num, '.');
	if (dot)
		*dot = ','; /* Belgian decimal comma */
	buf_printf(&g->ctx, "%d;%s;%s;%s;" DEMO_FULL_EDITION ";synthetic\n", year, g->m->areas[a].code, code, num);
}

/* The seed's context values of a year and indicator (store ids -> value). */
typedef struct seed_ctx {
	gen *g;
	double *val; /* by area index, NAN where none */
} seed_ctx;

static void seed_ctx_cb(void *arg, int area, int known, double value, const char *flag)
{
	(void)flag;
	seed_ctx *c = arg;
	if (known && area <= c->g->max_area_id && c->g->area_of_id[area] >= 0)
		c->val[c->g->area_of_id[area]] = value;
}

static int seed_context(gen *g, int year, const char *indicator, double *val)
{
	for (int i = 0; i < g->m->n_areas; i++)
		val[i] = NAN;
	int ii = model_indicator_index(g->m, indicator);
	if (ii < 0)
		return 0;
	seed_ctx c = {g, val};
	return store_context_of_year(g->s, year, g->m->indicators[ii].id, 0, seed_ctx_cb, &c, g->err);
}

/* Sums of the municipalities of area a (recursively), per indicator. */
static void sum_context(const model *m, int a, double (*v)[I_N], double *out)
{
	int *mun = NULL, n = 0;
	collect_municipalities(m, a, &mun, &n);
	for (int k = 0; k < I_N; k++)
		out[k] = 0;
	for (int i = 0; i < n; i++)
		for (int k = 0; k < I_N; k++)
			out[k] += v[mun[i]][k];
	free(mun);
}

/* Rates of an area from its sums, except where the seed gives the area's own
 * value (a province's or arrondissement's; the region's estimates are
 * replaced); the region also gets its sums in persons where the seed had an
 * estimate, so that this edition shows its own. */
static void area_rates(gen *g, int year, int a, const double *sum, double (*seed)[SEED_SLOTS])
{
	int region = g->m->areas[a].level == LEVEL_REGION;
	for (int r = 0; r < N_RATES; r++) {
		double den = rates[r].den == I_N ? sum[I_EMPLOYED] + sum[I_JOB_SEEKERS] : sum[rates[r].den];
		if (den > 0 && (region || isnan(seed[a][r])))
			add_context_row(g, year, a, rates[r].code, 100 * sum[rates[r].num] / den, 1);
	}
	for (int k = 0; k < I_N && region; k++)
		if (ind_code[k] && !isnan(seed[a][N_RATES + k]))
			add_context_row(g, year, a, ind_code[k], sum[k], 0);
	if (year == 2020 && (region || isnan(seed[a][SEED_TARGET])))
		add_context_row(g, year, a, "employment_target", 76, 0); /* the Flemish target for 2020 */
}

static void walk_areas(const model *m, int a, int **out, int *n)
{
	*out = xrealloc(*out, sizeof **out * (size_t)(*n + 1));
	(*out)[(*n)++] = a;
	for (int i = 0; i < m->areas[a].n_children; i++)
		if (m->areas[m->areas[a].children[i]].level != LEVEL_MUNICIPALITY)
			walk_areas(m, m->areas[a].children[i], out, n);
}

static int year_context(gen *g, int year)
{
	model *m = g->m;
	int na = m->n_areas, rc = 0;
	double (*v)[I_N] = xcalloc((size_t)na, sizeof *v);
	/* the seed's values per area (SEED_SLOTS) */
	double (*seed)[SEED_SLOTS] = xmalloc(sizeof *seed * (size_t)na);
	double *tmp = xmalloc(sizeof *tmp * (size_t)na);
	for (int k = 0; k < SEED_SLOTS && rc == 0; k++) {
		const char *code = k < N_RATES ? rates[k].code : k == SEED_TARGET ? "employment_target" : ind_code[k - N_RATES];
		if (code)
			rc = seed_context(g, year, code, tmp);
		for (int a = 0; a < na; a++)
			seed[a][k] = code ? tmp[a] : NAN;
	}
	const model_area *fl = &m->areas[m->flanders];
	for (int p = 0; p < fl->n_children && rc == 0; p++) {
		int prov = fl->children[p], *mun = NULL, n_mun = 0;
		collect_municipalities(m, prov, &mun, &n_mun);
		for (int i = 0; i < n_mun; i++) {
			municipality_context(g, mun[i], prov, year, v[mun[i]]);
			for (int k = 0; k < I_N; k++)
				v[mun[i]][k] = floor(v[mun[i]][k] * g->ind_scale[k] + 0.5);
		}
		/* a province whose persons the seed gives: its municipalities add up to them */
		double *w = xmalloc(sizeof *w * (size_t)n_mun);
		long *part = xmalloc(sizeof *part * (size_t)n_mun);
		for (int k = 0; k < I_N; k++) {
			double target = seed[prov][N_RATES + k];
			if (!ind_code[k] || isnan(target))
				continue;
			double gen_sum = 0;
			for (int i = 0; i < n_mun; i++)
				gen_sum += (w[i] = v[mun[i]][k]);
			g->ind_gen[k] += gen_sum;
			g->ind_fit[k] += target;
			split_total(lround(target), w, n_mun, part);
			for (int i = 0; i < n_mun; i++)
				v[mun[i]][k] = (double)part[i];
		}
		free(part);
		free(w);
		for (int i = 0; i < n_mun && !g->measuring; i++) {
			for (int k = 0; k < I_N; k++)
				if (ind_code[k])
					add_context_row(g, year, mun[i], ind_code[k], v[mun[i]][k], 0);
			double one[I_N];
			memcpy(one, v[mun[i]], sizeof one);
			area_rates(g, year, mun[i], one, seed);
		}
		free(mun);
	}
	int *upper = NULL, n_upper = 0;
	walk_areas(m, m->flanders, &upper, &n_upper);
	for (int i = 0; i < n_upper && rc == 0 && !g->measuring; i++) {
		double sum[I_N];
		sum_context(m, upper[i], v, sum);
		area_rates(g, year, upper[i], sum, seed);
	}
	free(upper);
	free(tmp);
	free(seed);
	free(v);
	return rc;
}

/* -------------------------------------------------------------- driver */

static int gen_setup(gen *g)
{
	model *m = g->m;
	for (int i = 0; i < m->n_areas; i++)
		g->max_area_id = m->areas[i].id > g->max_area_id ? m->areas[i].id : g->max_area_id;
	for (int i = 0; i < m->n_nodes; i++)
		g->max_node_id = m->nodes[i].id > g->max_node_id ? m->nodes[i].id : g->max_node_id;
	g->area_of_id = xmalloc(sizeof *g->area_of_id * (size_t)(g->max_area_id + 1));
	g->node_of_id = xmalloc(sizeof *g->node_of_id * (size_t)(g->max_node_id + 1));
	memset(g->area_of_id, -1, sizeof *g->area_of_id * (size_t)(g->max_area_id + 1));
	memset(g->node_of_id, -1, sizeof *g->node_of_id * (size_t)(g->max_node_id + 1));
	for (int i = 0; i < m->n_areas; i++)
		g->area_of_id[m->areas[i].id] = i;
	for (int i = 0; i < m->n_nodes; i++)
		g->node_of_id[m->nodes[i].id] = i;
	g->pop2019 = xcalloc((size_t)m->n_areas, sizeof *g->pop2019);
	g->scratch = xcalloc((size_t)m->n_areas, sizeof *g->scratch);
	double *tmp = xmalloc(sizeof *tmp * (size_t)m->n_areas);
	if (seed_context(g, 2019, "population", tmp) < 0) {
		free(tmp);
		return LERR_DB;
	}
	for (int a = 0; a < m->n_areas; a++)
		if (m->areas[a].level == LEVEL_MUNICIPALITY && model_area_valid_in_year(&m->areas[a], 2019)) {
			if (isnan(tmp[a])) {
				free(tmp);
				return lerr_set(g->err, LERR_PARSE, "demo --full: no 2019 population for %s", m->areas[a].code);
			}
			g->pop2019[a] = tmp[a];
		}
	free(tmp);
	g->form_scale = xmalloc(sizeof *g->form_scale * (size_t)m->n_nodes);
	g->fit_sum = xcalloc((size_t)m->n_nodes, sizeof *g->fit_sum);
	g->gen_sum = xcalloc((size_t)m->n_nodes, sizeof *g->gen_sum);
	for (int i = 0; i < m->n_nodes; i++)
		g->form_scale[i] = 1;
	for (int k = 0; k < I_N; k++)
		g->ind_scale[k] = 1;
	return 0;
}

static void gen_free(gen *g)
{
	free(g->pop2019);
	free(g->scratch);
	free(g->area_of_id);
	free(g->node_of_id);
	free(g->form_scale);
	free(g->fit_sum);
	free(g->gen_sum);
	buf_release(&g->fig);
	buf_release(&g->ctx);
	model_free(g->m);
}

static int gen_all(gen *g)
{
	int rc = 0;
	for (int y = DEMO_FULL_FIRST; y <= DEMO_FULL_LAST && rc == 0; y++) {
		model_set_map(g->m, y);
		rc = year_figures(g, y);
		if (rc == 0)
			rc = year_context(g, y);
	}
	return rc;
}

static int import_text(store *s, const char *name, const buf *b, int english)
{
	/* protected at import, as `ladder import` does: the first page is fast */
	imp_options o = {.english = english, .before_commit = cli_protect_imported, .before_commit_arg = &english};
	imp_report r;
	int rc = imp_run_mem(s, name, buf_cstr(b), b->len, &o, &r);
	if (rc < 0)
		cli_print_import(&r, &o, english);
	imp_report_release(&r);
	return rc < 0 ? CLI_FAILURE : 0;
}

int demo_full_import(store *s, int english)
{
	lerr e;
	gen g = {.s = s, .err = &e};
	g.m = store_load_model(s, &e);
	if (!g.m)
		return cli_error("%s", e.msg);
	if (g.m->flanders < 0) {
		model_free(g.m);
		return cli_error("demo --full: no Flemish Region in the reference data");
	}
	int rc = gen_setup(&g);
	/* first pass: how far the seed's figures lie from the generated ones */
	g.measuring = 1;
	if (rc == 0)
		rc = gen_all(&g);
	for (int i = 0; i < g.m->n_nodes; i++)
		if (g.gen_sum[i] > 0)
			g.form_scale[i] = g.fit_sum[i] / g.gen_sum[i];
	for (int k = 0; k < I_N; k++)
		if (g.ind_gen[k] > 0)
			g.ind_scale[k] = g.ind_fit[k] / g.ind_gen[k];
	g.measuring = 0;
	buf_adds(&g.fig, "year;area;work_form;persons;edition;flag\n");
	buf_adds(&g.ctx, "year;area;indicator;value;edition;flag\n");
	if (rc == 0)
		rc = gen_all(&g);
	if (rc < 0) {
		cli_error("%s", e.msg);
		gen_free(&g);
		return CLI_FAILURE;
	}
	buf ed = BUF_INIT;
	buf_adds(&ed, "edition;ordinal;title;data_year;published;notes\n" DEMO_FULL_EDITION
		      ";;Synthetische demo: alle Vlaamse gemeenten 2003-2025 (geen echte cijfers);2025;;"
		      "Gemaakt door ladder demo --full: verzonnen cijfers, verdeeld naar inwoners, elk cijfer met de vlag synthetic\n");
	/* the edition first: an import of editions raises the reference
	 * generation, which would make the grids the figures' import
	 * protected and cached stale before the first page */
	rc = import_text(s, "demo-full/editions.csv", &ed, english);
	if (rc == 0)
		rc = import_text(s, "demo-full/figures.csv", &g.fig, english);
	if (rc == 0)
		rc = import_text(s, "demo-full/context.csv", &g.ctx, english);
	buf_release(&ed);
	gen_free(&g);
	return rc;
}
