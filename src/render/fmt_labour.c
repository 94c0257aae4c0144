/* fmt_labour.c - the labour-market context ("1-2-3") and its series in
 * every format. JSON keys are a contract like show's (docs/json-contract.md). */
#include "render.h"
#include "../engine/labour.h"
#include "../base/vocab.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const rnd_column view_cols[] = {
	{"indicator", VOCAB_PAIR(page_indicator)}, {"value", VOCAB_PAIR(page_value)},
};

static void row(rnd_table *t, const char *label, enum rnd_kind kind, calc_value v)
{
	rnd_cell *r = rnd_table_row(t);
	rnd_set_text(t, r, 0, label);
	if (v.known)
		rnd_set_num(r, 1, kind, v.v, v.flags & ~(unsigned)CALC_ROLLED_UP);
	else
		rnd_set_num(r, 1, CELL_NULL, 0, v.flags & ~(unsigned)CALC_ROLLED_UP);
}

static const char *const group_nl[LABOUR_GROUPS] = {"laaggeschoold", "twee jaar of langer werkloos", "50 jaar of ouder",
						    "met migratieachtergrond", "met arbeidsbeperking"};
static const char *const group_en[LABOUR_GROUPS] = {"low-skilled", "unemployed two years or more", "aged 50 or over",
						    "with a migration background", "with a work disability"};
static const char *const group_key[LABOUR_GROUPS] = {"low_skilled", "long_term", "aged_50_plus", "migration_background",
						     "work_disability"};

static void people_view(buf *out, const labour_view *v, const rnd_opts *o)
{
	int en = o->english, md = o->format == RND_MD;
	const model_area *a = &v->m->areas[v->area];
	buf_printf(out, md ? "## %s %s (%s %s), %d\n\n" : "%s %s (%s %s), %d\n\n", V(en, page_labour_market),
		   model_area_name(a, en), model_level_name(a->level, en), a->code, v->year);
	rnd_table *t1 = rnd_table_new(view_cols, 2), *t2 = rnd_table_new(view_cols, 2), *t3 = rnd_table_new(view_cols, 2);
	t1->title = V(en, labour_1_people_at_work);
	t2->title = V(en, labour_2_non_working_job_seekers);
	t3->title = V(en, labour_3_people_outside_the_labour_force);
	row(t1, V(en, employment_rate), CELL_PERCENT, v->employment_rate);
	char *label = v->target_year ? xasprintf(V(en, labour_employment_rate_target), v->target_year)
				     : xstrdup(V(en, labour_employment_rate_target_2));
	row(t1, label, CELL_PERCENT, v->employment_target);
	free(label);
	row(t1, V(en, labour_gap_to_the_target_percentage_points), CELL_DECIMAL,
	    v->target_gap_pp);
	row(t1, V(en, labour_gap_to_the_target_in_persons_more),
	    CELL_COUNT, v->target_gap_persons);
	row(t1, V(en, report_people_at_work), CELL_COUNT, v->employed);
	row(t2, V(en, labour_non_working_job_seekers_annual), CELL_COUNT,
	    v->job_seekers);
	row(t2, V(en, labour_in_at_least_one_disadvantaged_group), CELL_PERCENT,
	    v->kansengroep_share);
	for (int i = 0; i < LABOUR_GROUPS; i++) {
		char *g = xasprintf("  %s", en ? group_en[i] : group_nl[i]);
		row(t2, g, CELL_PERCENT, v->groups[i]);
		free(g);
	}
	row(t2, V(en, labour_unemployment_rate), CELL_PERCENT, v->unemployment_rate);
	row(t3, V(en, labour_people_outside_the_labour_force), CELL_COUNT, v->outside_labour_force);
	row(t3, V(en, labour_share_of_the_population_aged_18_64), CELL_PERCENT,
	    v->outside_share);
	row(t3, V(en, labour_long_term_sick_and_invalids), CELL_COUNT, v->sick_or_invalid);
	row(t3, V(en, labour_share_of_the_people_outside_the), CELL_PERCENT,
	    v->sick_share);
	rnd_table *ts[] = {t1, t2, t3};
	for (int i = 0; i < 3; i++) {
		rnd_table_render(out, ts[i], o);
		buf_addc(out, '\n');
		rnd_table_free(ts[i]);
	}
	if (v->band_mismatch)
		buf_printf(out, V(en, labour_note_the_gap_in_persons_uses_the));
	char *legend = rnd_flag_legend(v->flags, en);
	if (legend) {
		buf_printf(out, md ? "\n*%s: %s*\n" : "%s: %s\n", V(en, annex_symbols), legend);
		free(legend);
	}
}

static void jval(buf *out, const char *key, calc_value v, int first)
{
	buf_printf(out, "%s\n  \"%s\": ", first ? "" : ",", key);
	if (v.known)
		rnd_plain(out, v.v);
	else
		buf_adds(out, "null");
}

static void json_view(buf *out, const labour_view *v, const rnd_opts *o)
{
	const model_area *a = &v->m->areas[v->area];
	buf_adds(out, "{\n  \"area\": {\"code\": ");
	rnd_json_string(out, a->code);
	buf_adds(out, ", \"name\": ");
	rnd_json_string(out, model_area_name(a, o->english));
	buf_printf(out, "},\n  \"year\": %d", v->year);
	jval(out, "employment_rate", v->employment_rate, 0);
	jval(out, "employment_target", v->employment_target, 0);
	buf_adds(out, ",\n  \"target_year\": ");
	if (v->target_year)
		buf_printf(out, "%d", v->target_year);
	else
		buf_adds(out, "null");
	jval(out, "target_gap_pp", v->target_gap_pp, 0);
	jval(out, "target_gap_persons", v->target_gap_persons, 0);
	buf_printf(out, ",\n  \"target_gap_population\": \"%s\"", v->population_indicator);
	jval(out, "employed", v->employed, 0);
	jval(out, "job_seekers", v->job_seekers, 0);
	jval(out, "job_seekers_kansengroep_share", v->kansengroep_share, 0);
	buf_adds(out, ",\n  \"job_seeker_groups\": {");
	for (int i = 0; i < LABOUR_GROUPS; i++) {
		buf_printf(out, "%s\"%s\": ", i ? ", " : "", group_key[i]);
		if (v->groups[i].known)
			rnd_plain(out, v->groups[i].v);
		else
			buf_adds(out, "null");
	}
	buf_adds(out, "}");
	jval(out, "unemployment_rate", v->unemployment_rate, 0);
	jval(out, "outside_labour_force", v->outside_labour_force, 0);
	jval(out, "outside_labour_force_share", v->outside_share, 0);
	jval(out, "sick_or_invalid", v->sick_or_invalid, 0);
	jval(out, "sick_or_invalid_share", v->sick_share, 0);
	buf_adds(out, ",\n  \"flags\": [");
	static const struct { unsigned bit; const char *name; } names[] = {
		{CALC_ESTIMATED, "estimated"}, {CALC_SYNTHETIC, "synthetic"}, {CALC_CONFIDENTIAL, "confidential"},
	};
	int n = 0;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (v->flags & names[i].bit)
			buf_printf(out, "%s\"%s\"", n++ ? ", " : "", names[i].name);
	buf_adds(out, "]\n}\n");
}

static void csv_view(buf *out, const labour_view *v)
{
	const model_area *a = &v->m->areas[v->area];
	buf_adds(out, "area,year,metric,value,flag\n");
	struct { const char *k; calc_value v; } rows[] = {
		{"employment_rate", v->employment_rate}, {"employment_target", v->employment_target},
		{"target_gap_pp", v->target_gap_pp}, {"target_gap_persons", v->target_gap_persons},
		{"employed", v->employed}, {"job_seekers", v->job_seekers},
		{"job_seekers_kansengroep_share", v->kansengroep_share}, {"unemployment_rate", v->unemployment_rate},
		{"outside_labour_force", v->outside_labour_force}, {"outside_labour_force_share", v->outside_share},
		{"sick_or_invalid", v->sick_or_invalid}, {"sick_or_invalid_share", v->sick_share},
	};
	for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		buf_printf(out, "%s,%d,%s,", a->code, v->year, rows[i].k);
		if (rows[i].v.known)
			rnd_plain(out, rows[i].v.v);
		buf_printf(out, ",%s\n", rnd_flag_word(rows[i].v.flags));
	}
	for (int i = 0; i < LABOUR_GROUPS; i++) {
		/* machine names are the indicator codes */
		buf_printf(out, "%s,%d,%s,", a->code, v->year, labour_group_indicators[i]);
		if (v->groups[i].known)
			rnd_plain(out, v->groups[i].v);
		buf_printf(out, ",%s\n", rnd_flag_word(v->groups[i].flags));
	}
}

void rnd_labour_render(buf *out, const labour_view *v, const rnd_opts *o)
{
	if (o->format == RND_JSON)
		json_view(out, v, o);
	else if (o->format == RND_CSV)
		csv_view(out, v);
	else
		people_view(out, v, o);
}

static const rnd_column series_cols[] = {
	{"year", VOCAB_PAIR(page_year)},
	{"employment_rate", VOCAB_PAIR(employment_rate)},
	{"employment_target", VOCAB_PAIR(report_target)},
	{"employed", VOCAB_PAIR(report_people_at_work)},
	{"job_seekers", VOCAB_PAIR(col_job_seekers)},
	{"outside_labour_force", VOCAB_PAIR(page_outside_the_labour_force)},
	{"sick_or_invalid", VOCAB_PAIR(col_sick_and_invalid)},
};

void rnd_series_render(buf *out, const labour_series *s, const rnd_opts *o)
{
	const model_area *a = &s->m->areas[s->area];
	rnd_table *t = rnd_table_new(series_cols, 7);
	int people = o->format == RND_TABLE || o->format == RND_MD;
	for (int i = 0; i < s->n; i++) {
		const labour_point *p = &s->points[i];
		rnd_cell *r = rnd_table_row(t);
		if (people) {
			char y[8];
			snprintf(y, sizeof y, "%d", p->year);
			rnd_set_text(t, r, 0, y);
		} else {
			rnd_set_num(r, 0, CELL_COUNT, p->year, 0);
		}
		const calc_value *vals[] = {&p->employment_rate, &p->employment_target, &p->employed, &p->job_seekers,
					    &p->outside_labour_force, &p->sick_or_invalid};
		for (int k = 0; k < 6; k++) {
			enum rnd_kind kind = k < 2 ? CELL_PERCENT : CELL_COUNT;
			if (vals[k]->known)
				rnd_set_num(r, k + 1, kind, vals[k]->v, vals[k]->flags & ~(unsigned)CALC_ROLLED_UP);
			else
				rnd_set_num(r, k + 1, CELL_NULL, 0, 0);
		}
	}
	if (o->format == RND_JSON) {
		buf_adds(out, "{\"area\": {\"code\": ");
		rnd_json_string(out, a->code);
		buf_adds(out, ", \"name\": ");
		rnd_json_string(out, model_area_name(a, o->english));
		buf_adds(out, "}, \"series\": [");
		for (int i = 0; i < s->n; i++) {
			const labour_point *p = &s->points[i];
			const calc_value *vals[] = {&p->employment_rate, &p->employment_target, &p->employed, &p->job_seekers,
						    &p->outside_labour_force, &p->sick_or_invalid};
			buf_printf(out, "%s\n {\"year\": %d", i ? "," : "", p->year);
			buf flags = BUF_INIT;
			for (int k = 0; k < 6; k++) {
				buf_printf(out, ", \"%s\": ", series_cols[k + 1].key);
				if (vals[k]->known)
					rnd_plain(out, vals[k]->v);
				else
					buf_adds(out, "null");
				const char *w = rnd_flag_word(vals[k]->flags);
				if (*w)
					buf_printf(&flags, "%s\"%s\": \"%s\"", flags.len ? ", " : "", series_cols[k + 1].key, w);
			}
			buf_printf(out, ", \"flags\": {%s}}", buf_cstr(&flags));
			buf_release(&flags);
		}
		buf_printf(out, "%s], \"flags\": [", s->n ? "\n" : "");
		static const struct { unsigned bit; const char *name; } names[] = {
			{CALC_ESTIMATED, "estimated"}, {CALC_SYNTHETIC, "synthetic"}, {CALC_CONFIDENTIAL, "confidential"},
		};
		int nf = 0;
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (s->flags & names[i].bit)
				buf_printf(out, "%s\"%s\"", nf++ ? ", " : "", names[i].name);
		buf_adds(out, "]}\n");
	} else {
		if (people) {
			char *title = xasprintf(V(o->english, labour_labour_market),
						model_area_name(a, o->english), a->code, s->points[0].year, s->points[s->n - 1].year);
			buf_printf(out, o->format == RND_MD ? "## %s\n\n" : "%s\n\n", title);
			free(title);
		}
		rnd_table_render(out, t, o);
		char *legend = people ? rnd_flag_legend(s->flags, o->english) : NULL;
		if (legend) {
			buf_printf(out, "\n%s: %s\n", V(o->english, annex_symbols), legend);
			free(legend);
		}
	}
	rnd_table_free(t);
}
