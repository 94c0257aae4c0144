/* labour.c - the labour-market context. See labour.h. */
#include "labour.h"

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
	return *id ? 0 : lerr_set(err, LERR_NOTFOUND, "unknown edition '%s'", code);
}

/* The target that applies in year: the nearest target year at or after it,
 * else the latest; the area's own, else its parents'. */
static calc_value target_for(store *s, const model *m, int area, int year, int *target_year)
{
	calc_value v = {0, 0, 0};
	int ii = model_indicator_index(m, "employment_target");
	*target_year = 0;
	if (ii < 0)
		return v;
	sqlite3_stmt *st;
	lerr e;
	if (store_prepare(s,
			  "SELECT c.year, c.value FROM context c JOIN edition e ON e.id = c.edition"
			  " WHERE c.area = ? AND c.indicator = ? AND c.value IS NOT NULL"
			  " ORDER BY c.year >= ?3 DESC, CASE WHEN c.year >= ?3 THEN c.year ELSE -c.year END,"
			  " CAST(e.code AS INTEGER) DESC LIMIT 1",
			  &st, &e) < 0)
		return v;
	for (int a = area; a >= 0 && !v.known; a = m->areas[a].parent) {
		sqlite3_bind_int(st, 1, m->areas[a].id);
		sqlite3_bind_int(st, 2, m->indicators[ii].id);
		sqlite3_bind_int(st, 3, year);
		if (sqlite3_step(st) == SQLITE_ROW) {
			*target_year = sqlite3_column_int(st, 0);
			v.v = sqlite3_column_double(st, 1);
			v.known = 1;
		}
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
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
#define CTX(ind) calc_context(s, m, area, year, ind, ed)
	v->employment_rate = CTX("employment_rate");
	v->employment_target = target_for(s, m, area, year, &v->target_year);
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
		return lerr_set(err, LERR_USAGE, "--from %d comes after --to %d", from, to), NULL;
	labour_series *r = xcalloc(1, sizeof *r);
	r->m = m;
	r->area = area;
	r->points = xcalloc((size_t)(to - from + 1), sizeof *r->points);
	for (int y = from; y <= to; y++) {
		labour_point *p = &r->points[r->n++];
		p->year = y;
		p->employment_rate = calc_context(s, m, area, y, "employment_rate", ed);
		int ty;
		p->employment_target = target_for(s, m, area, y, &ty);
		p->employed = calc_context(s, m, area, y, "employed", ed);
		p->job_seekers = calc_context(s, m, area, y, "job_seekers", ed);
		p->outside_labour_force = calc_context(s, m, area, y, "outside_labour_force", ed);
		p->sick_or_invalid = calc_context(s, m, area, y, "sick_or_invalid", ed);
		r->flags |= p->employment_rate.flags | p->employed.flags | p->job_seekers.flags |
			    p->outside_labour_force.flags | p->sick_or_invalid.flags;
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
