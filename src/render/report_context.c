/* report_context.c - the report's labour-market context: the 1-2-3 of
 * the labour market, the employment rate against its target, job seekers
 * and their kansengroepen, people outside the labour force (report_build.h). */
#include "report_build.h"
#include "../engine/labour.h"
#include "../base/vocab.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------- labour-market context */

/* Lines over the years in which any of the series has a value. */
static void labour_lines(rpt_bld *b, const labour_series *ls, const char *title, const char *const *names, const int *target,
			 size_t off0, size_t off1, int percent)
{
	int first = -1, last = -1;
	for (int k = 0; k < ls->n; k++) {
		const calc_value *a = (const calc_value *)((const char *)&ls->points[k] + off0);
		const calc_value *c = (const calc_value *)((const char *)&ls->points[k] + off1);
		/* a target applies to every year: it does not make a year count */
		if (a->known || (!target[1] && c->known)) {
			if (first < 0)
				first = k;
			last = k;
		}
	}
	if (first < 0)
		return;
	int n = last - first + 1;
	int *years = xmalloc(sizeof *years * (size_t)n);
	calc_value *vals = xmalloc(sizeof *vals * (size_t)n * 2);
	buf desc = BUF_INIT;
	for (int sidx = 0; sidx < 2; sidx++) {
		buf_printf(&desc, "%s:", names[sidx]);
		for (int k = 0; k < n; k++) {
			const labour_point *p = &ls->points[first + k];
			years[k] = p->year;
			vals[sidx * n + k] = *(const calc_value *)((const char *)p + (sidx ? off1 : off0));
			rb_desc_point(b, &desc, years[k], vals[sidx * n + k], percent);
		}
		buf_addc(&desc, ' ');
	}
	chart_series ser[2] = {{names[0], vals, target[0], NULL, model_map_label_year(b->m)}, {names[1], vals + n, target[1], NULL, model_map_label_year(b->m)}};
	if (n > 1) {
		rb_add_chart(b, chart_lines(rb_chart_id(b), title, desc.ptr, years, n, ser, 2, percent, b->en));
	} else { /* one year is no line: its figures as a sentence */
		buf fig = BUF_INIT;
		for (int sidx = 0; sidx < 2; sidx++)
			buf_printf(&fig, "%s%s %s", sidx ? "; " : "", names[sidx], rb_v(b, vals[sidx], percent));
		char *one = xasprintf(V(b->en, report_one_year_no_chart), title, years[0], fig.ptr);
		buf_release(&fig);
		rb_para(b, RPT_PARA, "%s", one);
		free(one);
	}
	buf_release(&desc);
	free(years);
	free(vals);
}

void rb_context_section(rpt_bld *b)
{
	calc_ladder *l = b->l;
	rb_heading(b, 1, V(b->en, report_the_labour_market_context), "context");
	if (rb_unknown(l->wage_employees))
		rb_para(b, RPT_PARA, V(b->en, report_rungs_5_and_6_no_wage_employees), b->d->area_name, b->d->year);
	else if (rb_unknown(l->rung[6]) || rb_unknown(l->share_of_wage_employment))
		rb_para(b, RPT_PARA, V(b->en, report_rungs_5_and_6_wage_employees), rb_v(b, l->wage_employees, 0), b->d->area_name,
		     b->d->year);
	else
		rb_para(b, RPT_PARA,
		     V(b->en, report_rungs_5_and_6_together_are_wage),
		     rb_v(b, l->wage_employees, 0), b->d->area_name, b->d->year, rb_v(b, l->rung[6], 0), rb_v(b, l->rung_share[6], 1),
		     rb_v(b, l->share_of_wage_employment, 1));
	lerr e;
	const char *ed = *l->edition_code ? l->edition_code : NULL;
	labour_view *lv = labour_view_new(b->s, b->m, b->area, b->d->year, ed, &e);
	labour_series *ls = lv ? labour_series_new(b->s, b->m, b->area, b->d->year - 20, b->d->year, ed, &e) : NULL;
	int known = lv && (lv->employment_rate.known || lv->job_seekers.known || lv->outside_labour_force.known);
	if (!known) {
		rb_para(b, RPT_NOTE,
		     V(b->en, report_for_the_database_has_no_labour),
		     b->d->area_name);
		labour_view_free(lv);
		labour_series_free(ls);
		return;
	}
	rb_heading(b, 2, V(b->en, report_a_look_at_the_labour_market_1_2_3), "context-123");
	if (lv->outside_share.known)
		rb_para(b, RPT_PARA,
		     V(b->en, report_of_the_potential_labour_force_in_is),
		     rb_v(b, lv->outside_share, 1), b->d->area_name, rb_v(b, lv->outside_labour_force, 0));
	{
		const char *labels[3] = {V(b->en, report_people_at_work), V(b->en, report_unemployed_job_seekers),
					 V(b->en, report_outside_the_labour_force)};
		calc_value vals[3] = {lv->employed, lv->job_seekers, lv->outside_labour_force};
		char *t = xasprintf(V(b->en, report_the_labour_market_in_1_2_3), b->d->area_name, b->d->year);
		buf desc = BUF_INIT;
		for (int i = 0; i < 3; i++)
			buf_printf(&desc, "%d %s: %s. ", i + 1, labels[i], rb_v(b, vals[i], 0));
		rb_add_chart(b, chart_account(rb_chart_id(b), t, desc.ptr, labels, vals, 3, b->en));
		buf_release(&desc);
		free(t);
	}
	rb_heading(b, 2, V(b->en, report_1_people_at_work_employment_rate), "context-werkenden");
	if (lv->employment_rate.known) {
		buf t = BUF_INIT;
		buf_printf(&t, V(b->en, report_employment_rate), b->d->year, rb_v(b, lv->employment_rate, 1));
		/* a target already reached is said so, not as "-0,3 to go" */
		int beyond = lv->target_gap_pp.known && lv->target_gap_pp.v <= 0;
		calc_value pp = lv->target_gap_pp, persons = lv->target_gap_persons;
		if (beyond) {
			pp.v = -pp.v;
			persons.v = -persons.v;
		}
		if (lv->employment_target.known)
			buf_printf(&t, beyond ? V(b->en, report_target_exceeded_by_percentage_points)
				   : V(b->en, report_target_in_percentage_points_to_go),
				   rb_v(b, lv->employment_target, 1), lv->target_year, rb_points(b, pp));
		if (persons.known && persons.v != 0)
			buf_printf(&t, beyond ? V(b->en, report_people_at_work_beyond_the_target) : V(b->en, report_more_people_at_work),
				   rb_v(b, persons, 0));
		buf_adds(&t, ".");
		rb_para(b, RPT_PARA, "%s", t.ptr);
		buf_release(&t);
	}
	if (ls) {
		const char *names[2] = {V(b->en, employment_rate), V(b->en, report_target)};
		const int tg[2] = {0, 1};
		char *title = xasprintf(V(b->en, report_employment_rate_against_its_target),
					b->d->area_name);
		labour_lines(b, ls, title, names, tg, offsetof(labour_point, employment_rate), offsetof(labour_point, employment_target), 1);
		free(title);
	}
	rb_heading(b, 2, V(b->en, report_2_and_3_job_seekers_and_invalids), "context-werkzoekenden");
	if (lv->job_seekers.known) {
		buf t = BUF_INIT;
		buf_printf(&t, V(b->en, report_unemployed_job_seekers_2), rb_v(b, lv->job_seekers, 0));
		if (lv->kansengroep_share.known)
			buf_printf(&t, V(b->en, report_altogether_of_them_belong_to_a),
				   rb_v(b, lv->kansengroep_share, 1));
		if (lv->sick_or_invalid.known)
			buf_printf(&t, V(b->en, report_long_term_sick_and_invalids_of_the),
				   rb_v(b, lv->sick_or_invalid, 0), rb_v(b, lv->sick_share, 1));
		buf_adds(&t, ".");
		rb_para(b, RPT_PARA, "%s", t.ptr);
		buf_release(&t);
	}
	if (ls) {
		const char *names[2] = {V(b->en, report_invalids), V(b->en, report_unemployed_job_seekers)};
		const int tg[2] = {0, 0};
		char *title = xasprintf(V(b->en, report_invalids_against_job_seekers), b->d->area_name);
		labour_lines(b, ls, title, names, tg, offsetof(labour_point, sick_or_invalid), offsetof(labour_point, job_seekers), 0);
		free(title);
	}
	labour_view_free(lv);
	labour_series_free(ls);
}
