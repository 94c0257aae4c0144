/* labour.c - the labour-market context. See labour.h. */
#include "labour.h"
#include "../base/vocab.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const labour_group_indicators[LABOUR_GROUPS] = {
	"job_seekers_low_skilled_share", "job_seekers_long_term_share", "job_seekers_50plus_share",
	"job_seekers_migration_share", "job_seekers_disability_share",
};

static calc_value ratio(calc_value a, calc_value b)
{
	calc_value r = {0, 0, a.flags | b.flags};
	if (a.known && b.known && b.v != 0) {
		r.v = 100.0 * a.v / b.v;
		r.known = 1;
	}
	return r;
}

static int edition_id(store *s, const char *code, lerr *err, int *id)
{
	*id = 0;
	if (!code)
		return 0;
	if (store_edition(s, code, 0, id, err) < 0)
		return LERR_DB;
	return *id ? 0 : lerr_set(err, LERR_NOTFOUND, V(store_english(s), engine_unknown_edition), code);
}

/* Reads context figures for one area; the first failure is kept in rc (and
 * err) and every later read gives unknown, so that the caller checks once. */
typedef struct reader {
	store *s;
	const model *m;
	int area, edition, rc;
	lerr *err;
} reader;

static calc_value ctx_of(reader *R, int year, const char *indicator)
{
	calc_value v = {0, 0, 0};
	if (R->rc == 0)
		R->rc = calc_context(R->s, R->m, R->area, year, indicator, R->edition, &v, R->err);
	return v;
}

/* The target that applies in year: the nearest target year at or after it,
 * else the latest; the area's own, else its parents'. */
static calc_value target_for(reader *R, int year, int *target_year)
{
	calc_value v = {0, 0, 0};
	int ii = model_indicator_index(R->m, "employment_target");
	*target_year = 0;
	if (ii < 0 || R->rc < 0)
		return v;
	for (int a = R->area; a >= 0 && !v.known; a = R->m->areas[a].parent) {
		store_value sv;
		R->rc = store_context_target(R->s, R->m->areas[a].id, year, R->m->indicators[ii].id, target_year, &sv, R->err);
		if (R->rc < 0)
			return (calc_value){0, 0, 0};
		v = (calc_value){sv.value, sv.known, calc_flag_bits(sv.flag)};
	}
	return v;
}

labour_view *labour_view_new(store *s, const model *m, int area, int year, const char *edition, lerr *err)
{
	int ed;
	if (edition_id(s, edition, err, &ed) < 0)
		return NULL;
	labour_view *v = xcalloc(1, sizeof *v);
	v->m = m;
	v->area = area;
	v->year = year;
	reader R = {s, m, area, ed, 0, err};
#define CTX(ind) ctx_of(&R, year, ind)
	v->employment_rate = CTX("employment_rate");
	v->employment_target = target_for(&R, year, &v->target_year);
	v->employed = CTX("employed");
	/* the gap in persons needs the population of the rate's own age band */
	v->population_indicator = "population_20_64";
	v->population = CTX("population_20_64");
	if (!v->population.known) {
		v->population_indicator = "population_18_64";
		v->population = CTX("population_18_64");
		v->band_mismatch = v->population.known;
	}
	/* both are decimals as published: keep the difference free of binary noise */
	v->target_gap_pp = (calc_value){round((v->employment_target.v - v->employment_rate.v) * 1e9) / 1e9,
					v->employment_target.known && v->employment_rate.known,
					v->employment_target.flags | v->employment_rate.flags};
	v->target_gap_persons = (calc_value){round(v->target_gap_pp.v / 100.0 * v->population.v), /* whole persons */
					     v->target_gap_pp.known && v->population.known,
					     v->target_gap_pp.flags | v->population.flags};
	v->job_seekers = CTX("job_seekers");
	v->kansengroep_share = CTX("job_seekers_kansengroep_share");
	for (int i = 0; i < LABOUR_GROUPS; i++)
		v->groups[i] = CTX(labour_group_indicators[i]);
	v->unemployment_rate = CTX("unemployment_rate");
	v->outside_labour_force = CTX("outside_labour_force");
	v->sick_or_invalid = CTX("sick_or_invalid");
	calc_value pop18 = CTX("population_18_64");
#undef CTX
	if (R.rc < 0) {
		free(v);
		return NULL;
	}
	v->outside_share = ratio(v->outside_labour_force, pop18);
	v->sick_share = ratio(v->sick_or_invalid, v->outside_labour_force);
	const calc_value *all[] = {&v->employment_rate, &v->employment_target, &v->target_gap_persons, &v->employed,
				   &v->job_seekers, &v->kansengroep_share, &v->unemployment_rate,
				   &v->outside_labour_force, &v->outside_share, &v->sick_or_invalid};
	for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
		v->flags |= all[i]->flags;
	return v;
}

void labour_view_free(labour_view *v)
{
	free(v);
}

labour_series *labour_series_new(store *s, const model *m, int area, int from, int to, const char *edition, lerr *err)
{
	int ed;
	if (edition_id(s, edition, err, &ed) < 0)
		return NULL;
	if (from > to)
		return lerr_set(err, LERR_USAGE, V(store_english(s), engine_from_after_to), from, to), NULL;
	labour_series *r = xcalloc(1, sizeof *r);
	r->m = m;
	r->area = area;
	r->points = xcalloc((size_t)(to - from + 1), sizeof *r->points);
	reader R = {s, m, area, ed, 0, err};
	for (int y = from; y <= to && R.rc == 0; y++) {
		labour_point *p = &r->points[r->n++];
		p->year = y;
		p->employment_rate = ctx_of(&R, y, "employment_rate");
		int ty;
		p->employment_target = target_for(&R, y, &ty);
		p->employed = ctx_of(&R, y, "employed");
		p->job_seekers = ctx_of(&R, y, "job_seekers");
		p->outside_labour_force = ctx_of(&R, y, "outside_labour_force");
		p->sick_or_invalid = ctx_of(&R, y, "sick_or_invalid");
		r->flags |= p->employment_rate.flags | p->employment_target.flags | p->employed.flags | p->job_seekers.flags |
			    p->outside_labour_force.flags | p->sick_or_invalid.flags;
	}
	if (R.rc < 0) {
		labour_series_free(r);
		return NULL;
	}
	return r;
}

void labour_series_free(labour_series *s)
{
	if (!s)
		return;
	free(s->points);
	free(s);
}
